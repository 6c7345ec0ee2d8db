// Feature extraction for the safety model: hashed word unigrams + bigrams, character n-grams inside
// words, and one feature per rule hit. Pure and linear in the text: one pass to tokenise, one hash per
// feature. The trainer (libs/safety/train/train.mjs) and analyzeText use exactly this code, so a
// change here changes the source hash and needs a retrain (src/model/source-hash.ts).
import type { CrisisResult, PersonalInfoResult, SourcingResult, Span } from '../types.js';

/** Size of the hashed feature space: 2^18 buckets. */
export const HASH_BITS = 18;
export const HASH_SIZE = 1 << HASH_BITS;
const MASK = HASH_SIZE - 1;

/** One token of the text, with where it sits (offsets into the original string). */
export interface Token {
  word: string;
  start: number;
  end: number;
  sentence: number;
}

/** A sentence of the original text: evidence is reported as whole sentences. */
export interface Sentence {
  start: number;
  end: number;
}

/**
 * The features of one text, as parallel arrays: the bucket, the value and the sentence it came from
 * (-1 for whole-text rule features). Words and character n-grams are each scaled to unit length so a
 * long post does not outweigh a short one.
 */
export interface Features {
  index: Int32Array;
  value: Float32Array;
  sentence: Int16Array;
  length: number;
  sentences: Sentence[];
}

/** The rule results the model reads as features. */
export interface RuleHits {
  crisis: CrisisResult;
  sourcing: SourcingResult;
  personalInfo: PersonalInfoResult;
}

// Words: letters and digits (accents folded, apostrophes dropped), or one emoji.
const TOKEN = /[\p{L}\p{N}]+|\p{Extended_Pictographic}/gu;
const COMBINING = /\p{M}+/gu;
const APOSTROPHE = /['\u2018\u2019\u02BC`´]/g;
const SENTENCE_END = /[.!?\n]+/g;
const DIGITS = /^\p{N}+$/u;
// Beyond this, a text adds nothing a moderator needs and only costs time: the first 20,000
// characters are read (the rules read the whole text).
const MAX_CHARS = 20_000;
const MAX_SENTENCES = 32_000;

/** FNV-1a over UTF-16 units, 32-bit. */
export function hash(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Lower case, accents folded ("mándame" → "mandame"), apostrophes dropped ("don't" → "dont"). */
export function fold(text: string): string {
  // NFD keeps one UTF-16 unit per base letter for the Latin scripts, so only combining marks are
  // removed; offsets are not needed from the folded text (tokens are matched on the original).
  return text.toLowerCase().normalize('NFD').replace(COMBINING, '').replace(APOSTROPHE, '');
}

/** Sentences of the text: split at . ! ? and newlines. */
export function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m && out.length < MAX_SENTENCES; m = SENTENCE_END.exec(text)) {
    const end = m.index + m[0].length;
    if (text.slice(start, m.index).trim() !== '') out.push({ start, end });
    start = end;
  }
  if (start < text.length && text.slice(start).trim() !== '') out.push({ start, end: text.length });
  return out;
}

/** Tokens of the text, each with the sentence it belongs to. */
export function tokensOf(text: string, sentences: Sentence[]): Token[] {
  const tokens: Token[] = [];
  let s = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index;
    while (s < sentences.length - 1 && start >= sentences[s].end) s++;
    tokens.push({ word: shape(fold(m[0])), start, end: start + m[0].length, sentence: s });
  }
  return tokens;
}

// Long digit runs become their length ("5551234567" → "#10"): the model learns phone-shaped numbers,
// not particular ones. Short numbers (988, 911, 16 mg) stay as they are.
function shape(word: string): string {
  return word.length > 3 && DIGITS.test(word) ? `#${word.length}` : word;
}

