import { describe, expect, it } from '@jest/globals';
import { scoreCrisis } from './crisis-score.js';
import { detectCrisis } from './crisis.js';
import { normalize } from './text.js';

function score(text: string, safety = false) {
  return scoreCrisis(normalize(text), text, safety);
}

describe(scoreCrisis.name, () => {
  describe('urgent: an anchor family meets another family', () => {
    it.each([
      // means taken + a drug + a time or a plea
      'Took the rest of my methadone and a handful of benzos. Please nobody call anyone.',
      'just swallowed 30 of my seroquel, nobody is home tonight',
      // finality + time
      "my affairs are in order, I'm going tonight",
      "i'm not going to make it to my 30th birthday. i've made sure of that",
      // means + taken (car, engine, garage)
      'in my car in the garage with the engine on',
      // intent denied an innocent reading, with a means
      'got a rope from the hardware store today. not for a project',
      // symptoms after using alone
      "can't stay awake and my lips are going blue, used alone",
      // intent + grave emoji
      'gonna end it all 🪦',
    ])('scores %p as urgent', (text) => {
      expect(score(text).level).toBe('urgent');
      expect(detectCrisis(text).level).toBe('urgent');
    });
  });

  describe('urgent: a short post is one window; distress meets immediacy, a means at hand or a farewell', () => {
    it.each([
      // a means held in the first person + a time, in different sentences
      'there is a rope in my closet. tonight im using it',
      "I'm standing at the edge of the overpass. just wanted someone to know",
      'bought a pistol today. sitting here with it now',
      // immediacy alone with a means
      'the whole bottle of my xanax is on the table. this is it',
      // a farewell in a later sentence + distress
      'everyone is better off. the notes are on my desk. goodbye',
      // two different arrangements
      "left a letter for my brother. everything goes to him after i'm gone",
      // distress + immediacy
      "i can't do this anymore. today is the day",
    ])('scores %p as urgent', (text) => {
      expect(detectCrisis(text).level).toBe('urgent');
    });
  });

  describe('not urgent: negation, reported speech, past stories and questions stay out', () => {
    it.each([
      "I don't have a gun and I won't get one, my sponsor made sure. tonight I'm going to a meeting",
      'my brother said he has a rope in his closet, what do I do?',
      'two years ago I stood on the edge of a bridge. tonight I celebrate 2 years clean',
      'how do I use narcan? what are the signs someone is overdosing right now?',
      'this new job is killing me but this is it, I finally found my people',
      'Wrote a goodbye letter to my addiction tonight for step work',
    ])('does not score %p as urgent', (text) => {
      expect(detectCrisis(text).level).not.toBe('urgent');
    });

    it.each(["i'm exhausted of living like this", 'I hate myself so much', 'there is no way out of this pain'])(
      'reads %p as a concern',
      (text) => {
        expect(detectCrisis(text).level).toBe('concern');
      },
    );
  });

  describe('not urgent', () => {
    it.each([
      // idioms and recovery talk
      'my daughter is killing it at soccer',
      'dying to see my kids this weekend',
      'this job is killing me',
      "I'm done with pills for good. Day 1 again but this time I mean it",
      'Goodbye heroin, hello life. 1 year today!',
      'took everything I learned in IOP and wrote it on index cards',
      'I took all my stuff out of storage today, moving on',
      "it's 2,000 mg of gabapentin a day, is that too much?",
      'Writing a letter to my family to make amends, step 9 is scary',
      // negation, questions, other people, jokes
      "I'm not going to end it tonight, I called my sponsor",
      'what are the signs that someone is overdosing on fentanyl?',
      'If a friend tells you they want to die, take it seriously and call 988 with them',
      "if I have to sit through one more meeting I'm going to kill myself lol",
    ])('does not score %p as urgent', (text) => {
      expect(score(text).level).not.toBe('urgent');
    });

    it.each([
      'my daughter is killing it at soccer',
      'Goodbye heroin, hello life. 1 year today!',
      'I took the 15 bus down Broad Street to my appointment',
      "I'm shooting for 90 meetings in 90 days",
      'hopeless romantic here, two years together',
    ])('scores %p as none', (text) => {
      expect(score(text).level).toBe('none');
    });
  });

  describe('concern: capped readings', () => {
    it('keeps a past attempt told as a recovery story to a concern', () => {
      expect(score('two years ago I tried to kill myself with pills, now I am clean').level).toBe('concern');
    });

    it('keeps someone else said it to a concern', () => {
      expect(score('my friend said she is going to end it tonight').level).toBe('concern');
    });

    it('keeps intent with a safety statement to a concern', () => {
      expect(score('i want to end it tonight', true).level).toBe('concern');
      expect(score('i want to end it tonight', false).level).toBe('urgent');
    });
  });

  it('returns spans of the families it read, tagged score:<family>', () => {
    const text = 'Took the rest of my methadone tonight';
    const { spans } = score(text);
    expect(spans.map((s) => s.kind)).toEqual(expect.arrayContaining(['score:taken', 'score:time']));
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('detectCrisis with the score', () => {
  it('keeps the rules level when the rules are already urgent', () => {
    const result = detectCrisis('i want to kill myself tonight');
    expect(result.level).toBe('urgent');
    expect(result.spans.some((s) => s.kind.startsWith('score:'))).toBe(false);
  });

  it('adds the score spans when the score raises the level', () => {
    const result = detectCrisis("my affairs are in order, I'm going tonight");
    expect(result.level).toBe('urgent');
    expect(result.spans.some((s) => s.kind === 'score:final')).toBe(true);
  });
});
