import { randomBytes } from 'node:crypto';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Participant, RaisedHand } from '@kindred/contracts';
import type { Redis } from 'ioredis';
import { closeRedis, createRedisClient } from '../../common/redis.js';
import type { AppConfig } from '../../config/config.js';
import { InMemoryRoomStateStore, type RoomPerson, type RoomStateStore, type SessionMeta } from './room-state.store.js';

/**
 * The room state in Redis, shared by every API process (used when REDIS_URL is set).
 *
 * Keys (P = `${REDIS_PREFIX}:room:${sessionId}`), each expiring `keepAfterMs` (6 h) after the
 * session's end, or 24 h after the last write for a session whose times are not known:
 *   P:meta     hash   meetingId, startsAt, endsAt, endedEarlyAt, lobbyMinutes (ms), slow (s), expireAt, arrivals
 *   P:people   hash   participant → {participant, userId, displayName, role} (everyone who came this session)
 *   P:present  zset   participant → arrival number (people with at least one socket, in arrival order)
 *   P:sockets  hash   socket id → participant;   P:counts hash participant → number of sockets
 *   P:guests   set    guest socket ids
 *   P:hands    zset   participant → raised at (ms);   P:muted hash participant → muted until (ms)
 *   P:removed  set    participants a facilitator removed
 *   P:sent / P:typing hash participant → last message / typing signal (ms): slow mode and typing throttle
 *   `${prefix}:room:sessions`   zset sessionId → expireAt (what sessionIds() lists; pruned as they expire)
 * Every change is one Lua script, so `join` reports the first socket of a person and `leave` the
 * last one exactly once across all processes.
 *
 * A process that dies without leaving: each process heartbeats every `heartbeatMs` (5 s) into
 *   `${prefix}:room:procs`      zset processId → deadline (Redis TIME + `processTtlMs`, 15 s; 1 h expiry, renewed)
 * and lists the sockets it added in
 *   `${prefix}:room:proc:${processId}`  set "sessionId \t participant ('' for a guest) \t socketId" (1 h expiry, renewed)
 * On each heartbeat a live process claims any process past its deadline (one claimer wins) and
 * leaves that process's sockets, then tells the chat service which rooms changed, which pushes
 * fresh presence. So a crashed process's people drop out within about 20 s. A process that was
 * only paused finds its entry gone at its next heartbeat and adds its sockets back.
 *
 * If Redis cannot be reached the store falls back to its in-memory mirror (every change made
 * through this process is also kept there): this process then serves its own sockets as a
 * single process would, with a warning, and when Redis is back it writes its sockets back and
 * removes the ones that left meanwhile. Mutes, hands and slow mode set during the outage stay
 * in that process only.
 */
export interface RedisRoomStateOptions {
  /** REDIS_PREFIX. */
  prefix: string;
  processId?: string;
  heartbeatMs?: number;
  processTtlMs?: number;
  keepAfterMs?: number;
}

const FIELDS = [
  'meta',
  'people',
  'present',
  'sockets',
  'counts',
  'guests',
  'hands',
  'muted',
  'removed',
  'sent',
  'typing',
] as const;

const DEFAULT_TTL_MS = 24 * 3600_000;
const REGISTRY_TTL_MS = 3600_000;

const HEADER = `
local meta, people, present, sockets, counts, guests, hands, muted, removed, sent, typing =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10], KEYS[11]
local function keep(key)
  local at = redis.call('HGET', meta, 'expireAt')
  if at then redis.call('PEXPIREAT', key, at) else redis.call('PEXPIRE', key, ${DEFAULT_TTL_MS}) end
end
local function keepAll(at)
  for i = 1, 11 do redis.call('PEXPIREAT', KEYS[i], at) end
end
local function known(participant)
  return redis.call('HEXISTS', people, participant) == 1
end
`;

