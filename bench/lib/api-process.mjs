// The API under test: the production build (apps/api/dist/main.js) as a child process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ROOT, sleep } from './util.mjs';

/**
 * Starts the API on a free port against `databaseUrl` and waits for /api/health.
 * `env` adds settings (e.g. relaxed rate limits) on top of the bench defaults; `nodeArgs` go to node
 * (e.g. `--cpu-prof`); `root` is the checkout whose build runs (another worktree, for before/after).
 */
export async function startApi({ databaseUrl, jwtSecret, aliasSecret, env = {}, nodeArgs = [], root = ROOT }) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kindred-bench-data-'));
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      JWT_SECRET: jwtSecret,
      ALIAS_SECRET: aliasSecret,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`The API exited during start-up (${JSON.stringify(exited)}):\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API did not become healthy within 90 s:\n${output}`);
    }
    await sleep(200);
  }

  return {
    pid: child.pid,
    port,
    url,
    output: () => output,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        for (let i = 0; i < 100 && !exited; i++) await sleep(100);
        if (!exited) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
