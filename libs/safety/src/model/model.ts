// The trained safety model: three heads of multinomial logistic regression over the features of
// features.ts. Weights come from weights.ts (written by `npm run safety:train`), decoded on first use.
import type { CrisisLevel, SourcingLevel, Span } from '../types.js';
import { decodeHead, type StoredHead } from './codec.js';
import { featuresOf, HASH_SIZE, type Features, type RuleHits } from './features.js';

export type HeadName = 'crisis' | 'sourcing' | 'personalInfo';

/** What weights.ts holds. */
export interface ModelFile {
  format: 1;
  hashBits: number;
  charGrams: number[];
  /** sha256 of the training data, the rule sources, features.ts and the trainer (source-hash.ts). */
  sourceHash: string;
  heads: Record<HeadName, StoredHead>;
  /** What the trainer measured (leave-one-writer-out), for eval.spec.ts and the README. */
  evaluation: unknown;
}

/** The model's reading of one text, beside the rules'. */
export interface ModelReport {
  /** Probabilities per class. */
  scores: {
    crisis: Record<CrisisLevel, number>;
    sourcing: Record<SourcingLevel, number>;
    personalInfo: number;
  };
  /** The model's own decision at the trained thresholds. */
  decision: { crisis: CrisisLevel; sourcing: SourcingLevel; personalInfo: boolean };
  /** The rules' decision, before the model. */
  rules: { crisis: CrisisLevel; sourcing: SourcingLevel; personalInfo: boolean };
  /** The sentences that drove each non-none decision, strongest first (kind `evidence`). */
  evidence: { crisis: Span[]; sourcing: Span[]; personalInfo: Span[] };
}

export interface LoadedHead {
  classes: string[];
  weights: Float32Array;
  thresholds: Record<string, number>;
}

export interface LoadedModel {
  file: ModelFile;
  heads: Record<HeadName, LoadedHead>;
}

/** Decodes a weights file into dense tables (about 5 MB of Float32Array). */
export function loadModel(file: ModelFile): LoadedModel {
  if (file.format !== 1 || 1 << file.hashBits !== HASH_SIZE) {
    throw new Error('safety model: the weights file does not match this code; run npm run safety:train');
  }
  const head = (name: HeadName): LoadedHead => ({
    classes: file.heads[name].classes,
    weights: decodeHead(file.heads[name], HASH_SIZE),
    thresholds: file.heads[name].thresholds,
  });
  return { file, heads: { crisis: head('crisis'), sourcing: head('sourcing'), personalInfo: head('personalInfo') } };
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

/** Scores one text with every head: probabilities, the model's decisions and their evidence. */
export function runModel(model: LoadedModel, text: string, rules: RuleHits): ModelReport {
  const f = featuresOf(text, rules, { charGrams: model.file.charGrams });
  const { crisis: ch, sourcing: sh, personalInfo: ph } = model.heads;
  const pc = probabilities(ch, f);
  const ps = probabilities(sh, f);
  const pp = probabilities(ph, f);
  const crisis = levelOf(pc, ch.thresholds, ch.classes, rules.crisis.level) as CrisisLevel;
  const sourcing = levelOf(ps, sh.thresholds, sh.classes, rules.sourcing.level) as SourcingLevel;
  const personalInfo = pp[1] >= ph.thresholds.found;
  const classIndex = (head: LoadedHead, level: string) => head.classes.indexOf(level);
  return {
    scores: {
      crisis: { none: pc[0], concern: pc[1], urgent: pc[2] },
      sourcing: { none: ps[0], suspect: ps[1], likely: ps[2] },
      personalInfo: pp[1],
    },
    decision: { crisis, sourcing, personalInfo },
    rules: { crisis: rules.crisis.level, sourcing: rules.sourcing.level, personalInfo: rules.personalInfo.found },
    evidence: {
      crisis: crisis === 'none' ? [] : evidenceOf(ch, f, classIndex(ch, crisis), text),
      sourcing: sourcing === 'none' ? [] : evidenceOf(sh, f, classIndex(sh, sourcing), text),
      personalInfo: personalInfo ? evidenceOf(ph, f, 1, text) : [],
    },
  };
}
