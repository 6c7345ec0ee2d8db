import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Entry {
  hits: number[];
  blockedUntil: number;
}

/**
 * @nestjs/throttler's storage contract in memory, as a sliding window: each key keeps the times
 * of its counted hits. (The package's own ThrottlerStorageService cannot be loaded under the
 * ESM test runner because it require()s the ESM-only @nestjs/common 12.)
 */
export class MemoryThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();
  private readonly sweep = setInterval(() => this.evict(), 60_000);

  constructor() {
    this.sweep.unref();
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    const id = `${throttlerName}\u0000${key}`;
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { hits: [], blockedUntil: 0 };
      this.entries.set(id, entry);
    }
    entry.hits = entry.hits.filter((at) => at > now - ttl);
    const oldest = entry.hits[0] ?? now;
    const timeToExpire = Math.ceil((oldest + ttl - now) / 1000);
    if (entry.blockedUntil > now) {
      return Promise.resolve(record(entry.hits.length, timeToExpire, entry.blockedUntil - now));
    }
    if (entry.hits.length >= limit) {
      // Over the limit: this hit is refused and not counted.
      entry.blockedUntil = blockDuration > 0 ? now + blockDuration : oldest + ttl;
      return Promise.resolve(record(entry.hits.length + 1, timeToExpire, entry.blockedUntil - now));
    }
    entry.hits.push(now);
    return Promise.resolve({ totalHits: entry.hits.length, timeToExpire, isBlocked: false, timeToBlockExpire: 0 });
  }

  /** Takes back the latest counted hit of a key (a registration that did not create an account). */
  refund(key: string, throttlerName: string): Promise<void> {
    this.entries.get(`${throttlerName}\u0000${key}`)?.hits.pop();
    return Promise.resolve();
  }

  private evict(): void {
    const now = Date.now();
    for (const [id, entry] of this.entries) {
      const last = entry.hits[entry.hits.length - 1] ?? 0;
      // Windows here are at most a day long.
      if (entry.blockedUntil <= now && last < now - 24 * 60 * 60 * 1000) this.entries.delete(id);
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweep);
    this.entries.clear();
  }
}

function record(totalHits: number, timeToExpire: number, blockMs: number): ThrottlerStorageRecord {
  return { totalHits, timeToExpire, isBlocked: true, timeToBlockExpire: Math.ceil(blockMs / 1000) };
}
