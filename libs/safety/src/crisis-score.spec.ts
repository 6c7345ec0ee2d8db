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
