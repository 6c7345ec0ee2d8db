import { createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Request } from 'express';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * "Per client" without keeping anyone's IP address: the key of a client is an HMAC of its IP
 * address under a secret that changes every day (UTC). The secret lives only in memory — or,
 * with REDIS_URL, in Redis with a two-day expiry so that every API process agrees on it — so
 * yesterday's keys cannot be linked to an address, even by someone holding the database.
 *
 * The address is the TCP peer of the connection. X-Forwarded-For is never read: a client could
 * write anything there, and Kindred keeps no header that identifies a person.
 */
@Injectable()
export class ClientKeyService implements OnModuleDestroy {
  private readonly logger = new Logger(ClientKeyService.name);
  private readonly redis: Redis | null;
  private current: { day: number; secret: Buffer } | null = null;
  private pending: Promise<Buffer> | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = config.redisUrl
      ? new Redis(config.redisUrl, {
          lazyConnect: true,
          maxRetriesPerRequest: 1,
          connectionName: 'kindred-client-key',
          retryStrategy: (times) => Math.min(times * 200, 5_000),
        })
      : null;
    this.redis?.on('error', () => undefined);
  }

  /** The client's key for today, from a request. */
  forRequest(req: Request): Promise<string> {
    return this.forAddress(req.socket.remoteAddress ?? 'unknown');
  }

  /** The client's key for today, from an address that is used here and then forgotten. */
  async forAddress(address: string): Promise<string> {
    const secret = await this.secretOfToday();
    return createHmac('sha256', secret).update(address).digest('base64url').slice(0, 22);
  }

  private secretOfToday(): Promise<Buffer> {
    const day = Math.floor(Date.now() / DAY_MS);
    if (this.current?.day === day) return Promise.resolve(this.current.secret);
    this.pending ??= this.loadSecret(day).finally(() => (this.pending = null));
    return this.pending;
  }

  private async loadSecret(day: number): Promise<Buffer> {
    let secret = randomBytes(32);
    if (this.redis) {
      try {
        if (this.redis.status === 'wait') await this.redis.connect();
        const key = `kindred:client-key:${day}`;
        await this.redis.set(key, secret.toString('base64'), 'PX', 2 * DAY_MS, 'NX');
        const shared = await this.redis.get(key);
        if (shared) secret = Buffer.from(shared, 'base64');
      } catch (error) {
        // Per-client limits then count per process until Redis is back: weaker, never wrong.
        this.logger.warn(`Redis unavailable for the daily client key: ${(error as Error).message}`);
      }
    }
    this.current = { day, secret };
    return secret;
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
