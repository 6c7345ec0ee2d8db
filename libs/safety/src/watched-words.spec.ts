import { describe, expect, it } from '@jest/globals';
import { compileWatchedWords, validateWatchedPattern, type WatchedWord } from './watched-words.js';

const word = (id: string, pattern: string, action: WatchedWord['action'] = 'flag'): WatchedWord => ({
  id,
  pattern,
  action,
});

describe(compileWatchedWords.name, () => {
  it('matches plain words case-insensitively and only as whole words', () => {
    const sut = compileWatchedWords([word('w1', 'plug', 'hold')]);
    expect(sut.test('who is the PLUG around here').hold.map((w) => w.id)).toEqual(['w1']);
    expect(sut.test('my phone charger has a plugin').hold).toEqual([]);
  });

  it('expands * within a word', () => {
    const sut = compileWatchedWords([word('w1', 'fent*', 'flag')]);
    const result = sut.test('Fentanyl and fetty, fent.');
    expect(result.matches.map((m) => [m.start, m.end])).toEqual([
      [0, 8],
      [20, 24],
    ]);
  });

  it('matches phrases across any spacing', () => {
    const sut = compileWatchedWords([word('w1', 'for  sale', 'hold')]);
    expect(sut.test('subs FOR\nSALE').hold).toHaveLength(1);
  });

  it('runs /regex/ entries, honouring the i flag', () => {
    const sut = compileWatchedWords([word('cs', '/M30s?/', 'flag'), word('ci', '/wickr\\s*me/i', 'block')]);
    const result = sut.test('m30 or M30s, Wickr me');
    expect(result.matches.filter((m) => m.id === 'cs')).toHaveLength(1);
    expect(result.block.map((w) => w.id)).toEqual(['ci']);
  });

  it('replaces censored words with ■■■ and leaves the rest', () => {
    const sut = compileWatchedWords([word('c1', 'junkie', 'censor'), word('c2', 'junk*', 'censor')]);
    const result = sut.test('Stop calling him a junkie, junkies are people.');
    expect(result.censored).toBe('Stop calling him a ■■■, ■■■ are people.');
    expect(result.block).toEqual([]);
    expect(result.flag).toEqual([]);
  });

  it('lists each matched entry once under its action', () => {
    const sut = compileWatchedWords([word('b', 'scam', 'block'), word('f', 'dm me', 'flag')]);
    const result = sut.test('scam scam, dm me');
    expect(result.block.map((w) => w.id)).toEqual(['b']);
    expect(result.flag.map((w) => w.id)).toEqual(['f']);
    expect(result.matches).toHaveLength(3);
  });

  it('leaves out invalid entries instead of throwing, and says why', () => {
    const sut = compileWatchedWords([word('bad', '/(a+)+$/'), word('ok', 'tar')]);
    expect(sut.rejected.map((r) => r.id)).toEqual(['bad']);
    expect(sut.test('black tar').flag.map((w) => w.id)).toEqual(['ok']);
  });

  it('stays fast on input built to make a naive regex backtrack', () => {
    // Not a timing assert: the catastrophic entry is rejected, so only the safe one runs.
    const sut = compileWatchedWords([word('evil', '/(a|aa)+b/'), word('fine', 'aab')]);
    expect(sut.rejected.map((r) => r.id)).toEqual(['evil']);
    expect(sut.test('a'.repeat(5000)).matches).toEqual([]);
  });
});

