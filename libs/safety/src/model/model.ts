// The trained safety model: three heads of multinomial logistic regression over the features of
// features.ts. Each head's weights are a file of their own (weights-crisis.ts, weights-sourcing.ts,
// weights-personal-info.ts, written by `npm run safety:train`), decoded on first use, so the browser's
// composer can load the crisis head alone (crisis-entry.ts).
import type { CrisisLevel, SourcingLevel, Span } from '../types.js';
import { decodeHead, type StoredHead } from './codec.js';
import { featuresOf, HASH_SIZE, type Features, type RuleHits } from './features.js';

export type HeadName = 'crisis' | 'sourcing' | 'personalInfo';

/**
 * What each weights file holds (weights-crisis.ts, weights-sourcing.ts, weights-personal-info.ts):
 * one head, so the browser can load the crisis head without the others.
 */
export interface HeadFile {
  format: 2;
  /** Which head this is; loading it as another head is refused. */
  name: HeadName;
  hashBits: number;
  charGrams: number[];
  /** The most buckets the trainer kept for this head (its BUCKETS setting); `head.count` may be fewer. */
  buckets: number;
  /** sha256 of the training data, the rule sources, features.ts and the trainer (source-hash.ts). */
  sourceHash: string;
  head: StoredHead;
}

/** The model's crisis reading of one text: what the composer's crisis-only entry reports. */
export interface CrisisModelReport {
  scores: { crisis: Record<CrisisLevel, number> };
  decision: { crisis: CrisisLevel };
  /** The rules' decision, before the model. */
  rules: { crisis: CrisisLevel; sourcing: SourcingLevel; personalInfo: boolean };
  /** The sentences that drove a non-none decision, strongest first (kind `evidence`). */
  evidence: { crisis: Span[] };
}

/** The model's reading of one text, beside the rules'. */
export interface ModelReport extends CrisisModelReport {
  /** Probabilities per class. */
  scores: {
    crisis: Record<CrisisLevel, number>;
    sourcing: Record<SourcingLevel, number>;
    personalInfo: number;
  };
  /** The model's own decision at the trained thresholds. */
  decision: { crisis: CrisisLevel; sourcing: SourcingLevel; personalInfo: boolean };
  /** The sentences that drove each non-none decision, strongest first (kind `evidence`). */
  evidence: { crisis: Span[]; sourcing: Span[]; personalInfo: Span[] };
}

export interface LoadedHead {
  classes: string[];
  weights: Float32Array;
  thresholds: Record<string, number>;
  /** The character n-gram sizes the head was trained with (featuresOf options). */
  charGrams: number[];
}

export interface LoadedModel {
  charGrams: number[];
  heads: Record<HeadName, LoadedHead>;
}

/** Decodes one head's weights file into a dense table (about 2 MB of Float32Array). */
export function loadHead(file: HeadFile, name: HeadName): LoadedHead {
  if (file.format !== 2 || file.name !== name || 1 << file.hashBits !== HASH_SIZE) {
    throw new Error(`safety model: the ${name} weights file does not match this code; run npm run safety:train`);
  }
  return {
    classes: file.head.classes,
    weights: decodeHead(file.head, HASH_SIZE),
    thresholds: file.head.thresholds,
    charGrams: file.charGrams,
  };
}

/** The three heads as one model; they must read the same features (one featuresOf per text). */
export function modelOf(heads: Record<HeadName, LoadedHead>): LoadedModel {
  const charGrams = heads.crisis.charGrams;
  for (const head of Object.values(heads)) {
    if (head.charGrams.join() !== charGrams.join()) {
      throw new Error('safety model: the heads were trained on different features; run npm run safety:train');
    }
  }
  return { charGrams, heads };
}

/** Decodes the three weights files (about 6 MB of Float32Array). */
export function loadModel(files: Record<HeadName, HeadFile>): LoadedModel {
  return modelOf({
    crisis: loadHead(files.crisis, 'crisis'),
    sourcing: loadHead(files.sourcing, 'sourcing'),
    personalInfo: loadHead(files.personalInfo, 'personalInfo'),
  });
}

/** Softmax probabilities of one head for a text's features. */
export function probabilities(head: LoadedHead, f: Features): number[] {
  const k = head.classes.length - 1;
  const logits = new Float64Array(k + 1);
  for (let i = 0; i < f.length; i++) {
    const base = f.index[i] * k;
    const v = f.value[i];
    for (let c = 0; c < k; c++) logits[c + 1] += v * head.weights[base + c];
  }
  let max = 0;
  for (const l of logits) max = Math.max(max, l);
  let sum = 0;
  const p = new Array<number>(k + 1);
  for (let c = 0; c <= k; c++) sum += p[c] = Math.exp(logits[c] - max);
  for (let c = 0; c <= k; c++) p[c] /= sum;
  return p;
}

