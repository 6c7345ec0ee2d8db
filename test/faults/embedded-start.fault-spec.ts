import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  assertBuilt,
  freePort,
  isAlive,
  postmaster,
  spawnApi,
  tempDataDir,
  waitUntilReady,
} from './support/api-process.js';

/** The built API must refuse to start with one plain sentence on stderr: no stack trace. */
async function expectCleanFailure(env: Record<string, string>, mentions: RegExp): Promise<void> {
  const api = spawnApi({ PORT: String(await freePort()), ...env });
  const code = await Promise.race([
    api.exited,
    new Promise((r) => setTimeout(() => r('still running after 45 s'), 45_000)),
  ]);
  if (code === 'still running after 45 s') api.child.kill('SIGKILL');
  const { stderr } = api.output();
  const lines = stderr.trim().split('\n');
  expect({ code, lines: lines.length }).toEqual({ code: 1, lines: 1 });
  expect(lines[0]).toMatch(/^Kindred could not start: /);
  expect(lines[0]).toMatch(mentions);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('embedded PostgreSQL that cannot start', () => {
  const dirs: string[] = [];
  let held: Server | null = null;

  beforeAll(() => assertBuilt());
  afterAll(async () => {
    await new Promise((r) => (held ? held.close(r) : r(undefined)));
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('says which port is taken and what to do', async () => {
    const port = await freePort();
    held = createServer();
    await new Promise<void>((r) => held!.listen(port, '127.0.0.1', r));
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    await expectCleanFailure(
      { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) },
      new RegExp(`${port}.*EMBEDDED_PG_PORT`),
    );
  }, 70_000);

  it('says the data directory cannot be written (a path under a file, which fails even for root)', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    await expectCleanFailure({ DATA_DIR: join(file, 'data') }, /DATA_DIR/);
  }, 70_000);

  it('says DATA_DIR cannot be created where no folder can exist (under /proc), instead of hanging', async () => {
    await expectCleanFailure({ DATA_DIR: '/proc/kindred-data' }, /DATA_DIR/);
  }, 70_000);

  it('refuses to overwrite a DATA_DIR/postgres that is a file or a folder of something else', async () => {
    const asFile = tempDataDir();
    dirs.push(asFile);
    writeFileSync(join(asFile, 'postgres'), "somebody else's file");
    await expectCleanFailure({ DATA_DIR: asFile }, /not a PostgreSQL data folder.*DATA_DIR/);
    expect(readFileSync(join(asFile, 'postgres'), 'utf8')).toBe("somebody else's file");

    const asFolder = tempDataDir();
    dirs.push(asFolder);
    mkdirSync(join(asFolder, 'postgres'));
    writeFileSync(join(asFolder, 'postgres', 'notes.txt'), 'keep me');
    await expectCleanFailure({ DATA_DIR: asFolder }, /not a PostgreSQL data folder/);
    expect(readFileSync(join(asFolder, 'postgres', 'notes.txt'), 'utf8')).toBe('keep me');
  }, 100_000);

  it('starts over a stale lock file left by a dead PostgreSQL', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const port = String(await freePort());
    const first = spawnApi({ DATA_DIR: dataDir, PORT: port });
    await waitUntilReady(first);
    const pg = postmaster(dataDir)!;
    // Simulate a crash of both: kill PostgreSQL hard, then leave a lock naming a dead pid.
    process.kill(pg.pid, 'SIGKILL');
    first.child.kill('SIGKILL');
    await first.exited;
    for (let i = 0; i < 50 && isAlive(pg.pid); i++) await new Promise((r) => setTimeout(r, 100));
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid ?? 999_999;
    writeFileSync(
      join(dataDir, 'postgres', 'postmaster.pid'),
      `${dead}\n${join(dataDir, 'postgres')}\n0\n${pg.port}\n\n`,
    );

    const second = spawnApi({ DATA_DIR: dataDir, PORT: port });
    await waitUntilReady(second);
    expect(postmaster(dataDir)?.pid).not.toBe(dead);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(postmaster(dataDir)).toBeNull();
  }, 70_000);
});
