import { Injectable } from '@nestjs/common';
import { UserCache } from '../user-cache.service.js';
import { SessionsRepository } from './sessions.repository.js';

const MAX_ENTRIES = 50_000;
/** A cached session is re-read after this long even without a notification (a backstop). */
const TTL_MS = 30_000;
const HOUR_MS = 3600_000;

/**
 * Whether a token's session still exists, in O(1) per request: sessions are cached per process
 * while the account cache's LISTEN connection is up, and a deleted session arrives on it as a
 * `kindred_sessions` notification (from any process, the CLI or SQL) and is dropped at once.
 * Without that connection every lookup reads the table. The cache also bounds last-seen writes
 * to one per session per hour.
 */
@Injectable()
export class SessionCache {
  private readonly entries = new Map<string, { userId: string; seenHour: number; expiresAt: number }>();
  private epoch = 0;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly accounts: UserCache,
  ) {
    accounts.events.on('session-ended', (id) => this.forget(id));
    accounts.events.on('reset', () => {
      this.epoch++;
      this.entries.clear();
    });
  }

  /** True when the session exists and belongs to this account; marks it seen this hour. */
  async isLive(sessionId: string, userId: string): Promise<boolean> {
    const hour = Math.floor(Date.now() / HOUR_MS);
    const hit = this.accounts.active ? this.entries.get(sessionId) : undefined;
    if (hit && hit.expiresAt > Date.now()) {
      if (hit.userId !== userId) return false;
      if (hit.seenHour < hour) {
        hit.seenHour = hour;
        void this.sessions.touch(sessionId).catch(() => undefined);
      }
      return true;
    }
    const epoch = this.epoch;
    const row = await this.sessions.find(sessionId);
    if (!row || row.userId !== userId) return false;
    const seenHour = Math.floor(row.lastSeenAt.getTime() / HOUR_MS);
    if (seenHour < hour) void this.sessions.touch(sessionId).catch(() => undefined);
    if (this.accounts.active && epoch === this.epoch) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(sessionId, { userId, seenHour: hour, expiresAt: Date.now() + TTL_MS });
    }
    return true;
  }

  forget(sessionId: string): void {
    this.epoch++;
    this.entries.delete(sessionId);
  }
}
