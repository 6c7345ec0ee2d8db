import { describe, expect, it } from '@jest/globals';
import { detectSourcing as sut } from './sourcing.js';

describe(sut.name, () => {
  describe('likely', () => {
    it.each([
      'selling blues $20 each, hmu on telegram @bluesplug',
      'got fetty, 80 a g, text 267-555-0199',
      "who's got subs in the philly area? dm me",
      'Have extra subs for sale, $10 a strip, DM me',
      'need a plug asap, can pay $50',
      'roxy 30s, hmu',
      'H for sale, tg @hplug_nyc',
      'i got pressies for the low, pull up',
      // A buyer's money, an asking price in a sentence about scripts, a diverted pill by name.
      'Who is the go to guy for blues in Akron? got 100 to spend',
      "I'm tryna sell my extra script of oxycodone 40mg, name your price",
      'anyone wanna buy my adderall? 5 each',
      'anyone got blues? can pay 40',
    ])('flags %p as likely', (text) => {
      expect(sut(text).level).toBe('likely');
    });
  });

  describe('suspect', () => {
    it.each([
      "who's got blues around here",
      'where can I cop in kensington',
      'selling my extra subs if anyone needs',
      'anyone got any fent? sick as hell',
      'Looking for a connect in Dayton',
      'I have some leftover percs from my surgery if anyone wants them',
      // "will pay cash" names no amount: still no way to close.
      'where can I cop fent in kensington, will pay cash',
    ])('flags %p as suspect', (text) => {
      expect(sut(text).level).toBe('suspect');
    });
  });

  describe('recovery talk', () => {
    it.each([
      'my doctor started me on subs',
      'the methadone clinic moved my dose',
      'I used to sell to pay for my habit',
      'I flushed my last bag',
      'my dealer keeps texting me, I blocked him',
      'I can pay 10 for a ride to the clinic, anyone going?',
      'insurance covers my suboxone, copay is $20',
      'I used to cop on 5th street',
      'I spent $200 a day on dope at the end',
      'where can I get narcan or fentanyl test strips?',
      "Don't buy pressed pills, everything has fent in it",
      'dm me if you need someone to talk to tonight',
      'selling candles for our recovery house, $15 each, message me',
      'this song is dope',
    ])('leaves %p alone', (text) => {
      expect(sut(text)).toEqual({ level: 'none', spans: [] });
    });
  });

  it('offers subs for sale but not subs on prescription', () => {
    expect(sut('I have extra subs for sale').level).toBe('suspect');
    expect(sut('my prescriber has me on 16mg of subs').level).toBe('none');
  });

  it('names the drug, the offer and the contact it found', () => {
    const text = 'selling blues, telegram @bluesguy';
    const kinds = sut(text).spans.map((s) => s.kind);
    expect(kinds).toEqual(expect.arrayContaining(['drug', 'offer', 'contact']));
    for (const s of sut(text).spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not add up cues from far-apart parts of a long story', () => {
    const story = [
      'Back in the day I bought dope every morning.',
      'It took years, a lot of meetings, and a great counselor to get where I am now.',
      'My kids are home, I have a job, and I finally sleep through the night.',
      'I still go to group every week and it keeps me honest with myself and my family.',
      "If you're new here and struggling, hmu, I'm around most evenings.",
    ].join(' ');
    expect(sut(story).level).toBe('none');
  });

  it('finds a crypto wallet as a contact', () => {
    expect(sut('blues in stock, pay to bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh').level).toBe('likely');
  });

  it("does not hold a writer's own supply as a sale", () => {
    expect(sut('got a bundle and I am doing all of it at once').level).not.toBe('likely');
  });
});

describe('issue 18: sourcing in more words, Spanish included', () => {
  it.each([
    'Anyone know who can get bupe strips? paying cash, clinic kicked me out',
    'tengo pastillas a buen precio, mándame mensaje',
    'vendo fentanilo, escríbeme al privado',
    '¿quién tiene chiva? cuánto por 2 gramos, mándame whats',
  ])('reads %p as likely', (text) => {
    expect(sut(text).level).toBe('likely');
  });

  it.each([
    'my clinic gave me bupe strips and they are helping',
    'tengo una cita en la clínica mañana',
    'no quiero volver a comprar pastillas',
  ])('leaves %p below likely', (text) => {
    expect(sut(text).level).not.toBe('likely');
  });
});
