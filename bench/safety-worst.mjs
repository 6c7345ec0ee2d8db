// `node bench/safety-worst.mjs`: the absolute worst-case CPU time of the safety detectors on a
// 20,000-character input (issue 13: ≤ 50 ms on this machine), printed as one JSON object. The unit
// test (libs/safety/src/linearity.spec.ts) asserts linearity as a ratio; this reports the figure.
// Inputs: the known worst shapes and a seeded sample of repeating atom combinations. Each input is
// run once to warm (V8 interprets a regex the first time), then the cheapest of --runs is kept.
// Options: --runs 3  --samples 150  --no-build (use libs/safety/dist as it is). Only the JSON goes to stdout.
import { execSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    samples: { type: 'string', default: '150' },
    'no-build': { type: 'boolean', default: false },
  },
});
// Built first (quietly: stdout carries only the JSON).
if (!args['no-build']) {
  execSync('npm run build --silent -w @kindred/safety', {
    cwd: new URL('..', import.meta.url),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
const safety = await import('../libs/safety/dist/index.js');

const LENGTH = 20_000;
const RUNS = Number(args.runs);
const BENIGN_PARAGRAPH =
  'Day 43 today. Went to the Tuesday meeting at the library on 5th and talked with my sponsor about ' +
  'the cravings, which were bad last week. My doctor moved my Suboxone dose to 12 mg and the clinic ' +
  'is closed Monday, so I will pick up on Wednesday. Thank you all for the support, it means a lot. ' +
  'If anyone wants the article on naloxone, it is at https://example.org/naloxone and [here](https://example.org). ';
const WATCHED = safety.compileWatchedWords(
  ['*pill*', 'fent*', '*plug', 'pi*ll', 'for sale', 'buy * pills', 'wickr', '/m-?30s?/i', '/\\bcash ?app\\b/i'].map(
    (pattern, i) => ({ id: `w${i}`, pattern, action: 'flag' }),
  ),
);
const DETECTORS = {
  analyzeText: (t) => safety.analyzeText(t),
  crisis: (t) => safety.detectCrisis(t),
  sourcing: (t) => safety.detectSourcing(t),
  personalInfo: (t) => safety.detectPersonalInfo(t),
  links: (t) => safety.countLinks(t),
  watchedWords: (t) => WATCHED.test(t),
};
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
];
KNOWN_WORST.push('a@', 'a at ', 'a dot ', '\u{1F48A}', 'p', 'pi', ' ');
const ATOMS = ['a', 'A', '1', '0', '.', '-', '_', '@', '#', '+', '%', '$', '/', '(', ')', '[', ']', ' ', '\n', "'"];
ATOMS.push(',', ':', 'at ', 'dot ', 'i ', 'my ', 'the ', 'all ', 'took ', 'want to ', 'kill ', 'not ', 'call ');
ATOMS.push('snap ', 'ig: ', 'my name is ', 'Aa ', 'http://', 'x.com/', '\u{1F48A}', '\u26B0\uFE0F', '\u00F1');
ATOMS.push('pill', 'who has ', 'got ', 'st ', '12 ', 'quiero ', 'tengo ', 'six ', 'one ');

// A small seeded generator (mulberry32), so every run tries the same inputs.
let seed = 1313;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const units = [...KNOWN_WORST];
for (let i = 0; i < Number(args.samples); i++) {
  const n = 1 + Math.floor(random() * 5);
  units.push(Array.from({ length: n }, () => ATOMS[Math.floor(random() * ATOMS.length)]).join(''));
}
const fill = (unit) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);

function cpuMs(fn, text) {
  fn(text);
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = process.cpuUsage();
    fn(text);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

const benign = fill(BENIGN_PARAGRAPH);
const result = { length: LENGTH, inputs: units.length + 1, budgetMs: 50, benignMs: {}, worst: {} };
for (const [name, fn] of Object.entries(DETECTORS)) {
  result.benignMs[name] = Number(cpuMs(fn, benign).toFixed(2));
  let worst = { ms: -1, input: '' };
  for (const unit of units) {
    const ms = cpuMs(fn, fill(unit));
    if (ms > worst.ms) worst = { ms: Number(ms.toFixed(2)), input: `${JSON.stringify(unit)} repeated` };
  }
  result.worst[name] = worst;
}
result.worstMs = Math.max(...Object.values(result.worst).map((w) => w.ms));
result.withinBudget = result.worst.analyzeText.ms + result.worst.watchedWords.ms <= result.budgetMs;
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
