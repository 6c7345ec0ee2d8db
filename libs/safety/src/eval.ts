// Metrics for the labelled evaluation set, shared by eval.spec.ts and scripts/safety-eval.mjs.
// Pure: callers read the fixture files and pass their contents in.
import type { CrisisLevel, CrisisResult, PersonalInfoResult, SourcingLevel, SourcingResult } from './types.js';

export interface LabelledText {
  text: string;
  crisis: CrisisLevel;
  sourcing: SourcingLevel;
  personalInfo: boolean;
}

export interface Detectors {
  detectCrisis(text: string): CrisisResult;
  detectSourcing(text: string): SourcingResult;
  detectPersonalInfo(text: string): PersonalInfoResult;
}

export interface Score {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Miss {
  text: string;
  expected: Omit<LabelledText, 'text'>;
  actual: Omit<LabelledText, 'text'>;
}

export interface Evaluation {
  rows: number;
  crisisUrgent: Score;
  crisisAny: Score;
  sourcingLikely: Score;
  sourcingAny: Score;
  personalInfo: Score;
  /** Texts labelled all-clear that would still be held for review (sourcing likely or personal info). */
  benignHeld: { held: number; total: number; rate: number };
  misses: Miss[];
}

export type MetricName = 'crisisUrgent' | 'crisisAny' | 'sourcingLikely' | 'sourcingAny' | 'personalInfo';

/** The floors the detectors must meet on the labelled set. */
export const FLOORS = {
  crisisUrgent: { recall: 0.95, precision: 0.8 },
  sourcingLikely: { recall: 0.9, precision: 0.85 },
  personalInfo: { recall: 0.95, precision: 0 },
  benignHeldMax: 0.02,
} as const;

/**
 * Which set a fixture file belongs to. `holdout*.jsonl` files were written without looking at the
 * rules' misses (each is its own set, named after the file); every other file is the training set,
 * the one the rules were built against.
 */
export function fixtureSet(fileName: string): string {
  const m = /^(holdout[\w-]*)\.jsonl$/.exec(fileName);
  return m ? m[1] : 'training';
}

/**
 * The sets whose floors a test holds (see eval.spec.ts); other sets are measured and reported only.
 * Each held-out set was first measured fresh (its commit message and the README give those numbers);
 * once the rules were improved from its misses it became a regression set like the training set, so
 * a newly written held-out file starts outside this list.
 */
export const FLOORED_SETS: readonly string[] = ['training', 'holdout', 'holdout2', 'holdout3', 'holdout4', 'holdout6'];

const CRISIS: ReadonlySet<string> = new Set(['none', 'concern', 'urgent']);
const SOURCING: ReadonlySet<string> = new Set(['none', 'suspect', 'likely']);

/** Parses one JSONL fixture file; throws naming the file and line of the first bad row. */
export function parseFixtures(content: string, source = 'fixtures'): LabelledText[] {
  const rows: LabelledText[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${source}:${i + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`${where}: not valid JSON`);
    }
    rows.push(checkRow(row, where));
  });
  return rows;
}

function checkRow(row: unknown, where: string): LabelledText {
  const r = row as Partial<LabelledText> | null;
  if (!r || typeof r.text !== 'string') throw new Error(`${where}: "text" must be a string`);
  if (!CRISIS.has(String(r.crisis))) throw new Error(`${where}: "crisis" must be none|concern|urgent`);
  if (!SOURCING.has(String(r.sourcing))) throw new Error(`${where}: "sourcing" must be none|suspect|likely`);
  if (typeof r.personalInfo !== 'boolean') throw new Error(`${where}: "personalInfo" must be true or false`);
  return { text: r.text, crisis: r.crisis!, sourcing: r.sourcing!, personalInfo: r.personalInfo };
}

class Counter {
  tp = 0;
  fp = 0;
  fn = 0;

  add(predicted: boolean, expected: boolean): void {
    if (predicted && expected) this.tp++;
    else if (predicted) this.fp++;
    else if (expected) this.fn++;
  }

  // With nothing predicted (or nothing to find) there is nothing wrong: the ratio is 1.
  score(): Score {
    const precision = this.tp + this.fp === 0 ? 1 : this.tp / (this.tp + this.fp);
    const recall = this.tp + this.fn === 0 ? 1 : this.tp / (this.tp + this.fn);
    return { precision, recall, truePositives: this.tp, falsePositives: this.fp, falseNegatives: this.fn };
  }
}

