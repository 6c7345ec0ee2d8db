// Keeps the benchmark harness working: `node bench/run.mjs --smoke` runs every scenario for about
// a second with tiny sizes and writes its table. No timing is asserted (machines are noisy).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

function runBench(out: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bench/run.mjs', '--smoke', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('benchmark harness (smoke)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-bench-smoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every scenario and writes the table', async () => {
    const out = join(dir, 'BENCHMARKS.md');
    const { code, output } = await runBench(out);
    expect({ code, tail: output.slice(-3000) }).toMatchObject({ code: 0 });
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toContain('| # | scenario | measured |');
    for (const id of ['B1', 'B1′', 'B2 board', 'B2 thread', 'B3', 'B4', 'B5', 'B6', 'B7']) {
      expect(markdown).toContain(`| ${id} |`);
    }
    expect(markdown).not.toContain('failed to run');
    expect(markdown).toMatch(/\*\*Machine:\*\* \d+ cores/);
    expect(markdown).toContain('## EXPLAIN plans of the hot queries');
    expect(markdown).not.toContain('Not captured');
  }, 240_000);
});
