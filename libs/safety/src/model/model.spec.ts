import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { analyzeText, safetyModel } from '../index.js';
import { decodeHead, encodeHead } from './codec.js';
import { featuresOf, HASH_SIZE, sentencesOf } from './features.js';
import { loadHead, loadModel, modelOf, type HeadFile, type HeadName } from './model.js';
import { rulesOf } from './rules.js';
import { sourceHash } from './source-hash.js';
import { CRISIS_WEIGHTS } from './weights-crisis.js';
import { EVALUATION } from './weights-evaluation.js';
import { PERSONAL_INFO_WEIGHTS } from './weights-personal-info.js';
import { SOURCING_WEIGHTS } from './weights-sourcing.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

const FILES: Record<HeadName, HeadFile> = {
  crisis: CRISIS_WEIGHTS,
  sourcing: SOURCING_WEIGHTS,
  personalInfo: PERSONAL_INFO_WEIGHTS,
};

describe('the committed weights', () => {
  const hash = sourceHash(root);

  it.each(Object.keys(FILES) as HeadName[])(
    'of the %s head were trained from the current data, rules, features and trainer (else: npm run safety:train)',
    (name) => {
      expect(FILES[name].sourceHash).toBe(hash);
      expect(FILES[name].name).toBe(name);
    },
  );

  it('came with the evaluation of the same run (same sources, same buckets per head)', () => {
    expect(EVALUATION.sourceHash).toBe(hash);
    for (const [name, file] of Object.entries(FILES) as Array<[HeadName, HeadFile]>) {
      expect(file.buckets).toBe(EVALUATION.buckets[name]);
      expect(file.head.count).toBeLessThanOrEqual(file.buckets);
    }
  });

  it('load into three heads with their thresholds', () => {
    const model = safetyModel();
    expect(model.heads.crisis.classes).toEqual(['none', 'concern', 'urgent']);
    expect(model.heads.sourcing.classes).toEqual(['none', 'suspect', 'likely']);
    expect(model.heads.personalInfo.classes).toEqual(['none', 'found']);
    expect(model.heads.crisis.thresholds.urgent).toBeGreaterThan(0);
    expect(model.heads.crisis.weights.some((w) => w !== 0)).toBe(true);
  });

  it('refuse a weights file written for other code, or for another head', () => {
    expect(() => loadModel({ ...FILES, sourcing: { ...SOURCING_WEIGHTS, hashBits: 16 } })).toThrow(
      'npm run safety:train',
    );
    expect(() => loadHead({ ...CRISIS_WEIGHTS, format: 1 } as unknown as HeadFile, 'crisis')).toThrow(
      'npm run safety:train',
    );
    expect(() => loadHead(SOURCING_WEIGHTS, 'crisis')).toThrow('the crisis weights file does not match');
  });

  it('refuse heads trained on different features', () => {
    const crisis = loadHead(CRISIS_WEIGHTS, 'crisis');
    const heads = { crisis, sourcing: { ...crisis, charGrams: [3] }, personalInfo: crisis };
    expect(() => modelOf(heads)).toThrow('different features');
  });
});

describe('the weights codec', () => {
  it('keeps the strongest buckets and round-trips their weights within 5 %', () => {
    const dense = new Float32Array(HASH_SIZE * 2);
    dense[0] = -1.5;
    dense[7 * 2 + 1] = 4;
    dense[200_000 * 2] = 0.25;
    dense[100_000 * 2] = 0.001; // weakest: left out at maxBuckets 3
    const stored = encodeHead(dense, ['none', 'a', 'b'], { b: 0.5 }, 3);
    expect(stored.count).toBe(3);
    const back = decodeHead(stored, HASH_SIZE);
    expect(back[0]).toBeCloseTo(-1.5, 1);
    expect(back[15]).toBeCloseTo(4, 5);
    expect(Math.abs(back[400_000] - 0.25) / 0.25).toBeLessThan(0.05);
    expect(back[200_000]).toBe(0);
  });

  it('rejects data of the wrong length', () => {
    const stored = encodeHead(new Float32Array(HASH_SIZE), ['none', 'x'], {}, 10);
    expect(() => decodeHead({ ...stored, count: 1, data: btoa('\x01\x02\x03') }, HASH_SIZE)).toThrow('wrong length');
  });
});

describe('features', () => {
  it('reads words, bigrams, character n-grams, rule hits and a bias', () => {
    const text = 'I took everything. Goodbye';
    const rules = rulesOf(text);
    const f = featuresOf(text, rules);
    const without = featuresOf(text, rules, { charGrams: [3, 4], withoutRules: true });
    expect(f.length).toBeGreaterThan(without.length);
    expect(f.sentences).toHaveLength(2);
    expect([...f.index].every((i) => i >= 0 && i < HASH_SIZE)).toBe(true);
  });

  it('splits sentences at . ! ? and newlines', () => {
    expect(sentencesOf('one. two!\nthree')).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 10 },
      { start: 10, end: 15 },
    ]);
  });

  it('stays linear on 20,000 characters of one repeated character', () => {
    const started = performance.now();
    featuresOf('a'.repeat(20_000), null);
    featuresOf('💊'.repeat(10_000), null);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('analyzeText with the model', () => {
  it('reports the model scores beside the rules, and evidence sentences for a crisis', () => {
    const text = 'Thanks for everything, all of you. I took all of my pills tonight and I am saying goodbye.';
    const report = analyzeText(text);
    expect(report.crisis.level).toBe('urgent');
    expect(report.model.scores.crisis.urgent).toBeGreaterThanOrEqual(safetyModel().heads.crisis.thresholds.urgent);
    expect(report.model.evidence.crisis.length).toBeGreaterThan(0);
    for (const e of report.model.evidence.crisis) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(report.model.evidence.crisis.map((e) => e.text).join(' ')).toContain('pills');
  });

  it('leaves recovery talk alone', () => {
    const report = analyzeText('Two years clean today. Picked up naloxone at the pharmacy, free with my card.');
    expect(report.crisis.level).toBe('none');
    expect(report.sourcing.level).toBe('none');
    expect(report.model.evidence.crisis).toEqual([]);
  });

  it('keeps the personal-info spans of the rules', () => {
    const report = analyzeText('text me at 555-201-7788 tonight');
    expect(report.personalInfo.found).toBe(true);
    expect(report.personalInfo.spans[0].kind).toBe('phone');
  });
});
