import type { Span } from './types.js';

/**
 * Straightens curly quotes so patterns can be written with a plain apostrophe. Every replacement
 * swaps one UTF-16 unit for one, so offsets found in the result are valid in the original text.
 */
export function normalize(text: string): string {
  return text.replace(/[\u2018\u2019\u02BC\u2032\u00B4`]/g, "'").replace(/[\u201C\u201D]/g, '"');
}

/**
 * Non-empty matches of a global regex, as spans of `original`. `limit` caps how many are returned:
 * the detectors only need a few of each kind to decide, and spam repeating one phrase should not
 * cost more than a real post.
 */
export function spansOf(re: RegExp, text: string, kind: string, original = text, limit = Infinity): Span[] {
  const spans: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m && spans.length < limit; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    spans.push(span(original, m.index, m.index + m[0].length, kind));
  }
  return spans;
}

export function span(text: string, start: number, end: number, kind: string): Span {
  return { start, end, kind, text: text.slice(start, end) };
}

/** True when a (non-global) regex matches. */
export function has(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}

/** Keeps spans in text order and drops any span that overlaps one kept before it. */
export function dedupe(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  let reach = -1; // kept spans never overlap, so the last one's end is the only one to check
  for (const s of sorted) {
    if (s.start >= reach) {
      kept.push(s);
      reach = s.end;
    }
  }
  return kept;
}

// . ! ? and newline end a sentence; checked by char code because this runs for every cue.
function isSentenceBreak(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 10;
}
// A clause ends at punctuation or at a conjunction that turns the thought ("not X, but Y").
const CLAUSE_BREAK = /[,;:()\u2014]|\s-\s|\b(?:but|though|although|however|yet|except|until|whereas|now)\b/gi;

/** Where the cue sits: its sentence and the clause inside it, split before and after the cue. */
export interface CueContext {
  /** Offsets of the sentence in the text. */
  sentenceStart: number;
  sentenceEnd: number;
  /** Sentence text before the cue. */
  sentenceBefore: string;
  /** The whole sentence. */
  sentence: string;
  /** Clause text before the cue. */
  clauseBefore: string;
  /** Clause text after the cue. */
  clauseAfter: string;
  /** Text right after the cue, up to 24 characters, across clause breaks. */
  after: string;
}

// A "sentence" never reaches further than this from its cue, so a text with no punctuation and
// many cues costs linear, not quadratic, time.
const MAX_REACH = 240;

export function contextOf(text: string, start: number, end: number): CueContext {
  const floor = Math.max(0, start - MAX_REACH);
  const ceiling = Math.min(text.length, end + MAX_REACH);
  let sStart = start;
  while (sStart > floor && !isSentenceBreak(text.charCodeAt(sStart - 1))) sStart--;
  let sEnd = end;
  while (sEnd < ceiling && !isSentenceBreak(text.charCodeAt(sEnd))) sEnd++;
  const sentenceBefore = text.slice(sStart, start);
  const sentenceAfter = text.slice(end, sEnd);
  return {
    sentenceStart: sStart,
    sentenceEnd: sEnd,
    sentenceBefore,
    sentence: text.slice(sStart, sEnd),
    clauseBefore: lastClause(sentenceBefore),
    clauseAfter: firstClause(sentenceAfter),
    after: text.slice(end, end + 24),
  };
}

function lastClause(before: string): string {
  let cut = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(before); m; m = CLAUSE_BREAK.exec(before)) {
    cut = m.index + m[0].length;
  }
  return before.slice(cut);
}

function firstClause(after: string): string {
  CLAUSE_BREAK.lastIndex = 0;
  const m = CLAUSE_BREAK.exec(after);
  return m ? after.slice(0, m.index) : after;
}
