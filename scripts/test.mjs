// `npm test`: build (the browser tier needs the web app), then every jest tier: unit,
// integration, end-to-end and browser. Extra arguments go to jest.
import { spawnSync } from 'node:child_process';
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale();
const result = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--maxWorkers=2', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } },
);
process.exit(result.status ?? 1);