/** Names of the rule-hit features: each level and each kind of span a rule reported. */
export function ruleFeatureNames(rules: RuleHits): string[] {
  const names = new Set<string>();
  if (rules.crisis.level !== 'none') names.add(`crisis=${rules.crisis.level}`);
  for (const s of rules.crisis.spans) names.add(`crisis:${s.kind}`);
  if (rules.sourcing.level !== 'none') names.add(`sourcing=${rules.sourcing.level}`);
  for (const s of rules.sourcing.spans) names.add(`sourcing:${s.kind}`);
  if (rules.personalInfo.found) names.add('pi=found');
  for (const s of rules.personalInfo.spans) names.add(`pi:${s.kind}`);
  return [...names].sort();
}

/** The spans behind each rule feature, so its weight can be credited to the right sentence. */
function ruleSpans(rules: RuleHits): Map<string, Span[]> {
  const map = new Map<string, Span[]>();
  const add = (name: string, s: Span) => {
    const list = map.get(name);
    if (list) list.push(s);
    else map.set(name, [s]);
  };
  for (const s of rules.crisis.spans) {
    add(`crisis:${s.kind}`, s);
    add(`crisis=${rules.crisis.level}`, s);
  }
  for (const s of rules.sourcing.spans) {
    add(`sourcing:${s.kind}`, s);
    add(`sourcing=${rules.sourcing.level}`, s);
  }
  for (const s of rules.personalInfo.spans) {
    add(`pi:${s.kind}`, s);
    add('pi=found', s);
  }
  return map;
}

export interface FeatureOptions {
  /** Character n-gram lengths inside words (with ^ and $ marking the word's ends). */
  charGrams: readonly number[];
  /** Leave the rule features out (the trainer sees every row both ways). */
  withoutRules?: boolean;
}

export const DEFAULT_FEATURES: FeatureOptions = { charGrams: [3, 4] };

/** Every feature of one text: words, bigrams, character n-grams and (optionally) rule hits. */
export function featuresOf(text: string, rules: RuleHits | null, options: FeatureOptions = DEFAULT_FEATURES): Features {
  const clipped = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const sentences = sentencesOf(clipped);
  const tokens = tokensOf(clipped, sentences);
  const index: number[] = [];
  const sentence: number[] = [];
  const value: number[] = [];

  // Words and bigrams (a bigram belongs to the sentence of its second word; none across sentences).
  const wordsFrom = index.length;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    index.push(hash(`w ${t.word}`) & MASK);
    sentence.push(t.sentence);
    const prev = i > 0 && tokens[i - 1].sentence === t.sentence ? tokens[i - 1].word : '<s>';
    index.push(hash(`b ${prev} ${t.word}`) & MASK);
    sentence.push(t.sentence);
  }
  scale(value, index.length - wordsFrom);

  // Character n-grams: typos and spellings ("overdosing", "ovrdosing", "sobredosis") share them.
  const charsFrom = index.length;
  for (const t of tokens) {
    if (t.word.length > 24) continue;
    const w = `^${t.word}$`;
    for (const n of options.charGrams) {
      for (let i = 0; i + n <= w.length; i++) {
        index.push(hash(`c${w.slice(i, i + n)}`) & MASK);
        sentence.push(t.sentence);
      }
    }
  }
  scale(value, index.length - charsFrom);

  if (rules && !options.withoutRules) {
    const spans = ruleSpans(rules);
    for (const name of ruleFeatureNames(rules)) {
      index.push(hash(`r ${name}`) & MASK);
      value.push(1);
      const first = spans.get(name)?.[0];
      sentence.push(first ? sentenceAt(sentences, first.start) : -1);
    }
  }
  // The bias: a feature every text has.
  index.push(0);
  value.push(1);
  sentence.push(-1);

  return {
    index: Int32Array.from(index),
    value: Float32Array.from(value),
    sentence: Int16Array.from(sentence),
    length: index.length,
    sentences,
  };
}

function scale(value: number[], count: number): void {
  const v = count === 0 ? 0 : 1 / Math.sqrt(count);
  for (let i = 0; i < count; i++) value.push(v);
}

function sentenceAt(sentences: Sentence[], offset: number): number {
  for (let i = 0; i < sentences.length; i++) if (offset < sentences[i].end) return i;
  return sentences.length - 1;
}
