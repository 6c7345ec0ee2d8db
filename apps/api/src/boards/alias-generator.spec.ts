import { randomUUID } from 'node:crypto';
import { AliasGenerator } from './alias-generator.js';
import { ALIAS_ADJECTIVES, ALIAS_NOUNS } from './alias-words.js';

describe(AliasGenerator.name, () => {
  const sut = new AliasGenerator('a-test-secret-that-is-long-enough-to-use-here');
  const thread = randomUUID();
  const member = randomUUID();

  it('has word lists of at least 150 distinct words each', () => {
    expect(new Set(ALIAS_ADJECTIVES).size).toBe(ALIAS_ADJECTIVES.length);
    expect(new Set(ALIAS_NOUNS).size).toBe(ALIAS_NOUNS.length);
    expect(ALIAS_ADJECTIVES.length).toBeGreaterThanOrEqual(150);
    expect(ALIAS_NOUNS.length).toBeGreaterThanOrEqual(150);
  });

  it('gives a member the same two-word alias every time inside one thread', () => {
    const alias = sut.aliasFor(thread, member);
    expect(alias).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(sut.aliasFor(thread, member)).toBe(alias);
    expect(new AliasGenerator('a-test-secret-that-is-long-enough-to-use-here').aliasFor(thread, member)).toBe(alias);
  });

  it('gives unrelated aliases to the same member in different threads', () => {
    const aliases = new Set(Array.from({ length: 20 }, () => sut.aliasFor(randomUUID(), member)));
    expect(aliases.size).toBeGreaterThanOrEqual(18);
  });

  it('depends on the secret', () => {
    const other = new AliasGenerator('another-secret-that-is-long-enough-to-use-here');
    const differing = Array.from({ length: 10 }, () => randomUUID()).filter(
      (id) => other.aliasFor(id, member) !== sut.aliasFor(id, member),
    );
    expect(differing.length).toBeGreaterThanOrEqual(9);
  });

  it('resolves a clash with another member deterministically', () => {
    const usual = sut.aliasFor(thread, member);
    const taken = new Set([usual]);
    const resolved = sut.aliasFor(thread, member, taken);
    expect(resolved).not.toBe(usual);
    expect(resolved).toBe(sut.candidate(thread, member, 1));
    expect(sut.aliasFor(thread, member, taken)).toBe(resolved);
  });

  it('keeps looking until it finds an alias nobody else holds', () => {
    const taken = new Set(Array.from({ length: 5 }, (_, i) => sut.candidate(thread, member, i)));
    const alias = sut.aliasFor(thread, member, taken);
    expect(taken.has(alias)).toBe(false);
    expect(alias).toBe(sut.candidate(thread, member, 5));
  });

  it('falls back to a numbered alias when every candidate is taken', () => {
    const taken = new Set(Array.from({ length: 64 }, (_, i) => sut.candidate(thread, member, i)));
    expect(sut.aliasFor(thread, member, taken)).toBe(`${sut.candidate(thread, member, 0)} 2`);
  });

  it('lists candidates in the order aliasFor tries them (the reply statement picks the first free one)', () => {
    const candidates = sut.candidates(thread, member, 8);
    expect(candidates).toHaveLength(8);
    expect(candidates).toEqual(Array.from({ length: 8 }, (_, i) => sut.candidate(thread, member, i)));
    for (let taken = 0; taken < 8; taken++) {
      const set = new Set(candidates.slice(0, taken).filter((c) => c !== candidates[taken]));
      expect(sut.aliasFor(thread, member, set)).toBe(candidates.find((c) => !set.has(c)));
    }
    expect(sut.candidates(thread, member, 500)).toHaveLength(64);
  });
});
