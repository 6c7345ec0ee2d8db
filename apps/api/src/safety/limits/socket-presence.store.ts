import type { Redis } from 'ioredis';

/**
 * Which sockets are open per key (an account, a client), so that the caps on sockets per account
 * and per client hold across every API process. In Redis each key is a sorted set of socket ids
 * scored by when their process last vouched for them: a process that dies (kill -9) stops
 * refreshing, and its sockets stop counting after STALE_MS instead of locking anyone out.
 */
export interface SocketPresenceStore {
  /** Adds the socket under every key if each has fewer than its limit: null, or (nothing added) the full key. */
  tryAdd(entries: Array<{ key: string; limit: number }>, socketId: string): Promise<string | null>;
  remove(keys: string[], socketId: string): Promise<void>;
  close(): void;
}

export const REFRESH_MS = 30_000;
const STALE_MS = 3 * REFRESH_MS;

export class MemorySocketPresence implements SocketPresenceStore {
  private readonly sockets = new Map<string, Set<string>>();

  tryAdd(entries: Array<{ key: string; limit: number }>, socketId: string): Promise<string | null> {
    const full = entries.find(({ key, limit }) => (this.sockets.get(key)?.size ?? 0) >= limit);
    if (full) return Promise.resolve(full.key);
    for (const { key } of entries) {
      let set = this.sockets.get(key);
      if (!set) this.sockets.set(key, (set = new Set()));
      set.add(socketId);
    }
    return Promise.resolve(null);
  }

  remove(keys: string[], socketId: string): Promise<void> {
    for (const key of keys) {
      const set = this.sockets.get(key);
      set?.delete(socketId);
      if (set?.size === 0) this.sockets.delete(key);
    }
    return Promise.resolve();
  }

  close(): void {
    this.sockets.clear();
  }
}

// KEYS: the sets; ARGV[1] now, ARGV[2] stale before, ARGV[3] socket id, ARGV[4..] a limit per key.
const TRY_ADD = `
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[2])
  if redis.call('ZCARD', key) >= tonumber(ARGV[3 + i]) then return i end
end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, ARGV[1], ARGV[3])
  redis.call('PEXPIRE', key, ${STALE_MS})
end
return 0
`;

export class RedisSocketPresence implements SocketPresenceStore {
  /** This process's sockets and their keys, refreshed in Redis every REFRESH_MS. */
  private readonly mine = new Map<string, string[]>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  async tryAdd(entries: Array<{ key: string; limit: number }>, socketId: string): Promise<string | null> {
    const now = Date.now();
    const keys = entries.map((e) => `${this.prefix}:${e.key}`);
    try {
      const full = (await this.redis.eval(
        TRY_ADD,
        keys.length,
        ...keys,
        String(now),
        String(now - STALE_MS),
        socketId,
        ...entries.map((e) => String(e.limit)),
      )) as number;
      if (full > 0) return entries[full - 1].key;
    } catch {
      // Redis away: admit (limits must not take Kindred down); the socket is not tracked.
      return null;
    }
    this.mine.set(socketId, keys);
    return null;
  }

  async remove(_keys: string[], socketId: string): Promise<void> {
    const keys = this.mine.get(socketId);
    this.mine.delete(socketId);
    if (!keys) return;
    await Promise.all(keys.map((key) => this.redis.zrem(key, socketId))).catch(() => undefined);
  }

  private async refresh(): Promise<void> {
    if (this.mine.size === 0) return;
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    for (const [socketId, keys] of this.mine) {
      for (const key of keys) pipeline.zadd(key, now, socketId).pexpire(key, STALE_MS);
    }
    await pipeline.exec().catch(() => undefined);
  }

  close(): void {
    clearInterval(this.timer);
    this.redis.disconnect();
  }
}
