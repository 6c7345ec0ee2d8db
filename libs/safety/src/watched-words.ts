// Admin-configured watched words, in the manner of Discourse: a word or phrase with `*` wildcards,
// or a /regex/ with an optional i flag. Patterns are validated before use so that one careless
// regex cannot stall every post (catastrophic backtracking).

export type WatchedAction = 'block' | 'hold' | 'flag' | 'censor';

export interface WatchedWord {
  id: string;
  pattern: string;
  action: WatchedAction;
}

export interface WatchedMatch {
  id: string;
  action: WatchedAction;
  start: number;
  end: number;
}

export interface WatchedResult {
  block: WatchedWord[];
  hold: WatchedWord[];
  flag: WatchedWord[];
  /** The text with every censor match replaced by ■■■. */
  censored: string;
  matches: WatchedMatch[];
}

export interface CompiledWatchedWords {
  test(text: string): WatchedResult;
  /** Entries left out because their pattern failed validation. */
  rejected: Array<{ id: string; reason: string }>;
}

const CENSOR = '\u25A0\u25A0\u25A0';
const MAX_PATTERN_LENGTH = 200;
const MIN_LITERAL_CHARS = 2;
// One entry cannot flood a report; the decision only needs to know it matched.
const MAX_MATCHES_PER_ENTRY = 100;
const REGEX_ENTRY = /^\/(.*)\/([a-z]*)$/s;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
// What a * stands for: letters, digits and the marks inside a word ("fent*" matches "fent-laced").
const WILD_CLASS = "[\\p{L}\\p{N}_'\u2019-]";
const WILD_CHAR = new RegExp(WILD_CLASS, 'u');
// A * inside a word spans at most this many characters: unbounded, "pi*ll" read a long run of "pi"
// once per "pi" (quadratic). A * at either end needs no bound (see toEntry).
const MAX_INNER_WILDCARD = 24;
const MAX_INNER_WILDCARDS = 1;

/** Null when the pattern can be used; otherwise a reason an admin can act on. Never throws. */
export function validateWatchedPattern(pattern: string): string | null {
  if (typeof pattern !== 'string') return 'The pattern must be text.';
  const trimmed = pattern.trim();
  if (trimmed === '') return 'The pattern is empty.';
  if (trimmed.length > MAX_PATTERN_LENGTH) return `The pattern is longer than ${MAX_PATTERN_LENGTH} characters.`;
  const regex = REGEX_ENTRY.exec(trimmed);
  return regex ? validateRegex(regex[1], regex[2]) : validateWord(trimmed);
}

function validateWord(word: string): string | null {
  const literal = word.replace(/[*\s]/g, '');
  if ([...literal].length < MIN_LITERAL_CHARS) {
    return `The word is too short: it needs at least ${MIN_LITERAL_CHARS} characters besides *.`;
  }
  const inner = word.split(/\s+/).map((part) => trimStars(part).split(/\*+/).length - 1);
  if (Math.max(...inner) > MAX_INNER_WILDCARDS) {
    return 'Use at most one * inside a word (a * at the start or end of a word is always fine).';
  }
  // The compiled form goes through the same check as a /regex/ entry.
  return findCatastrophe(compileWord(word).re.source);
}

