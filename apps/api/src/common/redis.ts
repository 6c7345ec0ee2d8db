import { Logger } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis, type RedisOptions } from 'ioredis';
import type { AppConfig } from '../config/config.js';

/** The socket.io adapter factory that fans broadcasts out through Redis, plus a way to close it. */
export interface RedisAdapterHandle {
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

const logger = new Logger('Redis');

/**
 * For clients on a request's path (rate limits, guess throttle, socket presence): while Redis is
 * away a command fails at once instead of waiting in ioredis's offline queue for the next
 * reconnection attempt (up to 5 s each), and a half-open connection gives up after a second. The
 * callers then fall back (admit, count per process), so an outage never slows a request.
 */
export const FAIL_FAST: RedisOptions = { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1_000 };

/** Closes a client without waiting on a Redis that is away: QUIT only when connected, for at most a second. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  const timer = setTimeout(() => client.disconnect(), 1_000);
  await client.quit().catch(() => client.disconnect());
  clearTimeout(timer);
}

/** Logs a Redis problem as a warning, at most once every 30 s per client, so an outage does not flood the log. */
function warner(name: string): (error: unknown) => void {
  let lastAt = 0;
  return (error) => {
    const now = Date.now();
    if (now - lastAt < 30_000) return;
    lastAt = now;
    const message = error instanceof Error ? error.message : String(error);
    logger.warn(
      `Redis (${name}) is unavailable: ${message}. This process keeps serving its own sockets; ` +
        'live events from other processes arrive again once Redis is back.',
    );
  };
}

/**
 * An ioredis client that never takes the process down: errors become throttled warnings and
 * ioredis keeps reconnecting with back-off (capped at 5 s).
 */
export function createRedisClient(url: string, name: string, options: RedisOptions = {}): Redis {
  const warn = warner(name);
  const client = new Redis(url, {
    connectionName: `kindred-${name}`,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
    ...options,
  });
  client.on('error', warn);
  client.on('ready', () => logger.log(`Redis (${name}) connected.`));
  return client;
}

/**
 * When REDIS_URL is set: a @socket.io/redis-adapter so that a broadcast from any API process
 * reaches sockets on every process. Channels are prefixed with REDIS_PREFIX, so several
 * deployments (or test runs) can share one Redis. Null when Redis is not configured.
 *
 * If Redis goes away, each process keeps delivering to its own sockets: publishes that fail are
 * logged (never an unhandled rejection) and the subscriber waits for the reconnection, after
 * which ioredis re-subscribes by itself.
 */
export function createRedisAdapter(config: Pick<AppConfig, 'redisUrl' | 'redisPrefix'>): RedisAdapterHandle | null {
  if (!config.redisUrl) return null;
  const pub = createRedisClient(config.redisUrl, 'socket.io publisher');
  // The subscriber's SUBSCRIBE waits (however long) for Redis rather than failing.
  const sub = createRedisClient(config.redisUrl, 'socket.io subscriber', { maxRetriesPerRequest: null });

  // The adapter fires publish() without awaiting it; a failure must not become an unhandled rejection.
  const warnPublish = warner('socket.io publish');
  const publish = pub.publish.bind(pub) as (channel: string, message: string | Buffer) => Promise<number>;
  (pub as unknown as { publish: typeof publish }).publish = (channel, message) =>
    publish(channel, message).catch((error: unknown) => {
      warnPublish(error);
      return 0;
    });

  const adapter = createAdapter(pub, sub, { key: `${config.redisPrefix}:socket.io` });
  return {
    adapter,
    async close() {
      await Promise.all([pub, sub].map(closeRedis));
    },
  };
}