/**
 * Three-level decision: the top class when its probability reaches its threshold (or, when the
 * trainer chose `<top>ByRules`, when the rules said so), else the middle class when middle + top
 * reach theirs, else none.
 */
export function levelOf(p: number[], thresholds: Record<string, number>, classes: string[], rule: string): string {
  const [none, middle, top] = classes;
  if (p[2] >= thresholds[top] || (thresholds[`${top}ByRules`] === 1 && rule === top)) return top;
  if (p[1] + p[2] >= thresholds[middle]) return middle;
  return none;
}

// Evidence: sentences whose features pushed the decided class up, at least this share of the strongest.
const EVIDENCE_SHARE = 0.25;
const MAX_EVIDENCE = 3;

/** The sentences that pushed class `c` (> 0) above the reference class, strongest first. */
export function evidenceOf(head: LoadedHead, f: Features, c: number, text: string): Span[] {
  const k = head.classes.length - 1;
  const push = new Float64Array(f.sentences.length);
  for (let i = 0; i < f.length; i++) {
    const s = f.sentence[i];
    if (s >= 0) push[s] += f.value[i] * head.weights[f.index[i] * k + (c - 1)];
  }
  let max = 0;
  for (const v of push) max = Math.max(max, v);
  if (max <= 0) return [];
  return [...push.keys()]
    .filter((s) => push[s] >= max * EVIDENCE_SHARE)
    .sort((a, b) => push[b] - push[a] || a - b)
    .slice(0, MAX_EVIDENCE)
    .map((s) => trimmed(text, f.sentences[s].start, f.sentences[s].end));
}

function trimmed(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end, kind: 'evidence', text: text.slice(start, end) };
}

const classIndex = (head: LoadedHead, level: string) => head.classes.indexOf(level);

/** One text's crisis reading from its features: probabilities, level and evidence. */
function crisisOf(head: LoadedHead, f: Features, text: string, rules: RuleHits) {
  const p = probabilities(head, f);
  const level = levelOf(p, head.thresholds, head.classes, rules.crisis.level) as CrisisLevel;
  return {
    scores: { none: p[0], concern: p[1], urgent: p[2] },
    level,
    evidence: level === 'none' ? [] : evidenceOf(head, f, classIndex(head, level), text),
  };
}

const rulesDecision = (rules: RuleHits): ModelReport['rules'] => ({
  crisis: rules.crisis.level,
  sourcing: rules.sourcing.level,
  personalInfo: rules.personalInfo.found,
});

/** Scores one text with the crisis head alone (the same numbers as runModel's crisis part). */
export function runCrisisModel(head: LoadedHead, text: string, rules: RuleHits): CrisisModelReport {
  const crisis = crisisOf(head, featuresOf(text, rules, { charGrams: head.charGrams }), text, rules);
  return {
    scores: { crisis: crisis.scores },
    decision: { crisis: crisis.level },
    rules: rulesDecision(rules),
    evidence: { crisis: crisis.evidence },
  };
}

/** Scores one text with every head: probabilities, the model's decisions and their evidence. */
export function runModel(model: LoadedModel, text: string, rules: RuleHits): ModelReport {
  const f = featuresOf(text, rules, { charGrams: model.charGrams });
  const { crisis: ch, sourcing: sh, personalInfo: ph } = model.heads;
  const crisis = crisisOf(ch, f, text, rules);
  const ps = probabilities(sh, f);
  const pp = probabilities(ph, f);
  const sourcing = levelOf(ps, sh.thresholds, sh.classes, rules.sourcing.level) as SourcingLevel;
  const personalInfo = pp[1] >= ph.thresholds.found;
  return {
    scores: {
      crisis: crisis.scores,
      sourcing: { none: ps[0], suspect: ps[1], likely: ps[2] },
      personalInfo: pp[1],
    },
    decision: { crisis: crisis.level, sourcing, personalInfo },
    rules: rulesDecision(rules),
    evidence: {
      crisis: crisis.evidence,
      sourcing: sourcing === 'none' ? [] : evidenceOf(sh, f, classIndex(sh, sourcing), text),
      personalInfo: personalInfo ? evidenceOf(ph, f, 1, text) : [],
    },
  };
}
