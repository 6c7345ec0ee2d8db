import { readFileSync } from 'node:fs';
import { parse, type Token } from '@messageformat/parser';
import { LOCALES } from '@kindred/contracts';

const read = (locale: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`./messages/${locale}.json`, import.meta.url), 'utf8')) as Record<string, string>;

/** The argument names of an ICU message, sorted. */
function argumentsOf(message: string): string {
  const names = new Set<string>();
  const walk = (tokens: Token[]): void => {
    for (const token of tokens) {
      if ('arg' in token) names.add(token.arg);
      if ('cases' in token) for (const c of token.cases) walk(c.tokens);
    }
  };
  walk(parse(message));
  return [...names].sort().join(',');
}

describe('server catalogues', () => {
  const english = read('en');

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has every English key, using no argument English lacks', (locale) => {
    const other = read(locale);
    expect(Object.keys(other).sort()).toEqual(Object.keys(english).sort());
    for (const [key, message] of Object.entries(english)) {
      // A translation may leave an argument out (errors.http.other says a kind sentence of its own
      // instead of passing on Nest's English), never use one the code does not send.
      const allowed = new Set(argumentsOf(message).split(','));
      const extra = argumentsOf(other[key])
        .split(',')
        .filter((name) => name !== '' && !allowed.has(name));
      expect([key, extra]).toEqual([key, []]);
    }
  });

  it.each([...LOCALES])('%s is sorted by key', (locale) => {
    const keys = Object.keys(read(locale));
    expect(keys).toEqual([...keys].sort());
  });
});