/** Scripts over the 11 room keys (+ KEYS[12], the session index, where noted). */
const SCRIPTS = {
  // ARGV: meetingId, startsAt, endsAt, endedEarlyAt|'', lobbyMinutes, slow, expireAt, sessionId
  roomSetSession: `
if redis.call('HEXISTS', meta, 'startsAt') == 0 then redis.call('HSET', meta, 'slow', ARGV[6]) end
redis.call('HSET', meta, 'meetingId', ARGV[1], 'startsAt', ARGV[2], 'endsAt', ARGV[3],
  'endedEarlyAt', ARGV[4], 'lobbyMinutes', ARGV[5], 'expireAt', ARGV[7])
keepAll(ARGV[7])
redis.call('ZADD', KEYS[12], ARGV[7], ARGV[8])
return 1`,
  // ARGV: at, expireAt, sessionId
  roomEndSession: `
if redis.call('HEXISTS', meta, 'startsAt') == 0 then return 0 end
local ended = redis.call('HGET', meta, 'endedEarlyAt')
if ended and ended ~= '' then return 0 end
redis.call('HSET', meta, 'endedEarlyAt', ARGV[1], 'expireAt', ARGV[2])
keepAll(ARGV[2])
redis.call('ZADD', KEYS[12], ARGV[2], ARGV[3])
return 1`,
  // ARGV: socketId, participant, person JSON. Returns 1 when this is the person's first socket.
  roomJoin: `
redis.call('HSET', people, ARGV[2], ARGV[3])
keep(people)
if redis.call('HSETNX', sockets, ARGV[1], ARGV[2]) == 0 then return 0 end
keep(sockets)
local n = redis.call('HINCRBY', counts, ARGV[2], 1)
keep(counts)
if n == 1 then
  local order = redis.call('HINCRBY', meta, 'arrivals', 1)
  keep(meta)
  redis.call('ZADD', present, order, ARGV[2])
  keep(present)
  return 1
end
return 0`,
  // ARGV: socketId, participant. Returns 1 when that was the person's last socket.
  roomLeave: `
if redis.call('HGET', sockets, ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', sockets, ARGV[1])
local n = redis.call('HINCRBY', counts, ARGV[2], -1)
if n <= 0 then
  redis.call('HDEL', counts, ARGV[2])
  redis.call('ZREM', present, ARGV[2])
  return 1
end
return 0`,
  // ARGV: socketId
  roomAddGuest: `
redis.call('SADD', guests, ARGV[1])
keep(guests)
return 1`,
  roomPresentCount: `
local n = redis.call('ZCARD', present)
for _, p in ipairs(redis.call('SMEMBERS', removed)) do
  if redis.call('ZSCORE', present, p) then n = n - 1 end
end
return n`,
  // ARGV: participant, at
  roomRaiseHand: `
if not known(ARGV[1]) then return 0 end
local added = redis.call('ZADD', hands, 'NX', ARGV[2], ARGV[1])
keep(hands)
return added`,
  // ARGV: participant, until|''
  roomMute: `
if not known(ARGV[1]) then return 0 end
if ARGV[2] == '' then redis.call('HDEL', muted, ARGV[1]) return 1 end
redis.call('HSET', muted, ARGV[1], ARGV[2])
keep(muted)
return 1`,
  // ARGV: participant
  roomRemove: `
if not known(ARGV[1]) then return 0 end
redis.call('SADD', removed, ARGV[1])
keep(removed)
redis.call('ZREM', hands, ARGV[1])
return 1`,
  // ARGV: seconds
  roomSetSlowMode: `
redis.call('HSET', meta, 'slow', ARGV[1])
keep(meta)
return 1`,
  // ARGV: participant, at
  roomMarkSent: `
if not known(ARGV[1]) then return 0 end
redis.call('HSET', sent, ARGV[1], ARGV[2])
keep(sent)
return 1`,
  // ARGV: participant, at, intervalMs
  roomAllowTyping: `
if not known(ARGV[1]) then return 0 end
local last = tonumber(redis.call('HGET', typing, ARGV[1]) or '0')
if tonumber(ARGV[2]) - last < tonumber(ARGV[3]) then return 0 end
redis.call('HSET', typing, ARGV[1], ARGV[2])
keep(typing)
return 1`,
} as const;

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/** KEYS: procs, own registry. ARGV: processId, ttlMs, registryTtlMs. Returns { added, dead process ids }. */
const HEARTBEAT = `${NOW}
local added = redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return { added, redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now) }`;

/** KEYS: procs. ARGV: processId. 1 for the one caller that claims a process past its deadline. */
const CLAIM = `${NOW}
local deadline = redis.call('ZSCORE', KEYS[1], ARGV[1])
if deadline and tonumber(deadline) <= now then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 1
end
return 0`;

