import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppError } from '../../common/app-error.js';
import { closeRedis, FAIL_FAST } from '../../common/redis.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { msg } from '../../i18n/i18n.js';
import { waitText } from '../../safety/limits/rate-limit.service.js';

/** A pair's wrong guesses are forgotten after a day without one. */
const MEMORY_MS = 24 * 3600_000;
/** The longest wait between two guesses of one pair. */
export const MAX_DELAY_MS = 15 * 60_000;
const MAX_ENTRIES = 100_000;

/** The wait before the next guess after `failures` wrong ones, `free` of which cost nothing: 2 s, 4 s, 8 s, … 15 min. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - free + 1));
}

interface PairState {
  failures: number;
  nextAt: number;
}

/** Where pair states live: this process, or Redis (REDIS_URL) so that every process agrees. */
interface PairStore {
  get(key: string): Promise<PairState | null>;
  set(key: string, state: PairState): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

class MemoryPairStore implements PairStore {
  private readonly entries = new Map<string, PairState & { expiresAt: number }>();
  get(key: string): Promise<PairState | null> {
    const hit = this.entries.get(key);
    if (!hit || hit.expiresAt < Date.now()) return Promise.resolve(null);
    return Promise.resolve(hit);
  }
  set(key: string, state: PairState): Promise<void> {
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { ...state, expiresAt: Date.now() + MEMORY_MS });
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

class RedisPairStore implements PairStore {
  private readonly redis: Redis;
  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, {
      ...FAIL_FAST,
      connectionName: 'kindred-guess-throttle',
      retryStrategy: (times) => Math.min(times * 200, 5_000),
    });
    this.redis.on('error', () => undefined);
  }
  async get(key: string): Promise<PairState | null> {
    try {
      const raw = await this.redis.get(`${this.prefix}:${key}`);
      return raw ? (JSON.parse(raw) as PairState) : null;
    } catch {
      return null; // Redis down: guesses are then only limited per client (never a lock-out).
    }
  }
  async set(key: string, state: PairState): Promise<void> {
    await this.redis.set(`${this.prefix}:${key}`, JSON.stringify(state), 'PX', MEMORY_MS).catch(() => undefined);
  }
  async delete(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}:${key}`).catch(() => undefined);
  }
  async close(): Promise<void> {
    await closeRedis(this.redis);
  }
}

/**
 * Slows password (and recovery-code) guessing per account + client pair, never per account
 * alone: a stranger's wrong guesses from other addresses cost the owner nothing. A pair gets
 * LOGIN_ATTEMPTS_PER_USERNAME free wrong guesses, then waits 2 s, 4 s, 8 s … up to 15 minutes
 * between guesses; a right answer clears the pair. Unknown usernames are throttled the same way
 * (the answers do not tell whether an account exists). One client trying many accounts is held
 * by the per-client limit (RateLimitInterceptor); a botnet guessing one account from many
 * addresses gets about 100 guesses per address per day, which the password policy (zxcvbn
 * score ≥ 3: at least 10^8 guesses) makes hopeless. Keys are hashes of the username and the
 * daily client key; no address is kept.
 */
@Injectable()
export class GuessThrottle implements OnModuleDestroy {
  private readonly store: PairStore;
  private readonly free: number;
  private readonly enabled: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.store = config.redisUrl
      ? new RedisPairStore(config.redisUrl, `${config.redisPrefix}:guess`)
      : new MemoryPairStore();
    this.free = config.limits.loginPerUsername;
    this.enabled = config.limits.enabled;
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.close();
  }

  /** Throws a kind 429 when this pair must still wait before its next guess. */
  async check(kind: 'login' | 'recover', username: string, clientKey: string): Promise<void> {
    if (!this.enabled) return;
    const state = await this.store.get(pairKey(kind, username, clientKey));
    const wait = state ? state.nextAt - Date.now() : 0;
    if (wait > 0) {
      const retryAfterSeconds = Math.ceil(wait / 1000);
      throw new AppError(
        'rate_limited',
        msg('errors.auth.guessesSlowed', { kind, wait: waitText(retryAfterSeconds) }),
        {
          details: { retryAfterSeconds },
        },
      );
    }
  }

  async failed(kind: 'login' | 'recover', username: string, clientKey: string): Promise<void> {
    if (!this.enabled) return;
    const key = pairKey(kind, username, clientKey);
    const failures = ((await this.store.get(key))?.failures ?? 0) + 1;
    await this.store.set(key, { failures, nextAt: Date.now() + delayAfter(failures, this.free) });
  }

  async succeeded(kind: 'login' | 'recover', username: string, clientKey: string): Promise<void> {
    if (!this.enabled) return;
    await this.store.delete(pairKey(kind, username, clientKey));
  }
}

function pairKey(kind: string, username: string, clientKey: string): string {
  return createHash('sha256')
    .update(`${kind}\n${username.trim().toLowerCase()}\n${clientKey}`)
    .digest('base64url')
    .slice(0, 32);
}
