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
const WILDCARD = "[\\p{L}\\p{N}_'\u2019-]*";

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
  return null;
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
}

function toRegExp(pattern: string): RegExp {
  const trimmed = pattern.trim();
  const regex = REGEX_ENTRY.exec(trimmed);
  if (regex) return new RegExp(regex[1], `${regex[2]}g`);
  const body = trimmed
    .split(/\s+/)
    .map((part) => part.split('*').map(escapeRegExp).join(WILDCARD))
    .join('\\s+');
  // Word boundaries only where the pattern itself begins or ends with a letter or digit.
  const before = WORD_CHAR.test(trimmed[0]) ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = WORD_CHAR.test(trimmed[trimmed.length - 1]) ? '(?![\\p{L}\\p{N}_])' : '';
  return new RegExp(`${before}${body}${after}`, 'giu');
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
    else compiled.push({ word, re: toRegExp(word.pattern) });
  }
  return { test: (text) => runEntries(compiled, text), rejected };
}

function runEntries(entries: Entry[], text: string): WatchedResult {
  const result: WatchedResult = { block: [], hold: [], flag: [], censored: text, matches: [] };
  for (const { word, re } of entries) {
    const found = matchesOf(re, text, word);
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

function matchesOf(re: RegExp, text: string, word: WatchedWord): WatchedMatch[] {
  const found: WatchedMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m && found.length < MAX_MATCHES_PER_ENTRY; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    found.push({ id: word.id, action: word.action, start: m.index, end: m.index + m[0].length });
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
