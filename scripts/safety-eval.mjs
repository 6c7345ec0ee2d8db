#!/usr/bin/env node
// Scores the safety detectors (rules + model, as analyzeText decides):
//   - the FROZEN test set (test/fixtures/safety/frozen/*.jsonl, written by writers who wrote no
//     training data): per class with 95 % Wilson intervals, Spanish rows separately. Never tuned on:
//     its misses are never listed (not even with --misses);
//   - leave-one-writer-out, as the trainer measured it (model/weights-evaluation.ts, with the source hash);
//   - the fixture files, one table per set. They are TRAINING data of the model now, so these
//     tables only show it learned them (floors are not enforced on them).
//   node scripts/safety-eval.mjs            exit 1 when the frozen set or leave-one-writer-out
//                                           misses a floor held by eval.spec.ts (HELD_FLOORS)
//   node scripts/safety-eval.mjs --misses   also list the fixture rows whose labels were not all matched
//   node scripts/safety-eval.mjs --bench    mean time of analyzeText on a 2,000-character text
//   node scripts/safety-eval.mjs --markdown the README's table (frozen set and leave-one-writer-out)
// Run `npm run build -w @kindred/safety` first (the root script `safety:eval` does).
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const dist = new URL('../libs/safety/dist/', import.meta.url);
const fixtures = new URL('../test/fixtures/safety/', import.meta.url);

const safety = await import(new URL('index.js', dist).href);
const {
  evaluate,
  scoreDecisions,
  checkFloors,
  parseFixtures,
  parseWriterFile,
  fixtureSet,
  wilson,
  fromCounts,
  HELD_FLOORS,
} = await import(new URL('eval.js', dist).href);
const { EVALUATION } = await import(new URL('model/weights-evaluation.js', dist).href);
const frozenDir = new URL('frozen/', fixtures);

const args = new Set(process.argv.slice(2));

