// Rebuilds a workspace only when its sources are newer than its build, so `npm start` is quick
// after the first run and never serves a stale web app.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

const WORKSPACES = [
  { name: '@kindred/contracts', dir: 'libs/contracts', inputs: ['src'], output: 'dist/index.js' },
  { name: '@kindred/safety', dir: 'libs/safety', inputs: ['src'], output: 'dist/index.js' },
  { name: '@kindred/api', dir: 'apps/api', inputs: ['src'], output: 'dist/main.js' },
  {
    name: '@kindred/web',
    dir: 'apps/web',
    inputs: ['src', 'index.html', 'public', 'vite.config.ts', '../../libs/contracts/src', '../../libs/safety/src'],
    output: 'dist/index.html',
  },
];

export function buildIfStale({ only } = {}) {
  for (const ws of WORKSPACES) {
    if (only && !only.includes(ws.name)) continue;
    const out = join(ROOT, ws.dir, ws.output);
    const builtAt = existsSync(out) ? statSync(out).mtimeMs : 0;
    const changedAt = Math.max(...ws.inputs.map((input) => newest(join(ROOT, ws.dir, input))));
    if (builtAt >= changedAt) continue;
    process.stdout.write(`Building ${ws.name}…\n`);
    execSync(`npm run build --silent -w ${ws.name}`, { cwd: ROOT, stdio: 'inherit' });
  }
}
