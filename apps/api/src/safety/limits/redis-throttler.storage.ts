import type { OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { FAIL_FAST } from '../../common/redis.js';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

// A fixed window per key; going over the limit blocks the key for blockDuration (0: until the window ends).
// KEYS[1] counter, KEYS[2] block marker; ARGV ttl ms, limit, block ms.
// Returns { hits, ttl ms, blocked 0|1, block ms left }.
const INCREMENT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return { tonumber(ARGV[2]) + 1, blockLeft, 1, blockLeft }
end
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  local block = tonumber(ARGV[3])
  if block <= 0 then block = ttl end
  redis.call('SET', KEYS[2], '1', 'PX', block)
  redis.call('DEL', KEYS[1])
  return { hits, ttl, 1, block }
end
return { hits, ttl, 0, 0 }
`;

// Decrements a counter that is still there and above zero (never below, never a new key).
const REFUND = `
local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
if hits > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

/**
 * @nestjs/throttler storage in Redis, so that every API process counts against the same limits.
 * If Redis cannot be reached the request is allowed (rate limiting must not take Kindred down).
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = 'kindred:rate',
  ) {
    this.redis = new Redis(url, {
      ...FAIL_FAST,
      connectionName: 'kindred-rate-limits',
      retryStrategy: (times) => Math.min(times * 200, 5_000),
    });
    this.redis.on('error', () => undefined);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}:${throttlerName}:${key}`;
    try {
      const [hits, ttlMs, blocked, blockMs] = (await this.redis.eval(
        INCREMENT,
        2,
        base,
        `${base}:blocked`,
        String(ttl),
        String(limit),
        String(Math.max(blockDuration, 0)),
      )) as [number, number, number, number];
      return {
        totalHits: hits,
        timeToExpire: Math.ceil(ttlMs / 1000),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.ceil(blockMs / 1000),
      };
    } catch {
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  /** Takes back one counted hit of a key (a registration that did not create an account). */
  async refund(key: string, throttlerName: string): Promise<void> {
    try {
      await this.redis.eval(REFUND, 1, `${this.prefix}:${throttlerName}:${key}`);
    } catch {
      // Redis away: the hit stays counted, which only errs on the strict side.
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