if (args.has('--bench')) {
  bench();
} else if (args.has('--markdown')) {
  markdown();
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

function ci(k, n) {
  const [lo, hi] = wilson(k, n);
  return `${pct(n === 0 ? 1 : k / n)} [${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)}]`.padEnd(22);
}

/** One table of recall and precision with 95 % Wilson intervals. */
function table(title, e) {
  console.log(`== ${title}: ${e.rows} labelled texts\n`);
  console.log(
    `${'detector'.padEnd(16)} ${'recall [95% CI]'.padEnd(22)} ${'precision [95% CI]'.padEnd(22)}   tp   fp   fn`,
  );
  for (const [name, s] of [
    ['crisis urgent', e.crisisUrgent],
    ['crisis any', e.crisisAny],
    ['sourcing likely', e.sourcingLikely],
    ['sourcing any', e.sourcingAny],
    ['personal info', e.personalInfo],
  ]) {
    const tp = s.truePositives;
    const counts = [tp, s.falsePositives, s.falseNegatives].map((n) => String(n).padStart(4));
    console.log(
      `${name.padEnd(16)} ${ci(tp, tp + s.falseNegatives)} ${ci(tp, tp + s.falsePositives)} ${counts.join(' ')}`,
    );
  }
  const { held, total } = e.benignHeld;
  console.log(`${'benign held'.padEnd(16)} ${ci(held, total)} (${held} of ${total} all-clear texts)`);
}

function loadFrozen() {
  let names;
  try {
    names = readdirSync(frozenDir)
      .filter((n) => n.endsWith('.jsonl'))
      .sort();
  } catch {
    return [];
  }
  return names.flatMap((n) => parseWriterFile(readFileSync(new URL(n, frozenDir), 'utf8'), n, n).rows);
}

function analyse(rows) {
  return rows.map((r) => {
    const a = safety.analyzeText(r.text);
    return { crisis: a.crisis.level, sourcing: a.sourcing.level, personalInfo: a.personalInfo.found };
  });
}

function floorsOf(title, e, held = []) {
  const failures = checkFloors(e).filter((f) => held.some((h) => f.startsWith(h)));
  const below = checkFloors(e);
  if (below.length === 0) console.log(`\nall floors met\n`);
  else console.log(`\nbelow a floor:\n  ${below.join('\n  ')}\n`);
  return failures.map((f) => `${title}: ${f}`);
}

function report() {
  const failures = [];
  const frozen = loadFrozen();
  if (frozen.length > 0) {
    const decisions = analyse(frozen);
    const e = scoreDecisions(frozen, decisions);
    table(`FROZEN test set (${[...new Set(frozen.map((r) => r.writer))].join(', ')})`, e);
    failures.push(...floorsOf('frozen', e, HELD_FLOORS.frozen));
    const es = frozen.map((r, i) => [r, decisions[i]]).filter(([r]) => r.lang === 'es');
    if (es.length > 0) {
      const s = scoreDecisions(
        es.map(([r]) => r),
        es.map(([, d]) => d),
      );
      table('FROZEN test set, Spanish rows', s);
      floorsOf('frozen es', s);
    }
  }
  const ev = EVALUATION;
  const writers = Object.entries(ev.writers)
    .map(([w, n]) => `${w} ${n}`)
    .join(', ');
  table(`${ev.method} (trained without each writer in turn; ${writers})`, fromCounts(ev.pooled));
  failures.push(...floorsOf(ev.method, fromCounts(ev.pooled), HELD_FLOORS.leaveOneWriterOut));
  table(`${ev.method}, Spanish rows`, fromCounts(ev.spanish));
  floorsOf(`${ev.method} es`, fromCounts(ev.spanish));
  table(`${ev.method}, the rules alone`, fromCounts(ev.rulesOnly));
  console.log('');
  for (const [w, s] of Object.entries(ev.perWriter)) {
    const e = fromCounts(s);
    const r = (m) => ci(e[m].truePositives, e[m].truePositives + e[m].falseNegatives);
    console.log(
      `  ${w.padEnd(28)} urgent R ${r('crisisUrgent')} likely R ${r('sourcingLikely')} pi R ${r('personalInfo')}`,
    );
  }
  console.log('');

  for (const [set, { files, rows }] of loadSets()) {
    const e = evaluate(rows, {
      detectCrisis: (t) => safety.analyzeText(t).crisis,
      detectSourcing: (t) => safety.analyzeText(t).sourcing,
      detectPersonalInfo: (t) => safety.analyzeText(t).personalInfo,
    });
    const floored = false;
    console.log(`== fixtures ${set} (training data of the model): ${e.rows} texts (${files.join(', ')})\n`);
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

    const below = checkFloors(e);
    const tag = floored ? 'floors held' : 'training data: measured only';
    console.log(
      below.length > 0 ? `\nbelow a floor (${tag}):\n  ${below.join('\n  ')}\n` : `\nall floors met (${tag})\n`,
    );
  }
  if (failures.length > 0) {
    console.log(`FLOOR MISSED (held by eval.spec.ts):\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
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

/** The README table: recall / precision with 95 % Wilson intervals per set. */
function markdown() {
  const cell = (k, n) => {
    const [lo, hi] = wilson(k, n);
    return n === 0 ? '–' : `${((k / n) * 100).toFixed(1)} % (${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)})`;
  };
  const row = (name, e) => {
    const s = (m) => e[m];
    const r = (m) => cell(s(m).truePositives, s(m).truePositives + s(m).falseNegatives);
    const p = (m) => cell(s(m).truePositives, s(m).truePositives + s(m).falsePositives);
    return `| ${name} | ${e.rows} | ${r('crisisUrgent')} | ${p('crisisUrgent')} | ${r('sourcingLikely')} | ${p('sourcingLikely')} | ${r('personalInfo')} | ${cell(e.benignHeld.held, e.benignHeld.total)} |`;
  };
  const lines = [
    '| set | texts | crisis urgent recall | urgent precision | sourcing likely recall | likely precision | personal info recall | benign held |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const frozen = loadFrozen();
  const decisions = analyse(frozen);
  lines.push(row('frozen test set', scoreDecisions(frozen, decisions)));
  const es = frozen.map((r, i) => [r, decisions[i]]).filter(([r]) => r.lang === 'es');
  lines.push(
    row(
      'frozen, Spanish rows',
      scoreDecisions(
        es.map(([r]) => r),
        es.map(([, d]) => d),
      ),
    ),
  );
  const ev = EVALUATION;
  lines.push(row(`${ev.method}, pooled`, fromCounts(ev.pooled)));
  lines.push(row(`${ev.method}, Spanish rows`, fromCounts(ev.spanish)));
  lines.push(row(`${ev.method}, the rules alone`, fromCounts(ev.rulesOnly)));
  console.log(lines.join('\n'));
}
