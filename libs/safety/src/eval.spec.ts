import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import {
  checkFloors,
  evaluate,
  fixtureSet,
  FLOORED_SETS,
  FLOORS,
  parseFixtures,
  type Detectors,
  type LabelledText,
} from './eval.js';
import { detectCrisis, detectPersonalInfo, detectSourcing } from './index.js';

const fixtures = new URL('../../../test/fixtures/safety/', import.meta.url);

function loadFixtures(set: string): LabelledText[] {
  return readdirSync(fixtures)
    .filter((name) => name.endsWith('.jsonl') && fixtureSet(name) === set)
    .flatMap((name) => parseFixtures(readFileSync(new URL(name, fixtures), 'utf8'), name));
}

describe(evaluate.name, () => {
  it('has a labelled training set of at least 400 texts, most of them hard benign ones', () => {
    const result = evaluate(loadFixtures('training'), { detectCrisis, detectSourcing, detectPersonalInfo });
    expect(result.rows).toBeGreaterThanOrEqual(400);
    expect(result.benignHeld.total).toBeGreaterThanOrEqual(150);
  });

  it('has held-out sets that were never tuned on, beside the training set', () => {
    const sets = new Set(readdirSync(fixtures).map(fixtureSet));
    expect(sets.has('holdout')).toBe(true);
    expect(loadFixtures('holdout').length).toBeGreaterThanOrEqual(250);
  });

  describe.each(FLOORED_SETS)('on the %s fixtures', (set) => {
    const rows = loadFixtures(set);
    const result = evaluate(rows, { detectCrisis, detectSourcing, detectPersonalInfo });

    it('has labelled texts', () => {
      expect(rows.length).toBeGreaterThan(0);
    });

    it(`finds urgent crises (recall ≥ ${FLOORS.crisisUrgent.recall}, precision ≥ ${FLOORS.crisisUrgent.precision})`, () => {
      expect(result.crisisUrgent.recall).toBeGreaterThanOrEqual(FLOORS.crisisUrgent.recall);
      expect(result.crisisUrgent.precision).toBeGreaterThanOrEqual(FLOORS.crisisUrgent.precision);
    });

    it(`finds likely sourcing (recall ≥ ${FLOORS.sourcingLikely.recall}, precision ≥ ${FLOORS.sourcingLikely.precision})`, () => {
      expect(result.sourcingLikely.recall).toBeGreaterThanOrEqual(FLOORS.sourcingLikely.recall);
      expect(result.sourcingLikely.precision).toBeGreaterThanOrEqual(FLOORS.sourcingLikely.precision);
    });

    it(`finds personal info (recall ≥ ${FLOORS.personalInfo.recall})`, () => {
      expect(result.personalInfo.recall).toBeGreaterThanOrEqual(FLOORS.personalInfo.recall);
    });

    it(`holds at most ${FLOORS.benignHeldMax * 100}% of benign texts`, () => {
      expect(result.benignHeld.rate).toBeLessThanOrEqual(FLOORS.benignHeldMax);
      expect(checkFloors(result)).toEqual([]);
    });
  });

  describe('arithmetic', () => {
    const row = (text: string, labels: Partial<LabelledText> = {}): LabelledText => ({
      text,
      crisis: 'none',
      sourcing: 'none',
      personalInfo: false,
      ...labels,
    });
    // A stand-in that answers from the text itself, so each case is easy to read.
    const fake: Detectors = {
      detectCrisis: (t) => ({ level: t.includes('URGENT') ? 'urgent' : 'none', spans: [] }),
      detectSourcing: (t) => ({ level: t.includes('SELL') ? 'likely' : 'none', spans: [] }),
      detectPersonalInfo: (t) => ({ found: t.includes('PHONE'), spans: [] }),
    };

    it('counts true and false positives and misses', () => {
      const result = evaluate(
        [
          row('URGENT', { crisis: 'urgent' }),
          row('URGENT'),
          row('quiet', { crisis: 'urgent' }),
          row('quiet', { crisis: 'urgent' }),
        ],
        fake,
      );
      expect(result.crisisUrgent).toMatchObject({
        truePositives: 1,
        falsePositives: 1,
        falseNegatives: 2,
        precision: 0.5,
        recall: 1 / 3,
      });
      expect(result.misses).toHaveLength(3);
    });

    it('counts concern as a crisis for "any" but not for "urgent"', () => {
      const result = evaluate([row('quiet', { crisis: 'concern' })], fake);
      expect(result.crisisAny.falseNegatives).toBe(1);
      expect(result.crisisUrgent.falseNegatives).toBe(0);
    });

    it('measures how many all-clear texts would be held', () => {
      const result = evaluate([row('SELL'), row('PHONE'), row('URGENT'), row('fine')], fake);
      expect(result.benignHeld).toEqual({ held: 2, total: 4, rate: 0.5 });
      expect(checkFloors(result)).toContain('benign held 50.0% > 2%');
    });

    it('scores an empty class as perfect rather than dividing by zero', () => {
      expect(evaluate([], fake).sourcingLikely).toMatchObject({ precision: 1, recall: 1 });
    });
  });
});

describe(fixtureSet.name, () => {
  it('puts holdout files in a set of their own and every other file in training', () => {
    expect(fixtureSet('holdout.jsonl')).toBe('holdout');
    expect(fixtureSet('holdout2.jsonl')).toBe('holdout2');
    expect(fixtureSet('crisis.jsonl')).toBe('training');
    expect(fixtureSet('benign.jsonl')).toBe('training');
  });
});

describe(parseFixtures.name, () => {
  it('reads one labelled text per line and skips blank lines', () => {
    const jsonl = '{"text":"hi","crisis":"none","sourcing":"none","personalInfo":false}\n\n';
    expect(parseFixtures(jsonl)).toEqual([{ text: 'hi', crisis: 'none', sourcing: 'none', personalInfo: false }]);
  });

  it('names the file and line of a bad row', () => {
    expect(() => parseFixtures('{"text":"x"}', 'a.jsonl')).toThrow('a.jsonl:1');
    expect(() => parseFixtures('nope', 'b.jsonl')).toThrow('b.jsonl:1: not valid JSON');
    const badLevel = '{"text":"x","crisis":"high","sourcing":"none","personalInfo":false}';
    expect(() => parseFixtures(badLevel)).toThrow('"crisis"');
  });
});
