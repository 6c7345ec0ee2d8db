// The room state contract, run against both implementations: the in-memory store (one process)
// and the Redis store (every process). The Redis half needs Redis at 127.0.0.1:6379 (present in
// CI); without it that half is skipped with a warning, and the memory half still runs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, createServer } from 'node:net';
import { Redis } from 'ioredis';
import { RedisRoomStateStore } from './redis-room-state.store.js';
import { InMemoryRoomStateStore, type RoomPerson, type RoomStateStore, type SessionMeta } from './room-state.store.js';

const REDIS_HOST = '127.0.0.1';
const REDIS_PORT = 6379;
const REDIS_URL = `redis://${REDIS_HOST}:${REDIS_PORT}`;

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
    `room-state.store.int-spec: Redis half SKIPPED — no Redis at ${REDIS_HOST}:${REDIS_PORT}. ` +
      'Start one (e.g. `docker run -p 6379:6379 redis:7`) to test the shared store; CI always has it.',
  );
}
const withRedis = redisUp ? describe : describe.skip;

const prefix = `kindred-test-${randomBytes(6).toString('hex')}`;
const redisStores: RedisRoomStateStore[] = [];
const clients: Redis[] = [];

function client(url = REDIS_URL): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  redis.on('error', () => undefined);
  clients.push(redis);
  return redis;
}

async function ready(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    redis.once('ready', () => resolve());
    setTimeout(() => reject(new Error('Redis did not become ready')), 5000).unref();
  });
}

async function redisStore(options: { processTtlMs?: number; url?: string } = {}): Promise<RedisRoomStateStore> {
  const redis = client(options.url);
  await ready(redis);
  const store = new RedisRoomStateStore(redis, { prefix, processTtlMs: options.processTtlMs });
  redisStores.push(store);
  return store;
}