type ScriptName = keyof typeof SCRIPTS;
type ScriptClient = Redis &
  Record<ScriptName, (...args: string[]) => Promise<number>> & {
    roomHeartbeat(procs: string, registry: string, ...args: string[]): Promise<[number, string[]]>;
    roomClaim(procs: string, processId: string): Promise<number>;
  };

interface OwnSocket {
  sessionId: string;
  /** Null for a guest. */
  person: RoomPerson | null;
}

const entryOf = (sessionId: string, participant: string | null, socketId: string): string =>
  `${sessionId}\t${participant ?? ''}\t${socketId}`;

export class RedisRoomStateStore implements RoomStateStore, OnApplicationShutdown {
  private readonly logger = new Logger('RoomState');
  private readonly redis: ScriptClient;
  private readonly memory = new InMemoryRoomStateStore();
  private readonly own = new Map<string, OwnSocket>();
  private readonly listeners: Array<(sessionIds: string[]) => void> = [];
  private readonly prefix: string;
  readonly processId: string;
  private readonly heartbeatMs: number;
  private readonly processTtlMs: number;
  private readonly keepAfterMs: number;
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;
  /** True after an operation could not reach Redis: resync when it is back. */
  private outage = false;
  private lastWarning = 0;
  /** Operations served from memory because Redis failed (tests assert it stays 0). */
  fallbacks = 0;

  constructor(redis: Redis, options: RedisRoomStateOptions) {
    this.redis = redis as ScriptClient;
    this.prefix = `${options.prefix}:room`;
    this.processId = options.processId ?? `${process.pid}-${randomBytes(6).toString('hex')}`;
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    this.processTtlMs = options.processTtlMs ?? 15_000;
    this.keepAfterMs = options.keepAfterMs ?? 6 * 3600_000;
    for (const [name, body] of Object.entries(SCRIPTS)) {
      if (!(name in redis))
        redis.defineCommand(name, { numberOfKeys: name.endsWith('Session') ? 12 : 11, lua: HEADER + body });
    }
    if (!('roomHeartbeat' in redis)) redis.defineCommand('roomHeartbeat', { numberOfKeys: 2, lua: HEARTBEAT });
    if (!('roomClaim' in redis)) redis.defineCommand('roomClaim', { numberOfKeys: 1, lua: CLAIM });
    redis.on('ready', () => void this.heartbeat());
    redis.on('close', () => (this.outage = true));
  }

  /** Starts the heartbeat (the module factory calls it; tests may drive `heartbeat()` themselves). */
  start(): this {
    if (!this.timer) {
      this.timer = setInterval(() => void this.heartbeat(), this.heartbeatMs);
      this.timer.unref();
      void this.heartbeat();
    }
    return this;
  }

  onChange(listener: (sessionIds: string[]) => void): void {
    this.listeners.push(listener);
  }

  // ------------------------------------------------------------------ keys

  private keys(sessionId: string): string[] {
    const base = `${this.prefix}:${sessionId}`;
    return FIELDS.map((f) => `${base}:${f}`);
  }

  private key(sessionId: string, field: (typeof FIELDS)[number]): string {
    return `${this.prefix}:${sessionId}:${field}`;
  }

  private get sessionIndex(): string {
    return `${this.prefix}:sessions`;
  }

  private get procs(): string {
    return `${this.prefix}:procs`;
  }

  private registry(processId = this.processId): string {
    return `${this.prefix}:proc:${processId}`;
  }

  /** Lists a socket under this process (the list outlives the process's deadline, for whoever reaps it). */
  private async list(entry: string): Promise<void> {
    await this.redis.multi().sadd(this.registry(), entry).pexpire(this.registry(), REGISTRY_TTL_MS).exec();
  }

  private script(name: ScriptName, sessionId: string, ...args: Array<string | number>): Promise<number> {
    const keys = this.keys(sessionId);
    if (name === 'roomSetSession' || name === 'roomEndSession') keys.push(this.sessionIndex);
    return this.redis[name](...keys, ...args.map(String));
  }

  private expireAt(end: Date): number {
    return Math.max(end.getTime() + this.keepAfterMs, Date.now() + 3600_000);
  }

  // ------------------------------------------------------------------ Redis, or memory when it is away

  private get ready(): boolean {
    return this.redis.status === 'ready';
  }

