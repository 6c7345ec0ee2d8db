import { describe, expect, it } from '@jest/globals';
import { detectCrisis as sut } from './crisis.js';

describe(sut.name, () => {
  describe('urgent', () => {
    it.each([
      'i want to kill myself tonight',
      "I don't want to wake up tomorrow.",
      'Took everything I had. Sorry guys.',
      'going to use it all tonight',
      'tell my kids I love them',
      'this is goodbye',
      'im so tired, i just want to die',
      'everyone would be better off without me',
      'cut myself again last night',
      "my boyfriend isn't breathing and his lips are blue",
      'I bought a rope. I cant keep going like this',
      "sorry everyone. i can't do this anymore 🪦",
      'tried to kill myself last night and I will do it right this time',
      // Families beyond single phrases: a time-bound ending, a whole supply, intent + means + time,
      // symptoms after using, a means at hand, arrangements for after, two farewells.
      'ending things this weekend',
      'gonna swallow the whole bottle of tylenol',
      'the pills are counted out, going to take them after my husband falls asleep',
      "took 8 bars, can't keep my eyes open",
      'sitting in the tub with a knife',
      'the dog needs feeding and the spare key is under the mat',
      'goodbye everyone. you were the only ones who ever tried',
      "I don't plan on waking up tomorrow",
      'how many of my seroquel would it take to not wake up',
      "i shot up everything i had, if i don't wake up that's fine",
    ])('flags %p as urgent', (text) => {
      expect(sut(text).level).toBe('urgent');
    });
  });

  describe('concern', () => {
    it.each([
      "I can't do this anymore",
      "what's the point",
      'my friend said she wants to die',
      "I tried to kill myself two years ago, now I'm 1 year clean",
      'I overdosed last night and woke up in the ER',
      'I want to die lol this withdrawal is hell',
      "I've had suicidal thoughts but I'm safe and have a safety plan",
      "I'm not going to do anything but the thoughts of dying won't leave me alone",
      'I attempted last year after my son died. Still here.',
      'i survived an overdose three days ago',
      'I keep staring at the pills in my cabinet',
    ])('reads %p as concern, not urgent', (text) => {
      expect(sut(text).level).toBe('concern');
    });
  });

  describe('none', () => {
    it.each([
      "I'm not suicidal",
      'I would never kill myself',
      'no thoughts of self-harm',
      'this withdrawal is killing me lol',
      'It took everything I had not to call my dealer',
      'if you feel suicidal, call or text 988',
      'Suicide prevention month starts next week',
      'Goodbye heroin, hello life!',
      'Bye everyone, see you Thursday',
      "Don't give up, day 3 is the worst",
      'The first week off fent you will feel like you want to die. It passes.',
      'I overdosed three times before I got clean. Now I carry narcan.',
      'rip to my old self 🪦',
      'this is my last night at the halfway house!',
      "I'm going to take them all to the movies tonight",
      'ending things with my boyfriend tonight, wish me luck',
      "I'm in the kitchen with a knife making dinner",
      "I hope it's enough to cover rent",
      'goodbye everyone, off to rehab tomorrow. thank you for everything, I love you all',
      'killing it at work, 6 months clean tomorrow',
      "i'm dying to see my kids this weekend",
    ])('leaves %p alone', (text) => {
      expect(sut(text)).toEqual({ level: 'none', spans: [] });
    });
  });

  it('points at the words that raised the level', () => {
    const text = 'honestly i just want to die';
    const { spans } = sut(text);
    expect(spans).toHaveLength(1);
    expect(text.slice(spans[0].start, spans[0].end)).toBe(spans[0].text);
    expect(spans[0].text).toBe('want to die');
  });

  it('escalates hopelessness next to a grave emoji or a plan', () => {
    expect(sut("I can't do this anymore").level).toBe('concern');
    expect(sut("I can't do this anymore ⚰️").level).toBe('urgent');
    expect(sut("I can't do this anymore. I've been saving my pills.").level).toBe('urgent');
  });

  it('reads curly apostrophes like straight ones', () => {
    expect(sut('I don\u2019t want to be alive anymore').level).toBe('urgent');
  });

  it('treats an overdose in progress as urgent even when it is someone else', () => {
    expect(sut("my friend is od'ing right now, narcan isn't working").level).toBe('urgent');
    expect(sut('found him unresponsive last night, narcan brought him back').level).toBe('concern');
  });
});

describe('issue 18: rules fixed where they were wrong', () => {
  it.each([
    'found her on the floor, cold, not moving',
    "I'm at the top of the parking garage and I'm not coming down",
    'goodbye everybody, you were the only ones who ever got it',
    '\u{1F48A}\u26B0\uFE0F goodnight forever',
    // Spanish
    'quiero morirme, ya tengo todo listo para esta noche',
    'me voy a matar esta noche',
    'ya no quiero vivir',
    'mi hermano no respira y está morado',
    'adiós a todos, gracias por todo',
  ])('flags %p as urgent', (text) => {
    expect(sut(text).level).toBe('urgent');
  });

  it.each([
    "I'd kill for a coffee right now",
    'dying to see my kids',
    'I hope to die of old age',
    'I want to die in my sleep at 100 years old next to my wife lol',
    'what are the signs of an overdose?',
    'no quiero morir, quiero mejorar',
    'mi abuela murió de vieja',
  ])('leaves %p alone', (text) => {
    expect(sut(text).level).toBe('none');
  });
});