function isBenign(labels: Omit<LabelledText, 'text'>): boolean {
  return labels.crisis === 'none' && labels.sourcing === 'none' && !labels.personalInfo;
}

/** What a detector decided for one text, in the labels' terms. */
export interface Decision {
  crisis: CrisisLevel;
  sourcing: SourcingLevel;
  personalInfo: boolean;
}

/** Runs the detectors over every labelled row and scores each decision a moderator relies on. */
export function evaluate(rows: readonly LabelledText[], detectors: Detectors): Evaluation {
  return scoreDecisions(
    rows,
    rows.map(({ text }) => ({
      crisis: detectors.detectCrisis(text).level,
      sourcing: detectors.detectSourcing(text).level,
      personalInfo: detectors.detectPersonalInfo(text).found,
    })),
  );
}

/** Scores decisions already made (`decisions[i]` for `rows[i]`). */
export function scoreDecisions(rows: readonly LabelledText[], decisions: readonly Decision[]): Evaluation {
  const counters = {
    crisisUrgent: new Counter(),
    crisisAny: new Counter(),
    sourcingLikely: new Counter(),
    sourcingAny: new Counter(),
    personalInfo: new Counter(),
  };
  const misses: Miss[] = [];
  let benign = 0;
  let held = 0;
  rows.forEach((row, i) => {
    const expected = { crisis: row.crisis, sourcing: row.sourcing, personalInfo: row.personalInfo };
    const actual = decisions[i];
    counters.crisisUrgent.add(actual.crisis === 'urgent', expected.crisis === 'urgent');
    counters.crisisAny.add(actual.crisis !== 'none', expected.crisis !== 'none');
    counters.sourcingLikely.add(actual.sourcing === 'likely', expected.sourcing === 'likely');
    counters.sourcingAny.add(actual.sourcing !== 'none', expected.sourcing !== 'none');
    counters.personalInfo.add(actual.personalInfo, expected.personalInfo);
    if (isBenign(expected)) {
      benign++;
      if (actual.sourcing === 'likely' || actual.personalInfo) held++;
    }
    const same =
      actual.crisis === expected.crisis &&
      actual.sourcing === expected.sourcing &&
      actual.personalInfo === expected.personalInfo;
    if (!same) misses.push({ text: row.text, expected, actual: { ...actual } });
  });
  return {
    rows: rows.length,
    crisisUrgent: counters.crisisUrgent.score(),
    crisisAny: counters.crisisAny.score(),
    sourcingLikely: counters.sourcingLikely.score(),
    sourcingAny: counters.sourcingAny.score(),
    personalInfo: counters.personalInfo.score(),
    benignHeld: { held, total: benign, rate: benign === 0 ? 0 : held / benign },
    misses,
  };
}

/** 95 % Wilson score interval for k successes out of n (n = 0: the whole range). */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** A labelled row of a writer's file (libs/safety/train/data, test/fixtures/safety/frozen). */
export interface WriterRow extends LabelledText {
  lang: string;
  writer: string;
  tag?: string;
}

// Words that mark a text as Spanish when a row does not say its language (the older fixtures).
const SPANISH =
  /(?:^|[^\p{L}])(?:que|de|el|la|los|las|y|me|mi|tengo|quiero|estoy|por|para|con|una?|pero|ya|nada|esta|todo|vida|morir|mas|más|no puedo|ayuda)(?=$|[^\p{L}])/giu;

/** 'es' when at least a quarter of the words are common Spanish ones, else 'en'. */
export function guessLang(text: string): string {
  const words = text.split(/\s+/).filter(Boolean).length;
  const spanish = text.match(SPANISH)?.length ?? 0;
  return words > 0 && spanish / words >= 0.25 ? 'es' : 'en';
}

/**
 * Parses a writer's JSONL file: an optional first metadata row `{"persona","writer"}` (no "text"),
 * then labelled rows. The writer is the row's, else the metadata's, else `fallbackWriter`.
 */