  private failed(error: unknown): void {
    this.fallbacks++;
    this.outage = true;
    const now = Date.now();
    if (now - this.lastWarning < 30_000) return;
    this.lastWarning = now;
    this.logger.warn(
      `Meeting room state cannot reach Redis (${error instanceof Error ? error.message : String(error)}); ` +
        'this process serves its own meeting participants until Redis is back.',
    );
  }

  /** A read: Redis, or this process's mirror when Redis is away. */
  private async read<T>(viaRedis: () => Promise<T>, viaMemory: () => Promise<T>): Promise<T> {
    if (!this.ready) {
      this.failed(new Error(`connection ${this.redis.status}`));
      return viaMemory();
    }
    try {
      return await viaRedis();
    } catch (error) {
      this.failed(error);
      return viaMemory();
    }
  }

  /** A change: always mirrored in memory; the answer is Redis's while it is reachable. */
  private async write<T>(viaRedis: () => Promise<T>, viaMemory: () => Promise<T>): Promise<T> {
    const local = await viaMemory();
    return this.read(viaRedis, async () => local);
  }

  /** Session times and slow mode into Redis, with the session's keys set to expire after it ends. */
  private async writeSession(sessionId: string, meta: SessionMeta, slowModeSeconds: number): Promise<void> {
    await this.script(
      'roomSetSession',
      sessionId,
      meta.meetingId,
      meta.startsAt.getTime(),
      meta.endsAt.getTime(),
      meta.endedEarlyAt ? meta.endedEarlyAt.getTime() : '',
      meta.lobbyMinutes,
      slowModeSeconds,
      this.expireAt(meta.endedEarlyAt ?? meta.endsAt),
      sessionId,
    );
  }

  // ------------------------------------------------------------------ RoomStateStore

  setSession(sessionId: string, meta: SessionMeta, slowModeSeconds: number): Promise<void> {
    return this.write(
      async () => {
        await this.writeSession(sessionId, meta, slowModeSeconds);
      },
      () => this.memory.setSession(sessionId, meta, slowModeSeconds),
    );
  }

  session(sessionId: string): Promise<SessionMeta | null> {
    return this.read(
      async () => {
        const h = await this.redis.hgetall(this.key(sessionId, 'meta'));
        if (!h.startsAt) return null;
        return {
          meetingId: h.meetingId,
          startsAt: new Date(Number(h.startsAt)),
          endsAt: new Date(Number(h.endsAt)),
          endedEarlyAt: h.endedEarlyAt ? new Date(Number(h.endedEarlyAt)) : null,
          lobbyMinutes: Number(h.lobbyMinutes),
        };
      },
      () => this.memory.session(sessionId),
    );
  }

  endSession(sessionId: string, at: Date): Promise<void> {
    return this.write(
      async () => {
        await this.script('roomEndSession', sessionId, at.getTime(), this.expireAt(at), sessionId);
      },
      () => this.memory.endSession(sessionId, at),
    );
  }

  async join(sessionId: string, person: RoomPerson, socketId: string): Promise<{ first: boolean }> {
    this.own.set(socketId, { sessionId, person: { ...person } });
    return this.write(
      async () => {
        // Listed under this process first, so a crash between the two steps is still cleaned up.
        await this.list(entryOf(sessionId, person.participant, socketId));
        const first = await this.script('roomJoin', sessionId, socketId, person.participant, JSON.stringify(person));
        return { first: first === 1 };
      },
      () => this.memory.join(sessionId, person, socketId),
    );
  }

  async leave(sessionId: string, participant: string, socketId: string): Promise<{ last: boolean }> {
    if (this.own.get(socketId)?.person?.participant === participant) this.own.delete(socketId);
    return this.write(
      async () => {
        const last = await this.script('roomLeave', sessionId, socketId, participant);
        await this.redis.srem(this.registry(), entryOf(sessionId, participant, socketId));
        return { last: last === 1 };
      },
      () => this.memory.leave(sessionId, participant, socketId),
    );
  }

  async addGuest(sessionId: string, socketId: string): Promise<void> {
    this.own.set(socketId, { sessionId, person: null });
    return this.write(
      async () => {
        await this.list(entryOf(sessionId, null, socketId));
        await this.script('roomAddGuest', sessionId, socketId);
      },
      () => this.memory.addGuest(sessionId, socketId),
    );
  }

