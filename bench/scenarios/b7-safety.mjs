// B7: the safety detectors (rules + trained model) per post, on the CPU, in a fresh process —
// median and p99 over every labelled text of ≤ 500 characters, the worst 20,000-character input,
// the weights' load time and the model's memory. Needs no API or database: `node
// bench/scenarios/b7-safety.mjs` prints the row alone; `npm run bench` puts it in BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../lib/util.mjs';

export async function run(ctx = { smoke: false }) {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', join(ROOT, 'bench/workers/safety-model.mjs'), ...(ctx.smoke ? ['--smoke'] : [])],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const r = JSON.parse(out.trim().split('\n').pop());
  const met = r.medianMs <= 1 && r.p99Ms <= 3 && r.worstMs <= 50 && r.loadMs <= 100 && r.modelMb <= 50;
  return {
    rows: [
      {
        id: 'B7',
        scenario: `safety: analyzeText (rules + model) CPU per post (${r.posts} labelled posts ≤ 500 chars), worst 20,000-char input, weights load, model memory`,
        measured:
          `median ${r.medianMs.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms; worst 20k chars ${r.worstMs.toFixed(1)} ms (${r.worstName}; ` +
          `the model's part alone ≤ ${r.worstModelMs.toFixed(1)} ms, ${r.worstModelName}); ` +
          `weights load ${r.loadMs.toFixed(1)} ms (module import ${r.importMs.toFixed(0)} ms); model memory ${r.modelMb.toFixed(1)} MB`,
        target: 'median ≤ 1 ms, p99 ≤ 3 ms; worst ≤ 50 ms; load ≤ 100 ms; memory ≤ 50 MB',
        met,
      },
    ],
    data: r,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, data } = await run({ smoke: process.argv.includes('--smoke') });
  process.stdout.write(
    `${JSON.stringify(data, null, 2)}\n| ${rows[0].id} | ${rows[0].scenario} | ${rows[0].measured} | ${rows[0].target} | ${rows[0].met ? 'yes' : '**no**'} |\n`,
  );
}
