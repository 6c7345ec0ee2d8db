import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { analyzeText } from './index.js';
import { compileWatchedWords } from './watched-words.js';

// Issue 13 ("one post can't freeze the server"): every detector is linear in the text length. This
// is not a timing assert: the worst input found is compared with a benign text of the same length,
// measured side by side in this run, so a loaded machine slows both. The absolute worst case in ms
// is reported by bench/safety-worst.mjs.

const LENGTH = 20_000;
// How many times a benign text of the same length the worst input may cost.
const MAX_RATIO = 4;

const BENIGN_PARAGRAPH =
  'Day 43 today. Went to the Tuesday meeting at the library on 5th and talked with my sponsor about ' +
  'the cravings, which were bad last week. My doctor moved my Suboxone dose to 12 mg and the clinic ' +
  'is closed Monday, so I will pick up on Wednesday. Thank you all for the support, it means a lot. ' +
  'If anyone wants the article on naloxone, it is at https://example.org/naloxone and [here](https://example.org). ';
const BENIGN = BENIGN_PARAGRAPH.repeat(Math.ceil(LENGTH / BENIGN_PARAGRAPH.length)).slice(0, LENGTH);

// A list an admin might really keep, with every kind of wildcard.
const WATCHED = compileWatchedWords(
  ['*pill*', 'fent*', '*plug', 'pi*ll', 'for sale', 'buy * pills', 'wickr', '/m-?30s?/i', '/\\bcash ?app\\b/i'].map(
    (pattern, i) => ({ id: `w${i}`, pattern, action: 'flag' as const }),
  ),
);

function run(text: string): void {
  analyzeText(text);
  WATCHED.test(text);
}

function cpu(text: string): number {
  const start = process.cpuUsage();
  run(text);
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

/**
 * The worst input's cost over the benign text's, each the cheapest of a few runs taken in turn (so
 * a burst of load from another process slows both sides alike, and can only make a run slower).
 */
function ratio(text: string, rounds = 3): number {
  run(text); // warm: V8 interprets a regex the first time and compiles it afterwards
  let worst = Infinity;
  let benign = Infinity;
  for (let i = 0; i < rounds; i++) {
    benign = Math.min(benign, cpu(BENIGN));
    worst = Math.min(worst, cpu(text));
  }
  return worst / Math.max(benign, 1_000);
}

function fill(unit: string): string {
  return unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
}

// The shapes that made the old patterns quadratic or worse (issue 13, item 5), and the characters
// and words the patterns start on, for the generator to combine.
const KNOWN_WORST = [
  'a.',
  '0',
  '1 ',
  '[a](',
  '[',
  '.a',
  'a-',
  '+1',
  '1-',
  '0-_',
  'Y%',
  'HE\u0000',
  'MIXED ',
  'DID\u0000',
  'a@',
  'a at ',
  'a dot ',
  '\u{1F48A}',
  'p',
  'pi',
  ' ',
];
const ATOMS = [
  'a',
  'A',
  '1',
  '0',
  '.',
  '-',
  '_',
  '@',
  '#',
  '+',
  '%',
  '$',
  '/',
  '(',
  ')',
  '[',
  ']',
  ' ',
  '\n',
  "'",
  ',',
  ':',
  'at ',
  'dot ',
  'i ',
  'my ',
  'the ',
  'all ',
  'took ',
  'want to ',
  'kill ',
  'not ',
  'call ',
  'snap ',
  'ig: ',
  'my name is ',
  'Aa ',
  'http://',
  'x.com/',
  '\u{1F48A}',
  '\u26B0\uFE0F',
  '\u00F1',
  'pill',
  'who has ',
  'got ',
  'st ',
  '12 ',
];

describe('every detector is linear in the text length', () => {
  run(BENIGN);

  it.each(KNOWN_WORST.map((u) => [JSON.stringify(u), u]))(
    `%s repeated to ${LENGTH} characters costs at most ${MAX_RATIO}x a benign text`,
    (_name, unit) => {
      expect(ratio(fill(unit))).toBeLessThan(MAX_RATIO);
    },
  );

  it('holds for generated repeating inputs (fixed seed, bounded)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ATOMS), { minLength: 1, maxLength: 6 }), (atoms) => {
        return ratio(fill(atoms.join('')), 2) < MAX_RATIO;
      }),
      { seed: 1313, numRuns: 60 },
    );
  });
});