  async removeGuest(sessionId: string, socketId: string): Promise<void> {
    if (this.own.get(socketId)?.sessionId === sessionId) this.own.delete(socketId);
    return this.write(
      async () => {
        await this.redis.srem(this.key(sessionId, 'guests'), socketId);
        await this.redis.srem(this.registry(), entryOf(sessionId, null, socketId));
      },
      () => this.memory.removeGuest(sessionId, socketId),
    );
  }

  participants(sessionId: string, now: Date): Promise<Participant[]> {
    return this.read(
      async () => {
        const room = await this.snapshot(sessionId);
        return room.present
          .filter((p) => !room.removed.has(p) && room.people.has(p))
          .map((p) => {
            const person = room.people.get(p) as RoomPerson;
            const until = room.muted.get(p);
            return {
              id: p,
              displayName: person.displayName,
              role: person.role,
              handRaised: room.hands.has(p),
              muted: until !== undefined && until > now.getTime(),
            };
          });
      },
      () => this.memory.participants(sessionId, now),
    );
  }

  guestCount(sessionId: string): Promise<number> {
    return this.read(
      () => this.redis.scard(this.key(sessionId, 'guests')),
      () => this.memory.guestCount(sessionId),
    );
  }

  presentCount(sessionId: string): Promise<number> {
    return this.read(
      () => this.script('roomPresentCount', sessionId),
      () => this.memory.presentCount(sessionId),
    );
  }

  isPresent(sessionId: string, participant: string): Promise<boolean> {
    return this.read(
      async () => (await this.redis.zscore(this.key(sessionId, 'present'), participant)) !== null,
      () => this.memory.isPresent(sessionId, participant),
    );
  }

  person(sessionId: string, participant: string): Promise<RoomPerson | null> {
    return this.read(
      async () => {
        const json = await this.redis.hget(this.key(sessionId, 'people'), participant);
        return json ? (JSON.parse(json) as RoomPerson) : null;
      },
      () => this.memory.person(sessionId, participant),
    );
  }

  socketsOf(sessionId: string, participant: string): Promise<string[]> {
    return this.read(
      async () => {
        const all = await this.redis.hgetall(this.key(sessionId, 'sockets'));
        return Object.keys(all).filter((socketId) => all[socketId] === participant);
      },
      () => this.memory.socketsOf(sessionId, participant),
    );
  }

  raiseHand(sessionId: string, participant: string, at: Date): Promise<boolean> {
    return this.write(
      async () => (await this.script('roomRaiseHand', sessionId, participant, at.getTime())) === 1,
      () => this.memory.raiseHand(sessionId, participant, at),
    );
  }

  lowerHand(sessionId: string, participant: string): Promise<boolean> {
    return this.write(
      async () => (await this.redis.zrem(this.key(sessionId, 'hands'), participant)) === 1,
      () => this.memory.lowerHand(sessionId, participant),
    );
  }

  hands(sessionId: string): Promise<RaisedHand[]> {
    return this.read(
      async () => {
        const room = await this.snapshot(sessionId);
        const present = new Set(room.present);
        return [...room.hands.entries()]
          .filter(([p]) => present.has(p) && !room.removed.has(p) && room.people.has(p))
          .map(([p, at]) => ({
            participant: p,
            displayName: (room.people.get(p) as RoomPerson).displayName,
            raisedAt: new Date(at).toISOString(),
          }));
      },
      () => this.memory.hands(sessionId),
    );
  }

  mute(sessionId: string, participant: string, until: Date | null): Promise<void> {
    return this.write(
      async () => {
        await this.script('roomMute', sessionId, participant, until ? until.getTime() : '');
      },
      () => this.memory.mute(sessionId, participant, until),
    );
  }

  mutedUntil(sessionId: string, participant: string, now: Date): Promise<Date | null> {
    return this.read(
      async () => {
        const until = Number((await this.redis.hget(this.key(sessionId, 'muted'), participant)) ?? 0);
        return until > now.getTime() ? new Date(until) : null;
      },
      () => this.memory.mutedUntil(sessionId, participant, now),
    );
  }

  remove(sessionId: string, participant: string): Promise<void> {
    return this.write(
      async () => {
        await this.script('roomRemove', sessionId, participant);
      },
      () => this.memory.remove(sessionId, participant),
    );
  }

  isRemoved(sessionId: string, participant: string): Promise<boolean> {
    return this.read(
      async () => (await this.redis.sismember(this.key(sessionId, 'removed'), participant)) === 1,
      () => this.memory.isRemoved(sessionId, participant),
    );
  }