function validateRegex(source: string, flags: string): string | null {
  if (source.length < MIN_LITERAL_CHARS) return 'The regular expression is too short.';
  if (/[^i]/.test(flags)) return 'Only the i flag is supported on a regular expression.';
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (error) {
    return `Invalid regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (re.test('')) return 'The regular expression matches empty text, so it would match every post.';
  return findCatastrophe(source);
}

interface Group {
  repeats: boolean; // holds a repeated atom
  alternatives: string[];
  start: number;
}

/**
 * Rejects the shapes that backtrack exponentially: a repeated group that itself repeats
 * ("(a+)+", "(\w*\s?)*") and a repeated alternation whose branches overlap ("(a|a)*", "(a|ab)+").
 */
function findCatastrophe(source: string): string | null {
  const stack: Group[] = [{ repeats: false, alternatives: [], start: 0 }];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '(') {
      stack.push({ repeats: false, alternatives: [], start: i + 1 });
    } else if (ch === '|') {
      const top = stack[stack.length - 1];
      top.alternatives.push(source.slice(top.start, i));
      top.start = i + 1;
    } else if (ch === ')' && stack.length > 1) {
      const group = stack.pop()!;
      group.alternatives.push(source.slice(group.start, i));
      const quantifier = readQuantifier(source, i + 1);
      const reason = quantifier.repeats ? judgeRepeatedGroup(group) : null;
      if (reason) return reason;
      stack[stack.length - 1].repeats ||= group.repeats || quantifier.repeats;
      i += quantifier.length;
    } else {
      // An atom: an escape (\w), a class ("[a-z]") or a single character.
      if (ch === '\\') i++;
      else if (ch === '[') i = skipClass(source, i);
      const quantifier = readQuantifier(source, i + 1);
      if (quantifier.repeats) stack[stack.length - 1].repeats = true;
      i += quantifier.length;
    }
  }
  return null;
}

function judgeRepeatedGroup(group: Group): string | null {
  if (group.repeats) {
    return 'Nested quantifiers such as (a+)+ can take exponential time; remove the inner or outer repeat.';
  }
  const branches = group.alternatives.map((a) => a.replace(/^\?(?::|=|!|<=|<!|<\w+>)/, ''));
  if (branches.length < 2) return null;
  for (let a = 0; a < branches.length; a++) {
    for (let b = 0; b < branches.length; b++) {
      if (a !== b && (branches[b] === '' || branches[b].startsWith(branches[a]))) {
        return 'A repeated group whose alternatives overlap, such as (a|ab)*, can take exponential time.';
      }
    }
  }
  return null;
}

function skipClass(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']' && i > open + 1) return i;
  }
  return source.length;
}

/** The quantifier at `at`, if any: its length and whether it can repeat more than once. */
function readQuantifier(source: string, at: number): { length: number; repeats: boolean } {
  const ch = source[at];
  const lazy = (n: number) => (source[at + n] === '?' || source[at + n] === '+' ? 1 : 0);
  if (ch === '*' || ch === '+') return { length: 1 + lazy(1), repeats: true };
  if (ch === '?') return { length: 1 + lazy(1), repeats: false };
  const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
  if (!braces) return { length: 0, repeats: false };
  const max = braces[2] === undefined ? Number(braces[1]) : braces[3] === '' ? Infinity : Number(braces[3]);
  return { length: braces[0].length + lazy(braces[0].length), repeats: max > 1 };
}

interface Entry {
  word: WatchedWord;
  re: RegExp;
  /** The pattern began with *: a match is widened back to the start of its word. */
  widen: boolean;
}

/** A /regex/ entry as written; a word entry as a linear regex (see {@link compileWord}). */
function toEntry(word: WatchedWord): Entry {
  const regex = REGEX_ENTRY.exec(word.pattern.trim());
  if (regex) return { word, re: new RegExp(regex[1], `${regex[2]}g`), widen: false };
  return { word, ...compileWord(word.pattern) };
}

/**
 * A word entry as a regex that reads a text once. A leading * is not part of the regex: the match
 * is widened back to the start of its word afterwards (an unanchored leading [\p{L}…]* was tried
 * from every letter of a long word, quadratic). A trailing * is a greedy run with nothing after it,
 * and a * inside a word is bounded.
 */
function compileWord(pattern: string): { re: RegExp; widen: boolean } {
  const trimmed = pattern.trim();
  const widen = trimmed.startsWith('*');
  const core = trimmed.replace(/^\*+/, '');
  const parts = core.split(/\s+/).map((part) => {
    // A lone * stands for one whole word: "buy * pills". Never empty, so the spaces around it
    // cannot be read two ways.
    if (trimStars(part) === '') return `${WILD_CLASS}+`;
    const pieces = part.split(/\*+/);
    return pieces
      .map((piece, j) => {
        if (j === 0) return escapeRegExp(piece);
        // A * that ends the whole pattern, or a word inside a phrase, runs to the end of its word.
        const ends = j === pieces.length - 1 && piece === '';
        return (ends ? `${WILD_CLASS}*` : `${WILD_CLASS}{0,${MAX_INNER_WILDCARD}}`) + escapeRegExp(piece);
      })
      .join('');
  });
  const body = parts.join('\\s+');
  // Word boundaries only where the pattern itself begins or ends with a letter or digit.
  const before = WORD_CHAR.test(core[0] ?? '') && !widen ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = WORD_CHAR.test(trimmed[trimmed.length - 1]) ? '(?![\\p{L}\\p{N}_])' : '';
  return { re: new RegExp(`${before}${body}${after}`, 'giu'), widen };
}

/** The part without its leading and trailing *s (a loop: /\*+$/ reads a run of * once per *). */
function trimStars(part: string): string {
  let from = 0;
  let to = part.length;
  while (from < to && part[from] === '*') from++;
  while (to > from && part[to - 1] === '*') to--;
  return part.slice(from, to);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Compiles the admin's list once; `test` then runs every valid entry over a text. */
export function compileWatchedWords(entries: WatchedWord[]): CompiledWatchedWords {
  const compiled: Entry[] = [];
  const rejected: Array<{ id: string; reason: string }> = [];
  for (const word of entries) {
    const reason = validateWatchedPattern(word.pattern);
    if (reason) rejected.push({ id: word.id, reason });
    else compiled.push(toEntry(word));
  }
  return { test: (text) => runEntries(compiled, text), rejected };
}

function runEntries(entries: Entry[], text: string): WatchedResult {
  const result: WatchedResult = { block: [], hold: [], flag: [], censored: text, matches: [] };
  for (const entry of entries) {
    const { word } = entry;
    const found = matchesOf(entry, text);
    if (found.length === 0) continue;
    result.matches.push(...found);
    if (word.action !== 'censor') result[word.action].push(word);
  }
  result.matches.sort((a, b) => a.start - b.start || a.end - b.end);
  result.censored = censor(
    text,
    result.matches.filter((m) => m.action === 'censor'),
  );
  return result;
}

function matchesOf({ re, word, widen }: Entry, text: string): WatchedMatch[] {
  const found: WatchedMatch[] = [];
  let floor = 0; // a widened match never reaches back over the one before it, so each letter is read once
  re.lastIndex = 0;
  for (let m = re.exec(text); m && found.length < MAX_MATCHES_PER_ENTRY; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    let start = m.index;
    while (widen && start > floor && WILD_CHAR.test(text[start - 1])) start--;
    floor = m.index + m[0].length;
    found.push({ id: word.id, action: word.action, start, end: floor });
  }
  return found;
}

/** Replaces each stretch covered by censor matches (merged where they overlap) with ■■■. */
function censor(text: string, matches: WatchedMatch[]): string {
  let out = '';
  let cursor = 0;
  for (const m of matches) {
    if (m.end <= cursor) continue;
    if (m.start >= cursor) out += text.slice(cursor, m.start) + CENSOR;
    cursor = m.end;
  }
  return out + text.slice(cursor);
}
