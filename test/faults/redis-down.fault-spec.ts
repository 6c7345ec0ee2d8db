import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { AuthResponse } from '@kindred/contracts';
import { io, type Socket } from 'socket.io-client';
import { createTestDatabase } from '../support/test-db.js';
import {
  assertBuilt,
  call,
  freePort,
  sleep,
  spawnApi,
  waitUntilReady,
  type ApiProcess,
} from './support/api-process.js';

const PASSWORD = 'a long and good passphrase';

function startRedis(port: number): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
}

async function whoami(socket: Socket): Promise<unknown> {
  return socket.timeout(3000).emitWithAck('session:whoami', {});
}

const DATA_DIR = `/tmp/kindred-redis-fault-${process.pid}`;
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedis && process.env.KINDRED_REQUIRE_REDIS === '1') {
  throw new Error('KINDRED_REQUIRE_REDIS=1 (CI) but redis-server is not installed.');
}
if (!hasRedis) console.warn('redis-down.fault-spec: SKIPPED — redis-server is not installed.');
const suite = hasRedis ? describe : describe.skip;

/**
 * Scale-out mode (REDIS_URL) with Redis gone: the API keeps serving — HTTP, rate limits and its
 * own sockets — with a warning, and carries on when Redis returns.
 */
suite('Redis down in scale-out mode', () => {
  let redis: ChildProcess | null = null;
  let api: ApiProcess | null = null;
  let drop: (() => Promise<void>) | null = null;
  const sockets: Socket[] = [];

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    if (api && api.child.exitCode === null) {
      api.child.kill('SIGTERM');
      await api.exited;
    }
    redis?.kill('SIGKILL');
    await drop?.();
    rmSync(DATA_DIR, { recursive: true, force: true });
  }, 30_000);

  // Skipped at the end of session 3: after the merge a request hangs while Redis is down (line ~107); see the closing note.
  it('keeps serving with a warning while Redis is down, and after it returns', async () => {
    assertBuilt();
    const redisPort = await freePort();
    redis = startRedis(redisPort);
    await sleep(300);
    const database = await createTestDatabase();
    drop = database.drop;
    api = spawnApi({
      DATABASE_URL: database.url,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      PORT: String(await freePort()),
      DATA_DIR,
      RATE_LIMITS: 'on',
      REGISTRATIONS_PER_DAY: '1000',
    });
    await waitUntilReady(api);
    const base = api.baseUrl;
    const register = async (): Promise<AuthResponse> => {
      const res = await call<AuthResponse>(base, 'POST', '/api/auth/register', {
        body: { username: `r_${Math.random().toString(36).slice(2, 10)}`, password: PASSWORD },
        timeoutMs: 5000,
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    const connect = async (token: string): Promise<Socket> => {
      const socket = io(`${base}/`, {
        transports: ['websocket'],
        auth: { token },
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return socket;
    };

    const before = await register();
    const live = await connect(before.token);
    await expect(whoami(live)).resolves.toMatchObject({ ok: true });

    redis.kill('SIGKILL');
    await sleep(1000);

    // HTTP (including rate-limited routes, whose counters live in Redis) and sockets keep working.
    expect((await call(base, 'GET', '/api/health', { timeoutMs: 3000 })).status).toBe(200);
    const during = await register();
    const login = await call(base, 'POST', '/api/auth/login', {
      body: { username: during.user.username, password: PASSWORD },
      timeoutMs: 5000,
    });
    expect(login.status).toBe(200);
    await expect(whoami(live)).resolves.toMatchObject({ ok: true });
    const fresh = await connect(during.token);
    await expect(whoami(fresh)).resolves.toMatchObject({ ok: true });
    const { stdout, stderr } = api.output();
    expect(stdout + stderr).toMatch(/Redis[^\n]*unavailable/);

    // Redis returns: the API carries on.
    redis = startRedis(redisPort);
    await sleep(6000);
    expect((await call(base, 'GET', '/api/health')).status).toBe(200);
    await register();
    await expect(whoami(live)).resolves.toMatchObject({ ok: true });
    expect(api.child.exitCode).toBeNull();
  }, 90_000);
});
