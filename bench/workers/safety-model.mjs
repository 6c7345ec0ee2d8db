// B7 worker: the safety detectors (rules + model) in a fresh Node process, so the weights' load
// time and memory are measured from cold. Prints one JSON line. Needs libs/safety/dist (built).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = new URL('../../', import.meta.url).pathname;
const smoke = process.argv.includes('--smoke');
const cpuMs = (start) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

globalThis.gc?.();
const before = process.memoryUsage();
let t0 = performance.now();
const safety = await import(join(ROOT, 'libs/safety/dist/index.js'));
const { rulesOf } = await import(join(ROOT, 'libs/safety/dist/model/rules.js'));
const { runModel } = await import(join(ROOT, 'libs/safety/dist/model/model.js'));
const importMs = performance.now() - t0;
t0 = performance.now();
const cpu0 = process.cpuUsage();
safety.safetyModel();
const loadMs = performance.now() - t0;
const loadCpuMs = cpuMs(cpu0);
globalThis.gc?.();
const after = process.memoryUsage();
const modelMb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1024 ** 2;

// Typical posts: every labelled text of at most 500 characters (training data and fixtures).
const texts = [];
for (const dir of ['test/fixtures/safety', 'libs/safety/train/data']) {
  for (const name of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(ROOT, dir, name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line);
      if (typeof row.text === 'string' && row.text.length <= 500) texts.push(row.text);
    }
  }
}
const sample = smoke ? texts.slice(0, 200) : texts;
for (let i = 0; i < 3; i++) for (const t of sample) safety.analyzeText(t); // warm the JIT
const REPEAT = smoke ? 3 : 10;
const perPost = [];
for (const t of sample) {
  const start = process.cpuUsage();
  for (let i = 0; i < REPEAT; i++) safety.analyzeText(t);
  perPost.push(cpuMs(start) / REPEAT);
}
perPost.sort((a, b) => a - b);
const q = (p) => perPost[Math.min(perPost.length - 1, Math.ceil(p * perPost.length) - 1)];

// Worst cases: 20,000 characters of the shapes that make regexes and tokenisers slow.
const N = 20_000;
const fill = (unit) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);
const worst = {
  'one letter': fill('a'),
  spaces: fill(' '),
  digits: fill('5'),
  'phone-ish': fill('555-867-'),
  emoji: fill('💊⚰️'),
  'crisis phrase': fill('i want to kill myself tonight, goodbye. '),
  'sourcing phrase': fill('selling blues 20 each hmu on snap @plug. '),
  spanish: fill('quiero morirme, ya tengo todo listo para esta noche. '),
  punctuation: fill('!?.,;:'),
  newlines: fill('a\n'),
  'long words': fill(`${'x'.repeat(999)} `),
  random: Array.from({ length: N }, (_, i) => 'abcdefghij klmnop.,!\n0123456789'[(i * 7919) % 31]).join(''),
};
// The whole of analyzeText, and the model's part alone (features, three heads, evidence) on the
// rules' results: the two are owned and fixed separately.
const worstMs = {};
const worstModel = {};
const model = safety.safetyModel();
for (const [name, text] of Object.entries(worst)) {
  let best = Infinity;
  let bestModel = Infinity;
  const rules = rulesOf(text);
  for (let i = 0; i < (smoke ? 1 : 3); i++) {
    let start = process.cpuUsage();
    safety.analyzeText(text);
    best = Math.min(best, cpuMs(start));
    start = process.cpuUsage();
    runModel(model, text, rules);
    bestModel = Math.min(bestModel, cpuMs(start));
  }
  worstMs[name] = best;
  worstModel[name] = bestModel;
}
const [worstName, worstValue] = Object.entries(worstMs).sort((a, b) => b[1] - a[1])[0];
const [worstModelName, worstModelValue] = Object.entries(worstModel).sort((a, b) => b[1] - a[1])[0];

process.stdout.write(
  `${JSON.stringify({
    posts: sample.length,
    medianMs: q(0.5),
    p99Ms: q(0.99),
    worstMs: worstValue,
    worstName,
    worstAll: worstMs,
    worstModelMs: worstModelValue,
    worstModelName,
    importMs,
    loadMs,
    loadCpuMs,
    modelMb,
  })}\n`,
);
