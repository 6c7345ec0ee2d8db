import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, type AttackPattern } from 'recheck';
import ts from 'typescript';

// Issue 13, "find the next one before a visitor does": every regular expression in libs/safety and
// every regex the watched-word compiler builds is proved linear by recheck, a maintained ReDoS
// analyser (an automaton-based check, with a fuzzer for the patterns the automaton cannot model).
// Nothing is listed by hand: literals are read from the source with the TypeScript parser and
// every `new RegExp(...)` is caught while the modules load, so a new pattern cannot escape.
//
// recheck takes seconds per large pattern, so verdicts are cached in redos-verdicts.json by a hash
// of the pattern, its flags and the recheck version: only a new or changed pattern is checked.
// REDOS_UPDATE=1 writes the new verdicts to that file; REDOS_FULL=1 ignores it.

const HERE = dirname(fileURLToPath(import.meta.url));
const CACHE_FILE = join(HERE, 'redos-verdicts.json');
const RECHECK_VERSION: string = JSON.parse(
  readFileSync(join(HERE, '../../../node_modules/recheck/package.json'), 'utf8'),
).version;
const SOURCES = readdirSync(HERE).filter((f) => f.endsWith('.ts') && !f.includes('.spec.'));
// Functions that build a regex when called rather than when the module loads; each is exercised below.
const BUILT_ON_CALL = new Set(['compileWord', 'toEntry', 'validateRegex']);

interface Pattern {
  source: string;
  flags: string;
  where: string;
}

