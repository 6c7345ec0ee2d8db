import { Inject, Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { AppError } from '../../common/app-error.js';
import { msg, type Message } from '../../i18n/i18n.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';

/** The @nestjs/throttler storage in use: in memory, or Redis when REDIS_URL is set. */
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

export interface RateRule {
  /** Also the storage namespace of the rule. */
  name: string;
  limit: number;
  windowMs: number;
  /** Once over the limit, wait this long; 0 (default) = until the oldest counted hit leaves the window. */
  blockMs?: number;
  /** Said to the person, before "You can try again in …". */
  message: Message;
}

/** "in 40 seconds", "in 3 minutes", "in 2 hours", in the reader's language. */
export function waitText(seconds: number): Message {
  if (seconds < 90) return msg('common.wait.seconds', { count: Math.max(1, seconds) });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return msg('common.wait.minutes', { count: minutes });
  return msg('common.wait.hours', { count: Math.ceil(minutes / 60) });
}

/** Counts hits of a rule per key and refuses with a kind 429 (and Retry-After) past the limit. */
@Injectable()
export class RateLimitService {
  constructor(
    @Inject(RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.limits.enabled;
  }

  /**
   * Takes back a hit counted by consume, for rules that count only what succeeded (a registration
   * that created no account). Storages without refunds keep the hit.
   */
  async refund(rule: RateRule, key: string): Promise<void> {
    if (!this.enabled) return;
    const storage = this.storage as ThrottlerStorage & { refund?: (key: string, name: string) => Promise<void> };
    await storage.refund?.(key, rule.name);
  }

  /** Counts one hit; throws AppError('rate_limited') when the rule is exceeded. */
  async consume(rule: RateRule, key: string): Promise<void> {
    if (!this.enabled) return;
    const record = await this.storage.increment(key, rule.windowMs, rule.limit, rule.blockMs ?? 0, rule.name);
    if (!record.isBlocked) return;
    const retryAfterSeconds = Math.max(1, record.timeToBlockExpire);
    throw new AppError(
      'rate_limited',
      msg('errors.limits.tryAgain', { reason: rule.message, wait: waitText(retryAfterSeconds) }),
      {
        details: { retryAfterSeconds },
      },
    );
  }
}
