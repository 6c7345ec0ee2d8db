import { rmSync } from 'node:fs';
import type { AuthResponse } from '@kindred/contracts';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import {
  assertBuilt,
  call,
  embeddedUrl,
  freePort,
  isAlive,
  postmaster,
  sleep,
  spawnApi,
  tempDataDir,
  waitUntilReady,
  type ApiProcess,
} from './support/api-process.js';

interface ChatMessage {
  id: string;
  clientId?: string;
  body: string;
}
type Ack<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

/**
 * Kill -9 of the API in the middle of a meeting: two members chat, the process dies without any
 * chance to clean up, and starts again on the same DATA_DIR (reusing the orphaned embedded
 * PostgreSQL). Every acknowledged message must be there exactly once; the clients reconnect by
 * themselves, rejoin with the last id they saw, and catch up without duplicates.
 */
describe('kill -9 of the API with messages flowing', () => {
  const dataDir = tempDataDir();
  let api: ApiProcess | null = null;
  const sockets: Socket[] = [];

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    if (api && api.child.exitCode === null) {
      api.child.kill('SIGTERM');
      await api.exited;
    }
    const pg = postmaster(dataDir);
    if (pg && isAlive(pg.pid)) process.kill(pg.pid, 'SIGINT');
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('keeps every acknowledged message exactly once, and clients catch up by themselves', async () => {
    assertBuilt();
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), CHAT_RETENTION_HOURS: '24' };
    api = spawnApi(env);
    await waitUntilReady(api);
    const base = api.baseUrl;

    // A moderator schedules a meeting that is live now; two members join it.
    const register = async (): Promise<AuthResponse> => {
      const username = `m_${Math.random().toString(36).slice(2, 10)}`;
      const res = await call<AuthResponse>(base, 'POST', '/api/auth/register', {
        body: { username, password: 'a long and good passphrase' },
      });
      if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const moderator = await register();
    const pg = postmaster(dataDir);
    expect(pg).not.toBeNull();
    const db = new DataSource({
      type: 'postgres',
      url: embeddedUrl(dataDir),
    });
    await db.initialize();
    try {
      await db.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
    } finally {
      await db.destroy();
    }
    const meeting = await call<{ id: string }>(base, 'POST', '/api/meetings', {
      token: moderator.token,
      body: {
        name: 'Crash test circle',
        audience: 'members',
        startsAt: new Date().toISOString(),
        timezone: 'UTC',
        durationMinutes: 60,
      },
    });
    expect(meeting.status).toBe(201);
    const meetingId = meeting.body.id;

    /** A client that, like the web app, rejoins with the last id it saw after every (re)connect. */
    const client = async (auth: AuthResponse) => {
      const seen: ChatMessage[] = [];
      const socket = io(`${base}/chat`, {
        transports: ['websocket'],
        auth: { token: auth.token },
        reconnectionDelay: 200,
        reconnectionDelayMax: 500,
        forceNew: true,
      });
      sockets.push(socket);
      const add = (m: ChatMessage): void => {
        seen.push(m);
      };
      let joins = 0;
      socket.on('message:new', add);
      socket.on('connect', () => {
        const afterId = seen.at(-1)?.id;
        socket
          .timeout(5000)
          .emitWithAck('meeting:join', { meetingId, ...(afterId ? { afterId } : {}) })
          .then((ack: Ack<{ messages: ChatMessage[] }>) => {
            if (ack.ok) {
              (afterId ? ack.messages : []).forEach(add);
              joins++;
            }
          })
          .catch(() => undefined);
      });
      const until = Date.now() + 15_000;
      while (joins === 0 && Date.now() < until) await sleep(50);
      expect(joins).toBe(1);
      return { socket, seen, joins: () => joins };
    };
    const alice = await client(await register());
    const bob = await client(await register());

    // Alice sends messages one after another (as a person types); each acknowledged one is recorded.
    const acked = new Map<string, string>(); // clientId → message id
    const unacked: string[] = [];
    let sent = 0;
    let stop = false;
    const sender = (async () => {
      while (!stop) {
        const clientId = crypto.randomUUID();
        sent++;
        try {
          const ack = (await alice.socket
            .timeout(1500)
            .emitWithAck('message:send', { meetingId, clientId, body: `message ${sent}` })) as Ack<{
            message: ChatMessage;
          }>;
          if (ack.ok) acked.set(clientId, ack.message.id);
          else unacked.push(clientId);
        } catch {
          unacked.push(clientId);
        }
        await sleep(10);
      }
    })();

    while (acked.size < 25) await sleep(20);
    const postgresBefore = postmaster(dataDir);
    api.child.kill('SIGKILL');
    expect(await api.exited).toBe('SIGKILL');
    const ackedAtKill = acked.size;
    await sleep(300);
    stop = true;
    await sender;

    // Same DATA_DIR, same port: the orphaned PostgreSQL is reused, the clients reconnect by themselves.
    api = spawnApi(env);
    await waitUntilReady(api);
    expect(postmaster(dataDir)?.pid).toBe(postgresBefore?.pid);
    const rejoined = Date.now() + 15_000;
    while ((alice.joins() < 2 || bob.joins() < 2) && Date.now() < rejoined) await sleep(50);
    expect([alice.joins(), bob.joins()]).toEqual([2, 2]);

    // The client retries what was never acknowledged, with the same clientId (idempotent).
    for (const clientId of unacked) {
      const ack = (await alice.socket
        .timeout(5000)
        .emitWithAck('message:send', { meetingId, clientId, body: 'retried' })) as Ack<{ message: ChatMessage }>;
      expect(ack.ok).toBe(true);
      if (ack.ok) acked.set(clientId, ack.message.id);
    }
    await sleep(500);

    expect(ackedAtKill).toBeGreaterThanOrEqual(25);
    expect((await call(base, 'GET', '/api/health')).status).toBe(200);

    // In the database: every acknowledged clientId exactly once.
    const db2 = new DataSource({
      type: 'postgres',
      url: embeddedUrl(dataDir),
    });
    await db2.initialize();
    let rows: { client_id: string; n: number }[];
    try {
      rows = await db2.query(`SELECT client_id, count(*)::int AS n FROM chat_messages GROUP BY client_id`);
    } finally {
      await db2.destroy();
    }
    const stored = new Map(rows.map((r) => [r.client_id, r.n]));
    const missing = [...acked.keys()].filter((id) => stored.get(id) !== 1);
    expect(missing).toEqual([]);
    expect(rows.every((r) => r.n === 1)).toBe(true);

    // Bob saw every acknowledged message exactly once, across the crash.
    const bobIds = bob.seen.map((m) => m.id);
    expect(new Set(bobIds).size).toBe(bobIds.length);
    expect([...acked.values()].filter((id) => !bobIds.includes(id))).toEqual([]);

    // A clean stop also stops the (reused) embedded PostgreSQL.
    const pgPid = postmaster(dataDir)!.pid;
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    expect(isAlive(pgPid)).toBe(false);
    expect(postmaster(dataDir)).toBeNull();
  }, 150_000);
});
