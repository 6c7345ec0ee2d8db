import { spawnSync } from 'node:child_process';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Runs `npm test -- --listTests` (no test runs) with Chromium pointed at a path that does not exist. */
function listTests(env: Record<string, string>): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, ['scripts/test.mjs', '--listTests'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: '', KINDRED_REQUIRE_BROWSER: '', CHROMIUM_PATH: '/nonexistent/chromium', ...env },
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('npm test without Chromium', () => {
  it('skips only the browser tier, with one loud line saying how to install Chromium', () => {
    const run = listTests({});
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Browser tests SKIPPED');
    expect(run.stderr).toContain('apt-get install -y chromium');
    expect(run.stdout).toContain('.e2e-spec.ts');
    expect(run.stdout).toContain('.fault-spec.ts');
    expect(run.stdout).not.toContain('.browser-spec.ts');
  });

  it.each<Record<string, string>>([{ CI: 'true' }, { KINDRED_REQUIRE_BROWSER: '1' }])(
    'keeps the browser tier required with %o',
    (env) => {
      const run = listTests(env);
      expect(run.stderr).not.toContain('SKIPPED');
      expect(run.stdout).toContain('.browser-spec.ts');
    },
  );
});
