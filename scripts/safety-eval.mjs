#!/usr/bin/env node
// Scores the safety detectors on the labelled fixtures, one table per set: `training` (the files the
// rules were built against) and each held-out file (`holdout*.jsonl`, written without tuning on it).
//   node scripts/safety-eval.mjs            tables of precision / recall, exit 1 when a floored set
//                                           (FLOORED_SETS in eval.ts) misses a floor
//   node scripts/safety-eval.mjs --misses   also list every row whose labels were not all matched
//   node scripts/safety-eval.mjs --bench    mean time of analyzeText on a 2,000-character text
// Run `npm run build -w @kindred/safety` first (the root script `safety:eval` does).
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const dist = new URL('../libs/safety/dist/', import.meta.url);
const fixtures = new URL('../test/fixtures/safety/', import.meta.url);

const safety = await import(new URL('index.js', dist).href);
const { evaluate, checkFloors, parseFixtures, fixtureSet, FLOORED_SETS } = await import(new URL('eval.js', dist).href);

const args = new Set(process.argv.slice(2));

if (args.has('--bench')) {
  bench();
} else {
  report();
}

/** Labelled rows by set, training first, then the held-out sets in name order. */
function loadSets() {
  const sets = new Map();
  for (const name of readdirSync(fixtures)
    .filter((n) => n.endsWith('.jsonl'))
    .sort()) {
    const set = fixtureSet(name);
    const entry = sets.get(set) ?? { files: [], rows: [] };
    entry.files.push(name);
    entry.rows.push(...parseFixtures(readFileSync(new URL(name, fixtures), 'utf8'), name));
    sets.set(set, entry);
  }
  return [...sets.entries()].sort(([a], [b]) => (a === 'training' ? -1 : b === 'training' ? 1 : a.localeCompare(b)));
}

function pct(x) {
  return `${(x * 100).toFixed(1)}%`.padStart(7);
}

function report() {
  let failed = false;
  for (const [set, { files, rows }] of loadSets()) {
    const e = evaluate(rows, safety);
    const floored = FLOORED_SETS.includes(set);
    console.log(`== ${set}: ${e.rows} labelled texts (${files.join(', ')})\n`);
    console.log(`${'detector'.padEnd(16)} precision  recall   tp   fp   fn`);
    for (const [name, s] of [
      ['crisis urgent', e.crisisUrgent],
      ['crisis any', e.crisisAny],
      ['sourcing likely', e.sourcingLikely],
      ['sourcing any', e.sourcingAny],
      ['personal info', e.personalInfo],
    ]) {
      const counts = [s.truePositives, s.falsePositives, s.falseNegatives].map((n) => String(n).padStart(4));
      console.log(`${name.padEnd(16)} ${pct(s.precision)}  ${pct(s.recall)} ${counts.join(' ')}`);
    }
    const { held, total, rate } = e.benignHeld;
    console.log(`${'benign held'.padEnd(16)} ${pct(rate)}  (${held} of ${total} all-clear texts)`);

    if (args.has('--misses')) {
      console.log(`\n${e.misses.length} rows not matched on every label:`);
      for (const m of e.misses) {
        const diff = ['crisis', 'sourcing', 'personalInfo']
          .filter((k) => m.expected[k] !== m.actual[k])
          .map((k) => `${k} ${m.expected[k]}→${m.actual[k]}`);
        console.log(`  [${diff.join(', ')}] ${m.text}`);
      }
    }

    const failures = checkFloors(e);
    const tag = floored ? 'floors held by eval.spec.ts' : 'measured only, floors not enforced';
    if (failures.length > 0) {
      console.log(`\n${floored ? 'FLOOR MISSED' : 'below a floor'} (${tag}):\n  ${failures.join('\n  ')}\n`);
      if (floored) failed = true;
    } else {
      console.log(`\nall floors met (${tag})\n`);
    }
  }
  if (failed) process.exit(1);
}

function bench() {
  const parts = [
    'Day 12 on subs. The clinic moved my dose to 16 mg and the cravings are quieter.',
    'My sponsor said to call 988 or 1-800-662-4357 if the nights get dark again.',
    "I used to cop on 5th street, now I drive the long way round so I don't see it.",
    'Anyone else get restless legs at night? Magnesium and a hot bath helped me a bit.',
    "Went to the Tuesday meeting, talked about my kids, and for once I didn't feel judged.",
    'Read the pinned article on naloxone, picked up two kits at the pharmacy for free.',
  ];
  let text = '';
  for (let i = 0; text.length < 2000; i++) text += `${parts[i % parts.length]} `;
  text = text.slice(0, 2000);
  const iterations = 2000;
  // Warm up first: the JIT needs a few hundred runs before the regexes reach their steady speed.
  for (let i = 0; i < 1000; i++) safety.analyzeText(text);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < iterations; i++) safety.analyzeText(text);
  const mean = (performance.now() - start) / iterations;
  // CPU time as well: on a busy machine wall time also counts the time spent waiting for a core.
  const cpu = process.cpuUsage(cpuStart);
  const cpuMean = (cpu.user + cpu.system) / 1000 / iterations;
  console.log(
    `analyzeText on ${text.length} chars: mean ${mean.toFixed(3)} ms over ${iterations} runs (CPU ${cpuMean.toFixed(3)} ms) — ` +
      (cpuMean < 1 ? 'meets the < 1 ms target' : 'MISSES the < 1 ms target (or the machine is busy: run again)'),
  );
}
