// `npm test`: build (the browser tier needs the web app), then every jest tier: unit,
// integration, end-to-end, browser and faults. Extra arguments go to jest.
//
// Without Chromium the browser tier is skipped with one loud line, so a machine without a browser
// still runs everything else — except in CI (CI=true) or with KINDRED_REQUIRE_BROWSER=1, where a
// missing Chromium fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildIfStale } from './build-if-stale.mjs';

const TIERS = ['unit', 'integration', 'e2e', 'browser', 'faults'];

export function browserTierPlan(env, args, chromiumExists) {
  const required = env.CI === 'true' || env.KINDRED_REQUIRE_BROWSER === '1';
  const chosen = args.includes('--selectProjects');
  if (chromiumExists || required || chosen) return { args, notice: null };
  const chromium = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return {
    args: ['--selectProjects', ...TIERS.filter((tier) => tier !== 'browser'), ...args],
    notice:
      `\n*** Browser tests SKIPPED: no Chromium at ${chromium}. Install it with "apt-get install -y chromium" ` +
      '(or set CHROMIUM_PATH) to run them; CI=true or KINDRED_REQUIRE_BROWSER=1 makes this an error. ***\n',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const plan = browserTierPlan(process.env, process.argv.slice(2), existsSync(chromium));
  if (plan.notice) process.stderr.write(plan.notice);
  buildIfStale();
  const result = spawnSync(
    process.execPath,
    ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--maxWorkers=2', ...plan.args],
    { stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } },
  );
  if (plan.notice) process.stderr.write(plan.notice);
  process.exit(result.status ?? 1);
}
