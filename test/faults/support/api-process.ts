import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../../../', import.meta.url).pathname;
export const MAIN = join(ROOT, 'apps/api/dist/main.js');

/** Fails with a clear message when the API was not built (npm test builds first). */
export function assertBuilt(): void {
  if (!existsSync(MAIN)) {
    throw new Error(
      `The fault tests run the built API, but ${MAIN} is missing: run "npm run build" (npm test does it).`,
    );
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway DATA_DIR that the embedded PostgreSQL (run as another user when we are root) can enter. */
export function tempDataDir(prefix = 'kindred-fault-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export interface ApiProcess {
  child: ChildProcess;
  baseUrl: string;
  port: number;
  output(): { stdout: string; stderr: string };
  /** Resolves with the exit code (or the signal name) when the process ends. */
  exited: Promise<number | string>;
}

/**
 * Spawns `node apps/api/dist/main.js` with the embedded database (no DATABASE_URL) unless `env`
 * sets one. Resolves as soon as it is spawned; use waitUntilReady.
 */
export function spawnApi(env: Record<string, string>): ApiProcess {
  const clean = { ...process.env };
  for (const key of ['DATABASE_URL', 'TEST_DATABASE_URL', 'KINDRED_TEST_PG_URL', 'REDIS_URL', 'EMBEDDED_PG_PORT']) {
    delete clean[key];
  }
  const port = Number(env.PORT ?? 0);
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...clean, HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMITS: 'off', NODE_NO_WARNINGS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => ({ stdout, stderr }), exited };
}

/** Waits for "Kindred is listening" and a healthy /api/health, or throws with the process output. */
export async function waitUntilReady(api: ApiProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended: number | string | null = null;
  void api.exited.then((code) => (ended = code));
  while (Date.now() < deadline) {
    if (ended !== null) {
      const { stdout, stderr } = api.output();
      throw new Error(`The API exited (${ended}) before it was ready.\nstdout: ${stdout}\nstderr: ${stderr}`);
    }
    if (api.output().stdout.includes('Kindred is listening')) {
      const res = await fetch(`${api.baseUrl}/api/health`).catch(() => null);
      if (res?.status === 200) return;
    }
    await sleep(200);
  }
  const { stdout, stderr } = api.output();
  throw new Error(`The API was not ready within ${timeoutMs} ms.\nstdout: ${stdout}\nstderr: ${stderr}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** How a test connects to the embedded PostgreSQL of a DATA_DIR: as the app's role, with its generated password. */
export function embeddedUrl(dataDir: string): string {
  const password = readFileSync(join(dataDir, 'secrets', 'embedded_pg_app'), 'utf8').trim();
  return `postgres://kindred_app:${encodeURIComponent(password)}@127.0.0.1:${postmaster(dataDir)!.port}/kindred`;
}

/** The PostgreSQL server recorded in DATA_DIR/postgres/postmaster.pid: pid and port, or null. */
export function postmaster(dataDir: string): { pid: number; port: number } | null {
  const file = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

/** JSON over fetch against a spawned API. */
export async function call<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<{ status: number; body: T; ms: number }> {
  const started = Date.now();
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: body as T, ms: Date.now() - started };
}
