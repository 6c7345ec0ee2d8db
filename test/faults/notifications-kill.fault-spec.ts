import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthResponse, NotificationList, PostView, ThreadView } from '@kindred/contracts';
import { DataSource } from 'typeorm';
import {
  assertBuilt,
  call,
  freePort,
  isAlive,
  postmaster,
  sleep,
  spawnApi,
  tempDataDir,
  waitUntilReady,
  type ApiProcess,
} from './support/api-process.js';

/**
 * kill -9 between a reply and its notifications: the first API process runs no jobs
 * (JOB_CONCURRENCY=0), so the fan-out jobs that the replies enqueued in their own transactions
 * are certainly still waiting when it dies. The next process on the same DATA_DIR (the embedded
 * PostgreSQL 18, reused after the crash) runs them: every reply is notified, exactly once.
 */
describe('kill -9 between a reply and its notifications', () => {
  const dataDir = tempDataDir();
  let api: ApiProcess | null = null;

  afterAll(async () => {
    if (api && api.child.exitCode === null) {
      api.child.kill('SIGTERM');
      await api.exited;
    }
    const pg = postmaster(dataDir);
    if (pg && isAlive(pg.pid)) process.kill(pg.pid, 'SIGINT');
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('loses no notification', async () => {
    assertBuilt();
    const port = await freePort();
    api = spawnApi({ DATA_DIR: dataDir, PORT: String(port), JOB_CONCURRENCY: '0', NEW_MEMBER_HOURS: '0' });
    await waitUntilReady(api);
    const base = api.baseUrl;
    const register = async (): Promise<AuthResponse> => {
      const username = `n_${Math.random().toString(36).slice(2, 10)}`;
      const res = await call<AuthResponse>(base, 'POST', '/api/auth/register', {
        body: { username, password: 'a long and good passphrase' },
      });
      if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const author = await register();
    const replier = await register();
    const thread = await call<ThreadView>(base, 'POST', '/api/boards/withdrawal-detox/threads', {
      token: author.token,
      body: { title: 'Day 3 and cannot sleep', body: 'Anyone awake?', anonymous: true },
    });
    expect(thread.status).toBe(201);
    const replies: string[] = [];
    for (const body of ['I am here.', 'Me too, night three was hard.', 'Drink water and breathe.']) {
      const res = await call<PostView>(base, 'POST', `/api/threads/${thread.body.id}/posts`, {
        token: replier.token,
        body: { body, anonymous: true },
      });
      expect(res.status).toBe(201);
      replies.push(res.body.id);
    }

    // The jobs are in the database, committed with the replies, and nothing ran them yet.
    const pg = postmaster(dataDir);
    expect(pg).not.toBeNull();
    const db = new DataSource({
      type: 'postgres',
      // The embedded superuser's password is generated into DATA_DIR/secrets (issue #13 item 21).
      url: `postgres://kindred:${encodeURIComponent(readFileSync(join(dataDir, 'secrets', 'embedded_pg_superuser'), 'utf8').trim())}@127.0.0.1:${pg!.port}/kindred`,
    });
    await db.initialize();
    try {
      const waiting: Array<{ n: string }> = await db.query(
        `SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'notify_post'`,
      );
      expect(Number(waiting[0].n)).toBe(4); // the opening post and three replies
      const version: Array<{ v: string }> = await db.query(`SELECT current_setting('server_version_num') AS v`);
      expect(Number(version[0].v)).toBeGreaterThanOrEqual(180000);
    } finally {
      await db.destroy();
    }
    const before = await call<NotificationList>(base, 'GET', '/api/me/notifications', { token: author.token });
    expect(before.body.items).toEqual([]);

    api.child.kill('SIGKILL');
    expect(await api.exited).toBe('SIGKILL');

    api = spawnApi({ DATA_DIR: dataDir, PORT: String(port), NEW_MEMBER_HOURS: '0' });
    await waitUntilReady(api);
    let list: NotificationList = { items: [], nextCursor: null, unread: 0 };
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      list = (await call<NotificationList>(api.baseUrl, 'GET', '/api/me/notifications', { token: author.token })).body;
      if (list.items[0]?.count === 3) break;
      await sleep(250);
    }
    // Three replies, collapsed into one unread item, each counted once, pointing at the first.
    expect(list.items).toHaveLength(1);
    // The waiting jobs run in any order after the restart: the collapsed item points at one of the replies.
    expect(list.items[0]).toMatchObject({ kind: 'reply', count: 3 });
    expect(replies).toContain(list.items[0].post?.id);
    expect(list.unread).toBe(1);
    await sleep(1000);
    const again = await call<NotificationList>(api.baseUrl, 'GET', '/api/me/notifications', { token: author.token });
    expect(again.body.items.map((i) => i.count)).toEqual([3]);
  }, 180_000);
});