  setSlowMode(sessionId: string, seconds: number): Promise<void> {
    return this.write(
      async () => {
        await this.script('roomSetSlowMode', sessionId, seconds);
      },
      () => this.memory.setSlowMode(sessionId, seconds),
    );
  }

  slowMode(sessionId: string): Promise<number> {
    return this.read(
      async () => Number((await this.redis.hget(this.key(sessionId, 'meta'), 'slow')) ?? 0),
      () => this.memory.slowMode(sessionId),
    );
  }

  lastSentAt(sessionId: string, participant: string): Promise<number | null> {
    return this.read(
      async () => {
        const at = await this.redis.hget(this.key(sessionId, 'sent'), participant);
        return at === null ? null : Number(at);
      },
      () => this.memory.lastSentAt(sessionId, participant),
    );
  }

  markSent(sessionId: string, participant: string, at: number): Promise<void> {
    return this.write(
      async () => {
        await this.script('roomMarkSent', sessionId, participant, at);
      },
      () => this.memory.markSent(sessionId, participant, at),
    );
  }

  allowTyping(sessionId: string, participant: string, at: number, intervalMs: number): Promise<boolean> {
    return this.write(
      async () => (await this.script('roomAllowTyping', sessionId, participant, at, intervalMs)) === 1,
      () => this.memory.allowTyping(sessionId, participant, at, intervalMs),
    );
  }

  sessionIds(): Promise<string[]> {
    return this.read(
      async () => {
        const [, ids] = (await this.redis
          .multi()
          .zremrangebyscore(this.sessionIndex, '-inf', Date.now())
          .zrange(this.sessionIndex, 0, -1)
          .exec()) as [[Error | null, number], [Error | null, string[]]];
        if (ids[0]) throw ids[0];
        return ids[1];
      },
      () => this.memory.sessionIds(),
    );
  }

  async drop(sessionId: string): Promise<void> {
    const gone: string[] = [];
    for (const [socketId, s] of this.own) {
      if (s.sessionId !== sessionId) continue;
      this.own.delete(socketId);
      gone.push(entryOf(sessionId, s.person?.participant ?? null, socketId));
    }
    return this.write(
      async () => {
        const multi = this.redis
          .multi()
          .del(...this.keys(sessionId))
          .zrem(this.sessionIndex, sessionId);
        if (gone.length > 0) multi.srem(this.registry(), ...gone);
        await multi.exec();
      },
      () => this.memory.drop(sessionId),
    );
  }

  // ------------------------------------------------------------------ reads of a whole room

  private async snapshot(sessionId: string): Promise<{
    present: string[];
    people: Map<string, RoomPerson>;
    removed: Set<string>;
    hands: Map<string, number>;
    muted: Map<string, number>;
  }> {
    const results = await this.redis
      .multi()
      .zrange(this.key(sessionId, 'present'), 0, -1)
      .hgetall(this.key(sessionId, 'people'))
      .smembers(this.key(sessionId, 'removed'))
      .zrange(this.key(sessionId, 'hands'), 0, -1, 'WITHSCORES')
      .hgetall(this.key(sessionId, 'muted'))
      .exec();
    if (!results) throw new Error('the room read was aborted');
    for (const [error] of results) if (error) throw error;
    const [present, people, removed, hands, muted] = results.map(([, value]) => value) as [
      string[],
      Record<string, string>,
      string[],
      string[],
      Record<string, string>,
    ];
    const handMap = new Map<string, number>();
    for (let i = 0; i < hands.length; i += 2) handMap.set(hands[i], Number(hands[i + 1]));
    return {
      present,
      people: new Map(Object.entries(people).map(([p, json]) => [p, JSON.parse(json) as RoomPerson])),
      removed: new Set(removed),
      hands: handMap,
      muted: new Map(Object.entries(muted).map(([p, until]) => [p, Number(until)])),
    };
  }

  // ------------------------------------------------------------------ processes

  /**
   * One heartbeat: renews this process's deadline, writes its sockets back if Redis lost them (or
   * after an outage), and leaves the sockets of processes past their deadline. Never throws.
   */
  heartbeat(): Promise<void> {
    this.beating ??= this.beat().finally(() => (this.beating = null));
    return this.beating;
  }

