import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import {
  checkFloors,
  evaluate,
  fixtureSet,
  FLOORED_SETS,
  FLOORS,
  fromCounts,
  guessLang,
  HELD_FLOORS,
  parseFixtures,
  parseWriterFile,
  scoreDecisions,
  wilson,
  type Detectors,
  type Evaluation,
  type LabelledText,
  type WriterRow,
} from './eval.js';
import { analyzeText, detectCrisis, detectPersonalInfo, detectSourcing } from './index.js';
import { EVALUATION } from './model/weights-evaluation.js';

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

  // The rules alone, on the fixtures they were built against (their regression floors). The model's
  // floors are held on the frozen test set and leave-one-writer-out, below.
  describe.each(FLOORED_SETS)('the rules alone on the %s fixtures', (set) => {
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

const frozenDir = new URL('frozen/', fixtures);

function loadFrozen(): WriterRow[] {
  return readdirSync(frozenDir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .flatMap((name) => parseWriterFile(readFileSync(new URL(name, frozenDir), 'utf8'), name, name).rows);
}

/** The floors of HELD_FLOORS as one test each (the others are reported by safety:eval, not hidden). */
function holdsFloors(name: string, held: readonly string[], result: () => Evaluation): void {
  const cases: Array<[string, (e: Evaluation) => number, number, 'min' | 'max']> = [
    ['crisisUrgent recall', (e) => e.crisisUrgent.recall, FLOORS.crisisUrgent.recall, 'min'],
    ['crisisUrgent precision', (e) => e.crisisUrgent.precision, FLOORS.crisisUrgent.precision, 'min'],
    ['sourcingLikely recall', (e) => e.sourcingLikely.recall, FLOORS.sourcingLikely.recall, 'min'],
    ['sourcingLikely precision', (e) => e.sourcingLikely.precision, FLOORS.sourcingLikely.precision, 'min'],
    ['personalInfo recall', (e) => e.personalInfo.recall, FLOORS.personalInfo.recall, 'min'],
    ['benign held', (e) => e.benignHeld.rate, FLOORS.benignHeldMax, 'max'],
  ];
  describe(name, () => {
    it.each(cases.filter(([floor]) => held.includes(floor)))('%s meets its floor (%#)', (_, value, floor, kind) => {
      if (kind === 'min') expect(value(result())).toBeGreaterThanOrEqual(floor);
      else expect(value(result())).toBeLessThanOrEqual(floor);
    });
  });
}

describe('the combined detector (rules + model) on text no training writer wrote', () => {
  const frozen = loadFrozen();
  let memo: Evaluation | undefined;
  const result = () =>
    (memo ??= scoreDecisions(
      frozen,
      frozen.map(({ text }) => {
        const r = analyzeText(text);
        return { crisis: r.crisis.level, sourcing: r.sourcing.level, personalInfo: r.personalInfo.found };
      }),
    ));

  it('has a frozen test set by writers who wrote no training data', () => {
    expect(frozen.length).toBeGreaterThanOrEqual(200);
    const trainers = new Set(Object.keys(EVALUATION.writers));
    for (const row of frozen) expect(trainers.has(row.writer)).toBe(false);
  });

  holdsFloors('on the frozen test set', HELD_FLOORS.frozen, result);
});

describe('leave-one-writer-out, as measured by the trainer for the committed weights', () => {
  const ev = EVALUATION;

  it('trained on every writer but the one it was scored on (five folds while there are fewer than three)', () => {
    expect(ev.method).toBe(Object.keys(ev.writers).length >= 3 ? 'leave-one-writer-out' : '5-fold');
    expect(ev.pooled.rows).toBe(Object.values(ev.writers).reduce((a, b) => a + b, 0));
  });

  holdsFloors('pooled over the writers', HELD_FLOORS.leaveOneWriterOut, () => fromCounts(ev.pooled));
});

describe(wilson.name, () => {
  it('gives the 95 % Wilson interval', () => {
    const [lo, hi] = wilson(45, 50);
    expect(lo).toBeCloseTo(0.786, 3);
    expect(hi).toBeCloseTo(0.957, 3);
    expect(wilson(0, 0)).toEqual([0, 1]);
    expect(wilson(10, 10)[1]).toBe(1);
  });
});

describe(parseWriterFile.name, () => {
  it('reads the persona row, then rows with their language and writer', () => {
    const jsonl = [
      '{"persona":"a parent","writer":"w09-parent"}',
      '{"text":"hola, tengo miedo por mi hijo","crisis":"concern","sourcing":"none","personalInfo":false,"lang":"es"}',
      '{"text":"is narcan free at the pharmacy?","crisis":"none","sourcing":"none","personalInfo":false,"tag":"hr"}',
    ].join('\n');
    const { persona, rows } = parseWriterFile(jsonl, 'w09.jsonl', 'w09');
    expect(persona).toBe('a parent');
    expect(rows).toEqual([
      expect.objectContaining({ lang: 'es', writer: 'w09-parent', crisis: 'concern' }),
      expect.objectContaining({ lang: 'en', writer: 'w09-parent', tag: 'hr' }),
    ]);
  });

  it('names the file and line of a bad row', () => {
    expect(() => parseWriterFile('{"persona":"x"}\n{"text":1}', 'w.jsonl', 'w')).toThrow('w.jsonl:2');
  });

  it('guesses Spanish for rows that do not say their language', () => {
    expect(guessLang('quiero morirme, ya tengo todo listo para esta noche')).toBe('es');
    expect(guessLang('i want to sleep for a week')).toBe('en');
  });
});

describe(fromCounts.name, () => {
  it('turns stored counts into recall, precision and the benign-held rate', () => {
    const c = { tp: 9, fp: 1, fn: 1 };
    const zero = { tp: 0, fp: 0, fn: 0 };
    const e = fromCounts({
      rows: 20,
      crisisUrgent: c,
      crisisAny: c,
      sourcingLikely: zero,
      sourcingAny: zero,
      personalInfo: c,
      benignHeld: { held: 1, total: 10 },
    });
    expect(e.crisisUrgent).toMatchObject({ recall: 0.9, precision: 0.9 });
    expect(e.sourcingLikely).toMatchObject({ recall: 1, precision: 1 });
    expect(e.benignHeld.rate).toBe(0.1);
  });
});