/** Regex literals in the source, read with the TypeScript parser. */
function literals(): Pattern[] {
  const found: Pattern[] = [];
  for (const file of SOURCES) {
    const sf = ts.createSourceFile(file, readFileSync(join(HERE, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const end = text.lastIndexOf('/');
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        found.push({ source: text.slice(1, end), flags: text.slice(end + 1), where: `${file}:${line}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

/** Names of the functions whose bodies call `new RegExp` (or `RegExp(`). */
function regexBuilders(): Set<string> {
  const names = new Set<string>();
  for (const file of SOURCES) {
    const sf = ts.createSourceFile(file, readFileSync(join(HERE, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node, fn: string | undefined): void => {
      const name =
        ts.isFunctionDeclaration(node) && node.name
          ? node.name.text
          : (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(node.parent)
            ? node.parent.name.getText(sf)
            : fn;
      if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(sf) === 'RegExp') {
        if (name) names.add(`${file}:${name}`);
      }
      ts.forEachChild(node, (child) => visit(child, name));
    };
    visit(sf, undefined);
  }
  return names;
}

/** The top-level alternatives of a pattern: each is checked on its own (a union of linear parts is linear). */
function branches(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

const dynamic: Pattern[] = [];
const RealRegExp = RegExp;

beforeAll(async () => {
  // Catch every regex built with the constructor while the modules load and while the
  // watched-word compiler runs, then put the real constructor back.
  const record = (re: RegExp) => {
    dynamic.push({ source: re.source, flags: re.flags, where: 'new RegExp' });
    return re;
  };
  globalThis.RegExp = new Proxy(RealRegExp, {
    construct: (target, args: [string | RegExp, string?]) => record(new target(...args)),
    apply: (target, _this, args: [string | RegExp, string?]) => record(target(...args)),
  });
  try {
    for (const file of SOURCES) await import(`./${file.replace(/\.ts$/, '.js')}`);
    const { compileWatchedWords } = await import('./watched-words.js');
    // Every shape a word entry can take: plain, phrase, leading/trailing/inner *, a lone * word.
    const shapes = ['plug', 'for sale', 'fent*', '*pill', '*pill*', 'pi*ll', '*p*ll*', 'buy * pills', '*a*b c*d*'];
    compileWatchedWords(shapes.map((pattern, i) => ({ id: String(i), pattern, action: 'flag' as const })));
  } finally {
    globalThis.RegExp = RealRegExp;
  }
});

interface Cache {
  recheck: string;
  safe: string[];
}

const cache: Cache = (() => {
  if (process.env.REDOS_FULL === '1') return { recheck: RECHECK_VERSION, safe: [] };
  try {
    return JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Cache;
  } catch {
    return { recheck: RECHECK_VERSION, safe: [] };
  }
})();
const known = new Set(cache.recheck === RECHECK_VERSION ? cache.safe : []);
const provedNow: string[] = [];
// Cached verdicts of patterns still in the code (an update drops the rest).
const stillSafe: string[] = [];

function keyOf(source: string, flags: string): string {
  return createHash('sha256').update(`${RECHECK_VERSION}\n${flags}\n${source}`).digest('hex').slice(0, 24);
}

interface Verdict {
  ok: boolean;
  why: string;
}

/**
 * recheck's verdict. A proof (automaton) decides. A fuzzer's "vulnerable" or a time-out is retried
 * with the exact automaton checker; when that cannot model the pattern either (lookbehind, size),
 * the attack string recheck found (or, after a time-out, strings built from the pattern's own words)
 * is run at 10,000 and 20,000 characters: a super-linear pattern more than doubles its cost.
 */
async function verdict(source: string, flags: string): Promise<Verdict> {
  const first = await check(source, flags, { timeout: 60_000, randomSeed: 13 });
  if (first.status === 'safe') return { ok: true, why: 'safe' };
  if (first.status === 'vulnerable' && !first.complexity.isFuzz) {
    return { ok: false, why: `${first.complexity.summary}, attack ${first.attack.pattern}` };
  }
  const exact = await check(source, flags, { checker: 'automaton', timeout: 60_000 });
  if (exact.status === 'safe') return { ok: true, why: 'safe (automaton)' };
  if (exact.status === 'vulnerable')
    return { ok: false, why: `${exact.complexity.summary}, attack ${exact.attack.pattern}` };
  const attacks =
    first.status === 'vulnerable'
      ? [(n: number) => pumped(first.attack, n)]
      : wordAttacks(source).map((u) => (n: number) => fill(u, n));
  for (const attack of attacks) {
    const grows = growth(new RealRegExp(source, `${flags}g`), attack);
    if (grows.ratio >= MAX_GROWTH && grows.ms >= NEGLIGIBLE_MS) {
      const label = first.status === 'vulnerable' ? first.attack.pattern : JSON.stringify(attack(20).slice(0, 20));
      return { ok: false, why: `cost grew ${grows.ratio.toFixed(1)}x from 10,000 to 20,000 characters on ${label}` };
    }
  }
  return { ok: true, why: 'measured linear' };
}

// Twice the text should cost about twice the time; quadratic is four times.
const MAX_GROWTH = 3;
// Below this at 20,000 characters (the longest text Kindred takes) a pattern cannot stall anything.
const NEGLIGIBLE_MS = 2;

function pumped(attack: AttackPattern, length: number): string {
  const fixed = attack.pumps.reduce((n, p) => n + p.prefix.length, attack.suffix.length);
  const perRepeat = attack.pumps.reduce((n, p) => n + p.pump.length, 0) || 1;
  const repeats = Math.max(1, Math.floor((length - fixed) / perRepeat));
  return attack.pumps.map((p) => p.prefix + p.pump.repeat(repeats)).join('') + attack.suffix;
}

function fill(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Repeating strings made of the pattern's own words, with the separators its windows read. */
function wordAttacks(source: string): string[] {
  const words = [...new Set(source.toLowerCase().match(/[a-z]{2,}/g) ?? [])].slice(0, 40);
  return words.flatMap((w) => [`${w} `, `${w}: `, `${w} me ${w} `, `${w}\u0000`]);
}

function growth(re: RegExp, attack: (length: number) => string): { ratio: number; ms: number } {
  const cost = (text: string) => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      re.lastIndex = 0;
      for (let m = re.exec(text), n = 0; m && n < 200; m = re.exec(text), n++) if (m[0] === '') re.lastIndex++;
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };
  cost(attack(1_000)); // warm: V8 interprets a regex the first time
  const small = cost(attack(10_000));
  const large = cost(attack(20_000));
  return { ratio: large / Math.max(small, 0.05), ms: large };
}

afterAll(() => {
  if (process.env.REDOS_UPDATE !== '1') return;
  const safe = [...new Set([...stillSafe, ...provedNow])].sort();
  writeFileSync(CACHE_FILE, `${JSON.stringify({ recheck: RECHECK_VERSION, safe }, null, 2)}\n`);
});

describe('ReDoS: every regular expression in libs/safety is linear (recheck)', () => {
  it('collects the patterns of every module, literal and built', () => {
    const files = new Set(literals().map((p) => p.where.split(':')[0]));
    for (const file of ['crisis.ts', 'sourcing.ts', 'personal-info.ts', 'grammar.ts', 'links.ts', 'watched-words.ts']) {
      expect(files).toContain(file);
    }
    expect(dynamic.length).toBeGreaterThan(50);
    // A function that builds a regex on each call is only covered when this spec calls it.
    const builders = [...regexBuilders()].map((b) => b.split(':')[1]).filter((name) => name !== 'rx');
    expect(builders.filter((name) => !BUILT_ON_CALL.has(name))).toEqual([]);
  });

  it('finds no super-linear pattern', async () => {
    const unique = new Map<string, Pattern>();
    for (const p of [...literals(), ...dynamic]) {
      const flags = p.flags.replace(/[gdy]/g, ''); // searching flags do not change the matcher
      for (const source of branches(p.source)) unique.set(keyOf(source, flags), { source, flags, where: p.where });
    }
    const failures: string[] = [];
    for (const [key, p] of unique) {
      if (known.has(key)) {
        stillSafe.push(key);
        continue;
      }
      const result = await verdict(p.source, p.flags);
      if (result.ok) provedNow.push(key);
      else failures.push(`${p.where} /${p.source}/${p.flags}: ${result.why}`);
    }
    expect(failures).toEqual([]);
  }, 1_800_000);
});