  private async beat(): Promise<void> {
    if (!this.ready) return;
    try {
      const [added, dead] = await this.redis.roomHeartbeat(
        this.procs,
        this.registry(),
        this.processId,
        String(this.processTtlMs),
        String(REGISTRY_TTL_MS),
      );
      const changed = new Set<string>();
      if (added === 1 || this.outage) {
        this.outage = false;
        for (const id of await this.resync()) changed.add(id);
      }
      for (const processId of dead) {
        if (processId === this.processId) continue;
        if ((await this.redis.roomClaim(this.procs, processId)) !== 1) continue;
        for (const id of await this.reap(processId)) changed.add(id);
      }
      if (changed.size > 0) this.notify([...changed]);
    } catch (error) {
      this.failed(error);
    }
  }

  /** Leaves every socket another (dead) process listed; returns the rooms that changed. */
  private async reap(processId: string, quiet = false): Promise<string[]> {
    const registry = this.registry(processId);
    const entries = await this.redis.smembers(registry);
    const changed = new Set<string>();
    for (const entry of entries) {
      const [sessionId, participant, socketId] = entry.split('\t');
      if (participant) {
        await this.script('roomLeave', sessionId, socketId, participant);
      } else {
        await this.redis.srem(this.key(sessionId, 'guests'), socketId);
      }
      changed.add(sessionId);
    }
    await this.redis.del(registry);
    if (entries.length > 0 && !quiet) {
      this.logger.log(`API process ${processId} stopped answering: its ${entries.length} meeting sockets have left.`);
    }
    return [...changed];
  }

  /** Makes Redis agree with this process's own sockets; returns the rooms that changed. */
  private async resync(): Promise<string[]> {
    const registry = this.registry();
    const listed = new Set(await this.redis.smembers(registry));
    const changed = new Set<string>();
    const wanted = new Set<string>();
    // A Redis that came back empty has lost the session times too: write back what this process knows.
    for (const sessionId of new Set([...this.own.values()].map((s) => s.sessionId))) {
      if ((await this.redis.hexists(this.key(sessionId, 'meta'), 'startsAt')) === 1) continue;
      const meta = await this.memory.session(sessionId);
      if (!meta) continue;
      const slow = await this.memory.slowMode(sessionId);
      await this.writeSession(sessionId, meta, slow);
    }
    for (const [socketId, s] of this.own) {
      const entry = entryOf(s.sessionId, s.person?.participant ?? null, socketId);
      wanted.add(entry);
      await this.list(entry);
      if (s.person) {
        const first = await this.script(
          'roomJoin',
          s.sessionId,
          socketId,
          s.person.participant,
          JSON.stringify(s.person),
        );
        if (first === 1) changed.add(s.sessionId);
      } else {
        if ((await this.redis.sadd(this.key(s.sessionId, 'guests'), socketId)) === 1) changed.add(s.sessionId);
      }
    }
    for (const entry of listed) {
      if (wanted.has(entry)) continue;
      const [sessionId, participant, socketId] = entry.split('\t');
      if (participant) await this.script('roomLeave', sessionId, socketId, participant);
      else await this.redis.srem(this.key(sessionId, 'guests'), socketId);
      await this.redis.srem(registry, entry);
      changed.add(sessionId);
    }
    return [...changed];
  }

  private notify(sessionIds: string[]): void {
    for (const listener of this.listeners) {
      try {
        listener(sessionIds);
      } catch (error) {
        this.logger.warn(`A room change listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** After the sockets have closed: leaves whatever this process still lists, and stops. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.beating?.catch(() => undefined);
    if (this.ready) {
      try {
        await this.reap(this.processId, true);
        await this.redis.zrem(this.procs, this.processId);
      } catch {
        // The others reap this process when its deadline passes.
      }
    }
    this.own.clear();
    await closeRedis(this.redis);
  }
}

/** The room state store for this configuration: in Redis when REDIS_URL is set, else in memory. */
export function createRoomStateStore(config: Pick<AppConfig, 'redisUrl' | 'redisPrefix'>): RoomStateStore {
  if (!config.redisUrl) return new InMemoryRoomStateStore();
  // Commands fail at once while Redis is away (no offline queue): the store then serves from memory.
  const client = createRedisClient(config.redisUrl, 'meeting rooms', {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
  });
  return new RedisRoomStateStore(client, { prefix: config.redisPrefix }).start();
}
