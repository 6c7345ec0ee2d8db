// Two real API processes (the production build) sharing one database and one Redis behave as one:
// live events raised on one process reach sockets connected to the other, exactly once; meeting
// presence, hands, mutes, removals and slow mode are shared (and a killed process's participants
// drop out); and the scheduled retention job does its work once. Needs Redis at 127.0.0.1:6379 (present in CI).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthResponse, BoardView, ChatMessageView, PostView, QueueItemView, ThreadView } from '@kindred/contracts';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source.js';
import { createTestDatabase } from '../support/test-db.js';
import { emitAck, uniqueName } from '../support/test-app.js';

const ROOT = new URL('../..', import.meta.url).pathname;
// Plain ESM script without types: imported through a variable so TypeScript does not resolve it.
const BUILD_SCRIPT = '../../scripts/build-if-stale.mjs';
const { buildIfStale } = (await import(BUILD_SCRIPT)) as { buildIfStale(options?: { only?: string[] }): void };
const REDIS_HOST = '127.0.0.1';
const REDIS_PORT = 6379;

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const redisUp = await reachable(REDIS_HOST, REDIS_PORT);
if (!redisUp && process.env.KINDRED_REQUIRE_REDIS === '1') {
  throw new Error(`KINDRED_REQUIRE_REDIS=1 (CI) but no Redis answers at ${REDIS_HOST}:${REDIS_PORT}.`);
}
if (!redisUp) {
  console.warn(
    `scale-out.e2e-spec: SKIPPED — no Redis at ${REDIS_HOST}:${REDIS_PORT}. ` +
      'Start one (e.g. `docker run -p 6379:6379 redis:7`) to run the two-process test; CI always has it.',
  );
}
const suite = redisUp ? describe : describe.skip;

interface ApiProcess {
  name: string;
  url: string;
  child: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    import('node:net').then(({ createServer }) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    }, reject);
  });
}