afterAll(async () => {
  for (const store of redisStores) await store.close().catch(() => undefined);
  if (redisUp) {
    const admin = new Redis(REDIS_URL);
    const keys = await admin.keys(`${prefix}:*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  }
  for (const c of clients) c.disconnect();
});

const id = (): string => randomBytes(8).toString('hex');
const HOUR = 3600_000;

function meta(overrides: Partial<SessionMeta> = {}): SessionMeta {
  const now = Date.now();
  return {
    meetingId: id(),
    startsAt: new Date(now - 10 * 60_000),
    endsAt: new Date(now + HOUR),
    endedEarlyAt: null,
    lobbyMinutes: 10,
    ...overrides,
  };
}

function person(role: RoomPerson['role'] = 'member'): RoomPerson {
  const participant = `p-${id()}`;
  return { participant, userId: id(), displayName: `Name ${participant.slice(2, 6)}`, role };
}

type Factory = () => Promise<RoomStateStore>;
const implementations: Array<[string, Factory, boolean]> = [
  ['in memory', async () => new InMemoryRoomStateStore(), true],
  ['in Redis', () => redisStore(), redisUp],
];

describe.each(implementations)('RoomStateStore %s', (_name, create, enabled) => {
  const maybe = enabled ? it : it.skip;
  let store: RoomStateStore;
  let session: string;

  beforeEach(async () => {
    if (!enabled) return;
    store = await create();
    session = id();
    await store.setSession(session, meta(), 0);
  });

  afterEach(() => {
    // The Redis store must have answered everything itself, not from its in-memory fallback.
    if (enabled && store instanceof RedisRoomStateStore) expect(store.fallbacks).toBe(0);
  });

  maybe('keeps the session times and ends a session early once', async () => {
    const m = meta({ lobbyMinutes: 5 });
    await store.setSession(session, m, 0);
    expect(await store.session(session)).toEqual(m);
    expect(await store.session(id())).toBeNull();
    const at = new Date(Date.now() + 60_000);
    await store.endSession(session, at);
    await store.endSession(session, new Date(Date.now() + 120_000));
    expect((await store.session(session))?.endedEarlyAt?.getTime()).toBe(at.getTime());
  });

  maybe('reports the first socket of a person on join and the last on leave', async () => {
    const p = person();
    expect(await store.join(session, p, 's1')).toEqual({ first: true });
    expect(await store.join(session, p, 's2')).toEqual({ first: false });
    expect(await store.join(session, p, 's2')).toEqual({ first: false });
    expect((await store.socketsOf(session, p.participant)).sort()).toEqual(['s1', 's2']);
    expect(await store.leave(session, p.participant, 'nope')).toEqual({ last: false });
    expect(await store.leave(session, p.participant, 's1')).toEqual({ last: false });
    expect(await store.isPresent(session, p.participant)).toBe(true);
    expect(await store.leave(session, p.participant, 's2')).toEqual({ last: true });
    expect(await store.leave(session, p.participant, 's2')).toEqual({ last: false });
    expect(await store.isPresent(session, p.participant)).toBe(false);
    expect(await store.socketsOf(session, p.participant)).toEqual([]);
    // Someone who has been in the room is still known (for facilitator actions).
    expect(await store.person(session, p.participant)).toEqual(p);
    expect(await store.person(session, 'p-unknown')).toBeNull();
    expect(await store.join(session, p, 's3')).toEqual({ first: true });
  });

  maybe('lists present people in arrival order with hands and mutes, and counts them', async () => {
    const [a, b, c] = [person(), person('facilitator'), person()];
    await store.join(session, a, 'a1');
    await store.join(session, b, 'b1');
    await store.join(session, c, 'c1');
    await store.raiseHand(session, c.participant, new Date());
    await store.mute(session, a.participant, new Date(Date.now() + 60_000));
    const now = new Date();
    expect(await store.participants(session, now)).toEqual([
      { id: a.participant, displayName: a.displayName, role: 'member', handRaised: false, muted: true },
      { id: b.participant, displayName: b.displayName, role: 'facilitator', handRaised: false, muted: false },
      { id: c.participant, displayName: c.displayName, role: 'member', handRaised: true, muted: false },
    ]);
    expect(await store.presentCount(session)).toBe(3);
    // Leaving and coming back puts a person at the end; a new display name is kept.
    await store.leave(session, a.participant, 'a1');
    await store.join(session, { ...a, displayName: 'Renamed' }, 'a2');
    const ids = (await store.participants(session, now)).map((p) => [p.id, p.displayName]);
    expect(ids).toEqual([
      [b.participant, b.displayName],
      [c.participant, c.displayName],
      [a.participant, 'Renamed'],
    ]);
    expect(await store.participants(id(), now)).toEqual([]);
    expect(await store.presentCount(id())).toBe(0);
  });

  maybe('counts guests by socket', async () => {
    await store.addGuest(session, 'g1');
    await store.addGuest(session, 'g2');
    await store.addGuest(session, 'g2');
    expect(await store.guestCount(session)).toBe(2);
    await store.removeGuest(session, 'g1');
    expect(await store.guestCount(session)).toBe(1);
    expect(await store.guestCount(id())).toBe(0);
  });

  maybe('queues raised hands by time, once each, for present people only', async () => {
    const [a, b] = [person(), person()];
    await store.join(session, a, 'a1');
    await store.join(session, b, 'b1');
    const t = Date.now();
    expect(await store.raiseHand(session, b.participant, new Date(t))).toBe(true);
    expect(await store.raiseHand(session, a.participant, new Date(t + 5))).toBe(true);
    expect(await store.raiseHand(session, a.participant, new Date(t + 10))).toBe(false);
    expect(await store.raiseHand(session, 'p-unknown', new Date(t))).toBe(false);
    expect(await store.hands(session)).toEqual([
      { participant: b.participant, displayName: b.displayName, raisedAt: new Date(t).toISOString() },
      { participant: a.participant, displayName: a.displayName, raisedAt: new Date(t + 5).toISOString() },
    ]);
    await store.leave(session, b.participant, 'b1');
    expect((await store.hands(session)).map((h) => h.participant)).toEqual([a.participant]);
    expect(await store.lowerHand(session, a.participant)).toBe(true);
    expect(await store.lowerHand(session, a.participant)).toBe(false);
    expect(await store.hands(session)).toEqual([]);
  });

  maybe('mutes until a time, lifts a mute, and ignores people never seen', async () => {
    const p = person();
    await store.join(session, p, 's1');
    const now = new Date();
    const until = new Date(now.getTime() + 5 * 60_000);
    await store.mute(session, p.participant, until);
    expect(await store.mutedUntil(session, p.participant, now)).toEqual(until);
    expect(await store.mutedUntil(session, p.participant, new Date(until.getTime() + 1))).toBeNull();
    await store.mute(session, p.participant, null);
    expect(await store.mutedUntil(session, p.participant, now)).toBeNull();
    await store.mute(session, 'p-unknown', until);
    expect(await store.mutedUntil(session, 'p-unknown', now)).toBeNull();
  });

  maybe('removes a person: not counted, hand lowered, still known', async () => {
    const [a, b] = [person(), person()];
    await store.join(session, a, 'a1');
    await store.join(session, b, 'b1');
    await store.raiseHand(session, a.participant, new Date());
    await store.remove(session, a.participant);
    expect(await store.isRemoved(session, a.participant)).toBe(true);
    expect(await store.isRemoved(session, b.participant)).toBe(false);
    expect(await store.presentCount(session)).toBe(1);
    expect((await store.participants(session, new Date())).map((p) => p.id)).toEqual([b.participant]);
    expect(await store.hands(session)).toEqual([]);
    expect(await store.person(session, a.participant)).toEqual(a);
  });

  maybe('keeps slow mode: the meeting default first, then what a facilitator set', async () => {
    const fresh = id();
    expect(await store.slowMode(fresh)).toBe(0);
    await store.setSession(fresh, meta(), 30);
    expect(await store.slowMode(fresh)).toBe(30);
    await store.setSlowMode(fresh, 10);
    await store.setSession(fresh, meta(), 30); // a later join must not undo the facilitator's choice
    expect(await store.slowMode(fresh)).toBe(10);
    await store.setSlowMode(fresh, 0);
    expect(await store.slowMode(fresh)).toBe(0);
  });

  maybe('remembers the last message time and throttles typing signals', async () => {
    const p = person();
    await store.join(session, p, 's1');
    expect(await store.lastSentAt(session, p.participant)).toBeNull();
    await store.markSent(session, p.participant, 1_000_000);
    expect(await store.lastSentAt(session, p.participant)).toBe(1_000_000);
    const t = Date.now();
    expect(await store.allowTyping(session, p.participant, t, 2000)).toBe(true);
    expect(await store.allowTyping(session, p.participant, t + 1999, 2000)).toBe(false);
    expect(await store.allowTyping(session, p.participant, t + 2000, 2000)).toBe(true);
    expect(await store.allowTyping(session, 'p-unknown', t, 2000)).toBe(false);
  });

  maybe('lists its sessions and drops one whole', async () => {
    const p = person();
    await store.join(session, p, 's1');
    await store.setSlowMode(session, 5);
    expect(await store.sessionIds()).toContain(session);
    await store.drop(session);
    expect(await store.sessionIds()).not.toContain(session);
    expect(await store.session(session)).toBeNull();
    expect(await store.person(session, p.participant)).toBeNull();
    expect(await store.isPresent(session, p.participant)).toBe(false);
    expect(await store.slowMode(session)).toBe(0);
  });
});

withRedis('RedisRoomStateStore across processes', () => {
  let session: string;
  beforeEach(() => {
    session = id();
  });

  it('agrees on first and last when two processes join and leave the same person at once', async () => {
    const [a, b] = [await redisStore(), await redisStore()];
    await a.setSession(session, meta(), 0);
    const p = person();
    const sockets = Array.from({ length: 20 }, (_, i) => `s${i}`);
    const joins = await Promise.all(sockets.map((s, i) => (i % 2 ? a : b).join(session, p, s)));
    expect(joins.filter((j) => j.first)).toHaveLength(1);
    expect(await a.presentCount(session)).toBe(1);
    expect((await b.socketsOf(session, p.participant)).sort()).toEqual([...sockets].sort());
    const leaves = await Promise.all(sockets.map((s, i) => (i % 2 ? b : a).leave(session, p.participant, s)));
    expect(leaves.filter((l) => l.last)).toHaveLength(1);
    expect(await b.isPresent(session, p.participant)).toBe(false);
    expect(a.fallbacks + b.fallbacks).toBe(0);
  });

  it('shares hands, mutes, removals and slow mode set through one process with the other', async () => {
    const [a, b] = [await redisStore(), await redisStore()];
    await a.setSession(session, meta(), 0);
    const p = person();
    await b.join(session, p, 'b1');
    const until = new Date(Date.now() + 60_000);
    await a.mute(session, p.participant, until);
    expect(await b.mutedUntil(session, p.participant, new Date())).toEqual(until);
    await a.setSlowMode(session, 15);
    expect(await b.slowMode(session)).toBe(15);
    expect(await b.raiseHand(session, p.participant, new Date())).toBe(true);
    expect(await a.raiseHand(session, p.participant, new Date())).toBe(false);
    expect((await a.hands(session)).map((h) => h.participant)).toEqual([p.participant]);
    await a.markSent(session, p.participant, 42);
    expect(await b.lastSentAt(session, p.participant)).toBe(42);
    expect(await a.allowTyping(session, p.participant, 10_000, 2000)).toBe(true);
    expect(await b.allowTyping(session, p.participant, 10_500, 2000)).toBe(false);
    await a.remove(session, p.participant);
    expect(await b.isRemoved(session, p.participant)).toBe(true);
  });

  it('keeps every key under REDIS_PREFIX with an expiry hours after the session ends', async () => {
    const store = await redisStore();
    const endsAt = new Date(Date.now() + 2 * HOUR);
    await store.setSession(session, meta({ endsAt }), 0);
    const p = person();
    await store.join(session, p, 's1');
    await store.addGuest(session, 'g1');
    await store.raiseHand(session, p.participant, new Date());
    await store.mute(session, p.participant, new Date(Date.now() + 60_000));
    await store.remove(session, p.participant);
    await store.markSent(session, p.participant, Date.now());
    await store.allowTyping(session, p.participant, Date.now(), 2000);
    await store.heartbeat();

    const admin = clients[0];
    const keys = await admin.keys(`${prefix}:room:${session}:*`);
    expect(keys.length).toBeGreaterThanOrEqual(10);
    for (const key of keys) {
      const ttl = await admin.pttl(key);
      // 6 h after the end, give or take the test's own running time.
      expect(Math.abs(ttl - (endsAt.getTime() + 6 * HOUR - Date.now()))).toBeLessThan(60_000);
    }
    for (const key of await admin.keys(`${prefix}:room:proc*`)) expect(await admin.pttl(key)).toBeGreaterThan(0);
    // Ending the session early brings the expiry forward.
    const endedAt = new Date();
    await store.endSession(session, endedAt);
    const ttl = await admin.pttl(`${prefix}:room:${session}:people`);
    expect(Math.abs(ttl - (endedAt.getTime() + 6 * HOUR - Date.now()))).toBeLessThan(60_000);
  });

  it("drops a dead process's sockets when its heartbeat stops, and tells the live ones", async () => {
    const live = await redisStore({ processTtlMs: 300 });
    const dying = await redisStore({ processTtlMs: 300 });
    await live.setSession(session, meta(), 0);
    const [here, there, both] = [person(), person(), person()];
    await live.join(session, here, 'l1');
    await live.join(session, both, 'l2');
    await dying.join(session, there, 'd1');
    await dying.join(session, both, 'd2');
    await dying.addGuest(session, 'dg');
    await Promise.all([live.heartbeat(), dying.heartbeat()]);
    expect(await live.presentCount(session)).toBe(3);

    const changed: string[][] = [];
    live.onChange((ids) => changed.push(ids));
    // The dying process stops answering: no goodbye, no more heartbeats.
    (dying as unknown as { redis: Redis }).redis.disconnect();
    await new Promise((r) => setTimeout(r, 400));
    await live.heartbeat();

    expect((await live.participants(session, new Date())).map((p) => p.id)).toEqual([
      here.participant,
      both.participant,
    ]);
    expect(await live.socketsOf(session, both.participant)).toEqual(['l2']);
    expect(await live.guestCount(session)).toBe(0);
    expect(changed.flat()).toContain(session);
    // It is reaped once: the next heartbeat finds nothing more to do.
    const reported = changed.length;
    await live.heartbeat();
    expect(changed.slice(reported).flat()).not.toContain(session);
  });

  it('writes a paused process back when it finds itself dropped', async () => {
    const a = await redisStore({ processTtlMs: 200 });
    const b = await redisStore({ processTtlMs: 200 });
    await a.setSession(session, meta(), 0);
    const p = person();
    await a.join(session, p, 'a1');
    await Promise.all([a.heartbeat(), b.heartbeat()]);
    await new Promise((r) => setTimeout(r, 300));
    await b.heartbeat(); // a looks dead to b
    expect(await b.presentCount(session)).toBe(0);
    const changed: string[][] = [];
    a.onChange((ids) => changed.push(ids));
    await a.heartbeat(); // a wakes up and finds its entry gone
    expect(await b.isPresent(session, p.participant)).toBe(true);
    expect(await b.socketsOf(session, p.participant)).toEqual(['a1']);
    expect(changed.flat()).toContain(session);
  });

  it('after losing its connection, removes from Redis the sockets that left meanwhile', async () => {
    const [a, b] = [await redisStore(), await redisStore()];
    await a.setSession(session, meta(), 0);
    const [stays, goes] = [person(), person()];
    await a.join(session, stays, 'a1');
    await a.join(session, goes, 'a2');
    await a.heartbeat();
    const redis = (a as unknown as { redis: Redis }).redis;
    redis.disconnect();
    expect(await a.leave(session, goes.participant, 'a2')).toEqual({ last: true }); // from memory
    expect(await b.isPresent(session, goes.participant)).toBe(true); // Redis has not heard
    const changed: string[][] = [];
    a.onChange((ids) => changed.push(ids));
    while (redis.status !== 'end') await new Promise((r) => setTimeout(r, 20));
    await redis.connect();
    await a.heartbeat();
    expect((await b.participants(session, new Date())).map((p) => p.id)).toEqual([stays.participant]);
    expect(changed.flat()).toContain(session);
    a.fallbacks = 0; // the outage was the point of this test
  });

  it('leaves its own sockets when it shuts down', async () => {
    const [a, b] = [await redisStore(), await redisStore()];
    await a.setSession(session, meta(), 0);
    const p = person();
    await a.join(session, p, 'a1');
    await a.addGuest(session, 'ag');
    await a.close();
    expect(await b.presentCount(session)).toBe(0);
    expect(await b.guestCount(session)).toBe(0);
  });
});

// Redis goes away and comes back (a redis-server of its own, so the shared one is untouched).
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer) console.warn('room-state.store.int-spec: outage test SKIPPED — redis-server is not installed.');
(hasRedisServer ? describe : describe.skip)('RedisRoomStateStore when Redis is away', () => {
  let server: ChildProcess | null = null;
  afterAll(() => {
    server?.kill('SIGKILL');
  });

  const freePort = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
  const startRedis = async (port: number): Promise<ChildProcess> => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 50 && !(await reachable('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 100));
    return child;
  };

  it('serves from memory with a warning while Redis is down, then writes its sockets back', async () => {
    const port = await freePort();
    server = await startRedis(port);
    const url = `redis://127.0.0.1:${port}`;
    const redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 100,
    });
    redis.on('error', () => undefined);
    clients.push(redis);
    await ready(redis);
    const store = new RedisRoomStateStore(redis, { prefix });
    redisStores.push(store);
    const session = id();
    await store.setSession(session, meta(), 0);
    const [before, during] = [person(), person()];
    await store.join(session, before, 'b1');

    server.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    // Still answers, from this process's own view.
    expect(await store.join(session, during, 'd1')).toEqual({ first: true });
    expect(await store.leave(session, before.participant, 'b1')).toEqual({ last: true });
    expect((await store.participants(session, new Date())).map((p) => p.id)).toEqual([during.participant]);
    await store.setSlowMode(session, 20);
    expect(await store.session(session)).not.toBeNull();
    expect(store.fallbacks).toBeGreaterThan(0);

    // Redis returns empty: the heartbeat after reconnecting writes this process's sockets back.
    const changed: string[][] = [];
    store.onChange((ids) => changed.push(ids));
    server = await startRedis(port);
    await ready(redis);
    await store.heartbeat();
    const fallbacks = store.fallbacks;
    const check = new Redis(url);
    clients.push(check);
    expect(await check.hgetall(`${prefix}:room:${session}:sockets`)).toEqual({ d1: during.participant });
    expect(await store.isPresent(session, during.participant)).toBe(true);
    expect(await store.isPresent(session, before.participant)).toBe(false);
    // The session's times and slow mode are written back too, so sending keeps working.
    expect((await store.session(session))?.meetingId).toBeDefined();
    expect(await store.slowMode(session)).toBe(20);
    expect(store.fallbacks).toBe(fallbacks);
    expect(changed.flat()).toContain(session);
  }, 20_000);
});