describe(validateWatchedPattern.name, () => {
  it.each(['plug', 'fent*', 'for sale', '/m-?30s?/i', '/\\bwickr\\b/', '/(foo|bar)+/'])('accepts %p', (pattern) => {
    expect(validateWatchedPattern(pattern)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['a', /too short/],
    ['**', /too short/],
    ['/(unclosed/', /Invalid regular expression/],
    ['/[z-a]/', /Invalid regular expression/],
    ['/(a+)+/', /Nested quantifiers/],
    ['/x(\\w+\\s?)+$/', /Nested quantifiers/],
    ['/(.*a){12}/', /Nested quantifiers/],
    ['/(a|ab)*c/', /alternatives overlap/],
    ['/(x|x)+y/', /alternatives overlap/],
    ['/a*/', /matches empty text/],
    ['/abc/g', /Only the i flag/],
    ['x'.repeat(201), /longer than/],
  ])('rejects %p', (pattern, reason) => {
    expect(validateWatchedPattern(pattern)).toMatch(reason);
  });

  it('never throws, even on odd input', () => {
    expect(() => validateWatchedPattern(undefined as unknown as string)).not.toThrow();
    expect(validateWatchedPattern(42 as unknown as string)).toMatch(/text/);
  });
});

describe('watched words stay linear (issue 13, item 6)', () => {
  it('matches a leading * back to the start of its word', () => {
    const sut = compileWatchedWords([word('p', '*pill*', 'flag'), word('s', '*sale', 'flag')]);
    const text = 'some painpills, a yard-sale';
    const found = sut.test(text).matches.map((m) => [m.id, text.slice(m.start, m.end)]);
    expect(found).toEqual([
      ['p', 'painpills'],
      ['s', 'yard-sale'],
    ]);
  });

  it('reads a lone * in a phrase as one whole word', () => {
    const sut = compileWatchedWords([word('b', 'buy * pills', 'flag')]);
    expect(sut.test('buy some pills').matches).toHaveLength(1);
    expect(sut.test('buy pills').matches).toEqual([]);
  });

  it('bounds a * inside a word and refuses more than one in a word', () => {
    const sut = compileWatchedWords([word('i', 'pi*ll', 'flag')]);
    expect(sut.test('pill, piaall, pi-ll').matches).toHaveLength(3);
    expect(sut.test(`pi${'a'.repeat(30)}ll`).matches).toEqual([]);
    expect(validateWatchedPattern('a*b*c')).toMatch(/at most one \*/);
    expect(validateWatchedPattern('*a*b* c*d')).toBeNull();
  });

  it("costs about the same per entry on a long word as on prose ('*pill*' was quadratic)", () => {
    // A ratio measured in this run, not a time: the same length of benign text is the yardstick.
    // A list like a real one: words that also match everyday text, so the yardstick is not zero.
    const sut = compileWatchedWords(
      ['*pill*', '*pill', 'pi*ll*', '*p*ill', 'buy * pills', 'the', 'we*', '*ary', 'ab*ut', 'talk*'].map((p, i) =>
        word(`w${i}`, p),
      ),
    );
    const benign = 'We met at the library and talked about the week. '.repeat(400).slice(0, 20_000);
    const worst = ['p'.repeat(20_000), 'pi'.repeat(10_000), 'pil'.repeat(6_667), 'buy '.repeat(5_000)];
    // Benign and worst runs taken in turn, the cheapest of each: a burst of load slows both alike and
    // can only make a run slower.
    const once = (text: string): number => {
      const start = process.cpuUsage();
      sut.test(text);
      const used = process.cpuUsage(start);
      return used.user + used.system;
    };
    const ratio = (text: string): number => {
      sut.test(text);
      let benignBest = Infinity;
      let worstBest = Infinity;
      for (let i = 0; i < 9; i++) {
        benignBest = Math.min(benignBest, once(benign));
        worstBest = Math.min(worstBest, once(text));
      }
      // The yardstick is at least 2 ms: under load the worst input measured 16–23 ms of CPU (1–2 ms
      // alone), linear and inside the 50 ms budget, while the quadratic '*pill*' cost 500–750 ms
      // (250x and more). 40x keeps the two apart (a CI run measured 11.7x).
      return worstBest / Math.max(benignBest, 2_000);
    };
    for (const text of worst) expect(ratio(text)).toBeLessThan(40);
  });
});