async function startProcess(name: string, env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `kindred-scale-${name}-`));
  const child = spawn(process.execPath, [join(ROOT, 'apps/api/dist/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API ${name} exited during start-up:\n${output}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`API ${name} did not start within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    url,
    child,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
        clearTimeout(timer);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function call<T>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Every occurrence of an event on a socket from now on. */
function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const settle = (ms = 1000): Promise<void> => new Promise((r) => setTimeout(r, ms));

suite('two API processes behind one Redis', () => {
  let db: DataSource;
  let dropDatabase: () => Promise<void>;
  let a: ApiProcess;
  let b: ApiProcess;
  const sockets: Socket[] = [];
  let expiredMessages = 0;
  let env: Record<string, string>;

  const socketOn = (proc: ApiProcess, namespace: string, token?: string): Socket => {
    const socket = io(proc.url + namespace, {
      transports: ['websocket'],
      auth: token ? { token } : {},
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    return socket;
  };
  const connected = (socket: Socket): Promise<void> =>
    new Promise((resolve, reject) => {
      if (socket.connected) return resolve();
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  const register = async (proc: ApiProcess): Promise<AuthResponse> => {
    const res = await call<AuthResponse>(proc.url, 'POST', '/api/auth/register', {
      body: { username: uniqueName('so'), password: 'a long and good passphrase' },
    });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const promote = async (username: string): Promise<void> => {
    await db.query(`UPDATE users SET role = 'moderator' WHERE username = $1`, [username]);
  };

  beforeAll(async () => {
    buildIfStale({ only: ['@kindred/contracts', '@kindred/safety', '@kindred/api'] });
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    // Migrate once up front, so the two processes never race to create the schema.
    db = new DataSource(dataSourceOptions(database.url));
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });

    // Chat messages of a meeting that ended three days ago: past the 24 h retention.
    const [meeting] = (await db.query(
      `INSERT INTO meetings (name, audience, starts_at, timezone, duration_minutes)
       VALUES ('Old meeting', 'members', now() - interval '3 days', 'UTC', 60) RETURNING id`,
    )) as Array<{ id: string }>;
    const [session] = (await db.query(
      `INSERT INTO meeting_sessions (meeting_id, starts_at, ends_at, announced_status)
       VALUES ($1, now() - interval '3 days', now() - interval '3 days' + interval '1 hour', 'ended') RETURNING id`,
      [meeting.id],
    )) as Array<{ id: string }>;
    expiredMessages = 7;
    await db.query(
      `INSERT INTO chat_messages (session_id, display_name, client_id, body)
       SELECT $1, 'Someone', 'c' || g, 'an old message' FROM generate_series(1, $2::int) g`,
      [session.id, expiredMessages],
    );

    env = {
      DATABASE_URL: database.url,
      REDIS_URL: `redis://${REDIS_HOST}:${REDIS_PORT}`,
      REDIS_PREFIX: `kindred-test-${randomBytes(6).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ALIAS_SECRET: randomBytes(32).toString('hex'),
      RATE_LIMITS: 'off',
      NEW_MEMBER_HOURS: '0',
      LOG_LEVEL: 'info',
    };
    [a, b] = await Promise.all([startProcess('A', env), startProcess('B', env)]);
  }, 120_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.destroy();
    await dropDatabase?.();
  }, 30_000);

  it('delivers a post made through A to a thread watcher on B exactly once', async () => {
    const author = await register(a);
    const boards = await call<{ items: BoardView[] }>(a.url, 'GET', '/api/boards');
    const slug = boards.body.items[0].slug;
    const thread = await call<ThreadView>(a.url, 'POST', `/api/boards/${slug}/threads`, {
      token: author.token,
      body: { title: 'Across processes', body: 'Does this reach everyone?', anonymous: true },
    });
    expect(thread.status).toBe(201);

    const watcher = socketOn(b, '/');
    await connected(watcher);
    const watched = await emitAck<{ ok: boolean }>(watcher, 'thread:watch', { threadId: thread.body.id });
    expect(watched.ok).toBe(true);
    const arrived = collect<PostView>(watcher, 'post:new');

    const reply = await call<PostView>(a.url, 'POST', `/api/threads/${thread.body.id}/posts`, {
      token: author.token,
      body: { body: 'One reply, made on process A.', anonymous: false },
    });
    expect(reply.status).toBe(201);
    await until(() => arrived.length > 0, 5000, 'post:new on B');
    await settle();
    expect(arrived.map((p) => p.id)).toEqual([reply.body.id]);
    expect(arrived[0].isMine).toBe(false);
  }, 20_000);

  it('counts thread readers connected to either process (derived from the rooms of both)', async () => {
    const author = await register(a);
    const reader = await register(b);
    const boards = await call<{ items: BoardView[] }>(a.url, 'GET', '/api/boards');
    const thread = await call<ThreadView>(a.url, 'POST', `/api/boards/${boards.body.items[0].slug}/threads`, {
      token: author.token,
      body: { title: 'Who is reading?', body: 'Counting readers across processes.', anonymous: true },
    });
    expect(thread.status).toBe(201);
    const onA = socketOn(a, '/', author.token);
    const onB = socketOn(b, '/', reader.token);
    await Promise.all([connected(onA), connected(onB)]);
    const counts = collect<{ threadId: string; count: number }>(onA, 'thread:readers');
    expect(await emitAck(onA, 'thread:watch', { threadId: thread.body.id })).toMatchObject({ ok: true, readers: 1 });
    expect(await emitAck(onB, 'thread:watch', { threadId: thread.body.id })).toMatchObject({ ok: true, readers: 2 });
    await until(() => counts.some((c) => c.count === 2), 5000, 'thread:readers 2 on A');
    onB.close();
    await until(() => counts.at(-1)?.count === 1, 5000, 'thread:readers back to 1 on A');
  }, 20_000);

  it('delivers a chat message sent through A to a participant on B exactly once', async () => {
    const host = await register(a);
    await promote(host.user.username);
    const meeting = await call<{ id: string }>(a.url, 'POST', '/api/meetings', {
      token: host.token,
      body: {
        name: 'Scale-out check-in',
        audience: 'members',
        startsAt: new Date().toISOString(),
        timezone: 'UTC',
        durationMinutes: 60,
      },
    });
    expect(meeting.status).toBe(201);

    const [one, two] = await Promise.all([register(a), register(b)]);
    const onA = socketOn(a, '/chat', one.token);
    const onB = socketOn(b, '/chat', two.token);
    await Promise.all([connected(onA), connected(onB)]);
    for (const socket of [onA, onB]) {
      const joined = await emitAck<{ ok: boolean; error?: unknown }>(socket, 'meeting:join', {
        meetingId: meeting.body.id,
      });
      expect(joined).toMatchObject({ ok: true });
    }
    const arrived = collect<ChatMessageView>(onB, 'message:new');

    const sent = await emitAck<{ ok: boolean; message: ChatMessageView }>(onA, 'message:send', {
      meetingId: meeting.body.id,
      clientId: randomUUID(),
      body: 'Hello from process A',
    });
    expect(sent.ok).toBe(true);
    await until(() => arrived.length > 0, 5000, 'message:new on B');
    await settle();
    expect(arrived.map((m) => m.id)).toEqual([sent.message.id]);
  }, 20_000);

  // Meeting room state (presence, hands, mutes, removals, slow mode) lives in Redis
  // (RedisRoomStateStore), so each process enforces what was set through the other.
  describe('meeting rooms', () => {
    interface Joined {
      ok: boolean;
      error?: { code: string };
      you: { participant: string; role: string };
      participants: Array<{ id: string; handRaised: boolean; muted: boolean }>;
    }
    interface Presence {
      participants: Array<{ id: string }>;
      guests: number;
    }
    const openMeeting = async (): Promise<{ meetingId: string; host: AuthResponse }> => {
      const host = await register(a);
      await promote(host.user.username);
      const meeting = await call<{ id: string }>(a.url, 'POST', '/api/meetings', {
        token: host.token,
        body: {
          name: uniqueName('Room'),
          audience: 'members',
          startsAt: new Date().toISOString(),
          timezone: 'UTC',
          durationMinutes: 60,
        },
      });
      expect(meeting.status).toBe(201);
      return { meetingId: meeting.body.id, host };
    };
    const enter = async (proc: ApiProcess, token: string, meetingId: string): Promise<[Socket, Joined]> => {
      const socket = socketOn(proc, '/chat', token);
      await connected(socket);
      const joined = await emitAck<Joined>(socket, 'meeting:join', { meetingId });
      expect(joined).toMatchObject({ ok: true });
      return [socket, joined];
    };
    const send = (socket: Socket, meetingId: string, body: string) =>
      emitAck<{ ok: boolean; error?: { code: string; details?: { secondsLeft?: number } } }>(socket, 'message:send', {
        meetingId,
        clientId: randomUUID(),
        body,
      });

    it('counts participants connected to both processes in the presence list', async () => {
      const { meetingId, host } = await openMeeting();
      const [one, two] = await Promise.all([register(a), register(b)]);
      const [facSocket, fac] = await enter(a, host.token, meetingId);
      const presence = collect<Presence>(facSocket, 'presence');
      const [, onA] = await enter(a, one.token, meetingId);
      const [, onB] = await enter(b, two.token, meetingId);
      // The one who joined on B sees everyone who joined on A, in arrival order.
      const everyone = [fac.you.participant, onA.you.participant, onB.you.participant];
      expect(onB.participants.map((p) => p.id)).toEqual(everyone);
      // A pushes a list that includes the participant connected to B.
      await until(() => presence.some((p) => p.participants.length === 3), 5000, 'a presence list of three on A');
      expect(presence.at(-1)?.participants.map((p) => p.id)).toEqual(everyone);
      // The same person in a second tab on the other process is still one participant.
      const [, again] = await enter(a, two.token, meetingId);
      expect(again.participants.map((p) => p.id)).toEqual(everyone);
    }, 20_000);

    it('enforces a mute and a removal set through A on a participant connected to B', async () => {
      const { meetingId, host } = await openMeeting();
      const [member, other] = await Promise.all([register(b), register(b)]);
      const [facSocket] = await enter(a, host.token, meetingId);
      const [memberSocket, joined] = await enter(b, member.token, meetingId);
      const [otherSocket, otherJoined] = await enter(b, other.token, meetingId);
      expect((await send(memberSocket, meetingId, 'Before the mute')).ok).toBe(true);

      // A raised hand through B reaches the facilitator's queue on A.
      const hands = collect<{ queue: Array<{ participant: string }> }>(facSocket, 'hands');
      expect(await emitAck(memberSocket, 'hand:raise', { meetingId })).toEqual({ ok: true });
      await until(() => hands.some((h) => h.queue.length === 1), 5000, 'the hands queue on A');
      expect(hands.at(-1)?.queue.map((h) => h.participant)).toEqual([joined.you.participant]);

      const told = collect<{ until: string | null }>(memberSocket, 'you:muted');
      const mute = await emitAck<{ ok: boolean; until: string }>(facSocket, 'participant:mute', {
        meetingId,
        participant: joined.you.participant,
        minutes: 10,
      });
      expect(mute.ok).toBe(true);
      await until(() => told.length > 0, 5000, 'you:muted on B');
      expect(told[0].until).toBe(mute.until);
      expect(await send(memberSocket, meetingId, 'Can I still talk?')).toMatchObject({
        ok: false,
        error: { code: 'muted' },
      });
      // Unmuted through A: B lets them talk again.
      await emitAck(facSocket, 'participant:mute', { meetingId, participant: joined.you.participant, minutes: 0 });
      expect((await send(memberSocket, meetingId, 'Thank you')).ok).toBe(true);

      // Removed through A: told on B, refused on B, and refused again when rejoining through B.
      const removed = collect<{ reason: string }>(otherSocket, 'you:removed');
      expect(
        await emitAck(facSocket, 'participant:remove', { meetingId, participant: otherJoined.you.participant }),
      ).toEqual({ ok: true });
      await until(() => removed.length > 0, 5000, 'you:removed on B');
      expect(await send(otherSocket, meetingId, 'Still here?')).toMatchObject({
        ok: false,
        error: { code: 'removed' },
      });
      const back = socketOn(b, '/chat', other.token);
      await connected(back);
      expect(await emitAck(back, 'meeting:join', { meetingId })).toMatchObject({
        ok: false,
        error: { code: 'removed' },
      });
    }, 20_000);

    it('applies slow mode set through A to a member sending through both processes', async () => {
      const { meetingId, host } = await openMeeting();
      const member = await register(a);
      const [facSocket] = await enter(a, host.token, meetingId);
      const slow = await emitAck<{ ok: boolean; seconds: number }>(facSocket, 'meeting:slowmode', {
        meetingId,
        seconds: 30,
      });
      expect(slow).toMatchObject({ ok: true, seconds: 30 });
      const [tabOnA] = await enter(a, member.token, meetingId);
      const [tabOnB, onB] = await enter(b, member.token, meetingId);
      expect(onB).toMatchObject({ slowModeSeconds: 30 });
      expect((await send(tabOnA, meetingId, 'First, through A')).ok).toBe(true);
      const second = await send(tabOnB, meetingId, 'Second, through B');
      expect(second).toMatchObject({ ok: false, error: { code: 'slow_mode' } });
      expect(second.error?.details?.secondsLeft).toBeGreaterThan(25);
    }, 20_000);

    it("drops a killed process's participants from the others' presence", async () => {
      const { meetingId, host } = await openMeeting();
      const c = await startProcess('C', env);
      try {
        const [stays, dies] = await Promise.all([register(a), register(c)]);
        const [facSocket, fac] = await enter(a, host.token, meetingId);
        const [, staysJoined] = await enter(b, stays.token, meetingId);
        const [, diesJoined] = await enter(c, dies.token, meetingId);
        const presence = collect<Presence>(facSocket, 'presence');
        expect(diesJoined.participants).toHaveLength(3);

        c.child.kill('SIGKILL'); // no goodbye: its sockets are never left
        // Within the heartbeat deadline (15 s) and one more beat (5 s), a live process reaps C's
        // sockets and pushes a fresh list.
        await until(
          () => presence.some((p) => p.participants.length === 2),
          30_000,
          'presence without the killed process',
        );
        expect(presence.at(-1)?.participants.map((p) => p.id)).toEqual([
          fac.you.participant,
          staysJoined.you.participant,
        ]);
        expect(a.log() + b.log()).toMatch(/stopped answering: its 1 meeting sockets have left/);
      } finally {
        await c.stop();
      }
    }, 60_000);
  });

  it('shows a flag raised through B live to a moderator connected to A', async () => {
    const moderator = await register(a);
    await promote(moderator.user.username);
    const author = await register(a);
    const flagger = await register(b);
    const boards = await call<{ items: BoardView[] }>(a.url, 'GET', '/api/boards');
    const thread = await call<ThreadView>(a.url, 'POST', `/api/boards/${boards.body.items[0].slug}/threads`, {
      token: author.token,
      body: { title: 'Something to review', body: 'A post someone will flag.', anonymous: true },
    });
    expect(thread.status).toBe(201);
    const postId = thread.body.posts.items[0].id;

    const queue = socketOn(a, '/moderation', moderator.token);
    await connected(queue);
    const upserts = collect<{ item: QueueItemView }>(queue, 'queue:upsert');

    const flag = await call<{ id: string; itemId: string }>(b.url, 'POST', '/api/flags', {
      token: flagger.token,
      body: { targetType: 'post', targetId: postId, reason: 'spam' },
    });
    expect(flag.status).toBe(201);
    await until(() => upserts.length > 0, 5000, 'queue:upsert on A');
    await settle();
    expect(upserts.map((u) => u.item.id)).toEqual([flag.body.itemId]);
  }, 20_000);

  it('runs the chat retention job once across both processes', async () => {
    // Each process's scheduler ticks every 5 s and both try the purge; the advisory lock lets one
    // do it, and the other finds nothing left to delete.
    await until(
      async () => {
        const [{ count }] = (await db.query(
          `SELECT count(*)::int AS count FROM chat_messages WHERE body = 'an old message'`,
        )) as Array<{ count: number }>;
        return count === 0;
      },
      30_000,
      'the retention purge',
    );
    await settle(6000); // one more tick each
    const reports = [a, b].flatMap((p) =>
      [...p.log().matchAll(/Deleted (\d+) chat messages past retention/g)].map((m) => ({ proc: p.name, n: +m[1] })),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0].n).toBe(expiredMessages);
  }, 60_000);
});