export function parseWriterFile(
  content: string,
  source: string,
  fallbackWriter: string,
): { persona: string | null; rows: WriterRow[] } {
  let persona: string | null = null;
  let writer = fallbackWriter;
  const rows: WriterRow[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${source}:${i + 1}`;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`${where}: not valid JSON`);
    }
    if (row && typeof row === 'object' && !('text' in row) && ('persona' in row || 'writer' in row)) {
      if (typeof row.persona === 'string') persona = row.persona;
      if (typeof row.writer === 'string') writer = row.writer;
      return;
    }
    const labelled = checkRow(row, where);
    rows.push({
      ...labelled,
      lang: typeof row.lang === 'string' ? row.lang : guessLang(labelled.text),
      writer: typeof row.writer === 'string' && row.writer !== '' ? row.writer : writer,
      ...(typeof row.tag === 'string' ? { tag: row.tag } : {}),
    });
  });
  return { persona, rows };
}

/** One message per floor the evaluation misses; empty when every floor is met. */
export function checkFloors(e: Evaluation): string[] {
  const failures: string[] = [];
  const need = (name: MetricName, metric: 'recall' | 'precision', floor: number) => {
    const value = e[name][metric];
    if (value < floor) failures.push(`${name} ${metric} ${value.toFixed(3)} < ${floor}`);
  };
  need('crisisUrgent', 'recall', FLOORS.crisisUrgent.recall);
  need('crisisUrgent', 'precision', FLOORS.crisisUrgent.precision);
  need('sourcingLikely', 'recall', FLOORS.sourcingLikely.recall);
  need('sourcingLikely', 'precision', FLOORS.sourcingLikely.precision);
  need('personalInfo', 'recall', FLOORS.personalInfo.recall);
  if (e.benignHeld.rate > FLOORS.benignHeldMax) {
    failures.push(`benign held ${(e.benignHeld.rate * 100).toFixed(1)}% > ${FLOORS.benignHeldMax * 100}%`);
  }
  return failures;
}

/** Counts as the trainer stores them in model/weights-evaluation.ts (no texts). */
export interface StoredCounts {
  rows: number;
  crisisUrgent: { tp: number; fp: number; fn: number };
  crisisAny: { tp: number; fp: number; fn: number };
  sourcingLikely: { tp: number; fp: number; fn: number };
  sourcingAny: { tp: number; fp: number; fn: number };
  personalInfo: { tp: number; fp: number; fn: number };
  benignHeld: { held: number; total: number };
}

/** What the trainer measured for the committed weights (model/weights-evaluation.ts): counts only. */
export interface TrainerEvaluation {
  /** The source hash of the run that wrote it, the same as each weights file's. */
  sourceHash: string;
  method: 'leave-one-writer-out' | '5-fold';
  /** The most buckets kept per head in that run (BUCKETS in train.mjs). */
  buckets: Record<'crisis' | 'sourcing' | 'personalInfo', number>;
  rows: number;
  writers: Record<string, number>;
  pooled: StoredCounts;
  spanish: StoredCounts;
  rulesOnly: StoredCounts;
  perWriter: Record<string, StoredCounts>;
}

/** An Evaluation (without misses) from stored counts. */
export function fromCounts(c: StoredCounts): Evaluation {
  const score = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }): Score => ({
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
  });
  return {
    rows: c.rows,
    crisisUrgent: score(c.crisisUrgent),
    crisisAny: score(c.crisisAny),
    sourcingLikely: score(c.sourcingLikely),
    sourcingAny: score(c.sourcingAny),
    personalInfo: score(c.personalInfo),
    benignHeld: { ...c.benignHeld, rate: c.benignHeld.total === 0 ? 0 : c.benignHeld.held / c.benignHeld.total },
    misses: [],
  };
}

/**
 * The floors eval.spec.ts holds on the frozen test set and on leave-one-writer-out: every floor of
 * FLOORS that the model meets honestly there (checkFloors' messages start with these). A floor not
 * met is measured and reported by `npm run safety:eval` and in the README, not hidden.
 */
export const HELD_FLOORS: Record<'frozen' | 'leaveOneWriterOut', readonly string[]> = {
  frozen: ['crisisUrgent recall', 'crisisUrgent precision', 'sourcingLikely precision', 'benign held'],
  leaveOneWriterOut: [
    'crisisUrgent recall',
    'crisisUrgent precision',
    'sourcingLikely precision',
    'personalInfo recall',
  ],
};
