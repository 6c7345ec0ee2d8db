import { describe, expect, it } from '@jest/globals';
import { hasPastForm, isNegated, lastSubject } from './grammar.js';

describe(isNegated.name, () => {
  it.each([
    ["I'm not ", true],
    ['I would never ', true],
    ['no thoughts of ', true],
    ["There's no way I'd ", true],
    ["I can't stop thinking about ", false],
    ['I never told anyone I ', false],
    ['no matter what I do I ', false],
  ])('reads %p as negated: %p', (before, negated) => {
    expect(isNegated(before)).toBe(negated);
  });

  it('reads a denial right after the cue', () => {
    expect(isNegated('', '? no, never')).toBe(true);
  });
});

describe(lastSubject.name, () => {
  it.each([
    ['my friend said she ', 'third'],
    ['I told my sponsor I ', 'first'],
    ['if you ', 'second'],
    ['anyone else ', 'first'],
  ])('finds the person in %p', (before, person) => {
    expect(lastSubject(before)?.person).toBe(person);
  });
});

describe(hasPastForm.name, () => {
  it('treats "wish I was" as a wish, not the past', () => {
    expect(hasPastForm('I wish I was dead')).toBe(false);
    expect(hasPastForm('I was suicidal')).toBe(true);
  });
});
