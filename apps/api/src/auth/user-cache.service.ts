import { EventEmitter } from 'node:events';
import { isLocale } from '@kindred/contracts';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Notification, Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { UserEntity } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import type { AuthUser } from './auth-user.js';

/** What a session needs of an account: who it is, and the token version that is still valid. */
export interface CachedAccount extends AuthUser {
  tokenVersion: number;
}

/** The channel the `users_changed_*` triggers notify (migration 1763700008000). */
export const USERS_CHANGED_CHANNEL = 'kindred_users';
/** The channel the `sessions_deleted` trigger notifies with a session id (migration 1764500000000). */
export const SESSIONS_CHANGED_CHANNEL = 'kindred_sessions';
/** A cached account is re-read after this long even without a notification (a backstop). */
export const USER_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;
const RELISTEN_MS = 1_000;

/**
 * The accounts behind tokens, cached for a few seconds so that an authenticated request or a
 * socket handshake does not read the users table every time. Correctness does not rest on the
 * TTL: a trigger notifies `kindred_users` on every change that matters to a session (role,
 * suspension, token version, username, language, deletion) from any path — this process, another API
 * process, the CLI or SQL — and every process LISTENs and drops its copy; sign-out-everywhere and
 * deletion also drop it here synchronously (SessionRevocation). The cache is only used while the
 * LISTEN connection is up: without it (database restarting, connection lost) every lookup reads
 * the table, as before.
 */
@Injectable()
export class UserCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(UserCache.name);
  private readonly entries = new Map<string, { account: CachedAccount; expiresAt: number }>();
  /** Bumped on every invalidation: a read that started before one is not cached. */
  private epoch = 0;
  private listener: PoolClient | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  /**
   * The same LISTEN connection carries session deletions: 'session-ended' (session id) when a
   * sessions row is deleted, 'reset' when notifications were lost (caches must be dropped).
   */
  readonly events = new EventEmitter<{ 'session-ended': [string]; reset: [] }>();

  constructor(
    private readonly users: UsersRepository,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    void this.listen();
  }

  onModuleDestroy(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.drop(this.listener);
  }

  /** Whether cached entries are trusted now (the change notifications are being received). */
  get active(): boolean {
    return this.listener !== null;
  }

  /** The account, from the cache while notifications flow, else from the table. Null if it does not exist. */
  async find(id: string): Promise<CachedAccount | null> {
    if (this.listener) {
      const hit = this.entries.get(id);
      if (hit && hit.expiresAt > Date.now()) return hit.account;
    }
    const epoch = this.epoch;
    const user = await this.users.findById(id);
    if (!user) return null;
    const account = toCachedAccount(user);
    if (this.listener && epoch === this.epoch) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(id, { account, expiresAt: Date.now() + USER_CACHE_TTL_MS });
    }
    return account;
  }

  /** Forgets one account (its next lookup reads the table). */
  invalidate(id: string): void {
    this.epoch++;
    this.entries.delete(id);
  }

  private clear(): void {
    this.epoch++;
    this.entries.clear();
    this.events.emit('reset');
  }

  private async listen(): Promise<void> {
    if (this.closed || this.listener) return;
    let client: PoolClient | null = null;
    try {
      const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
      client = await pool.connect();
      const c = client;
      c.on('error', (error: Error) => this.lost(c, error));
      c.on('end', () => this.lost(c, new Error('connection ended')));
      c.on('notification', (message: Notification) => {
        if (message.channel === USERS_CHANGED_CHANNEL && message.payload) this.invalidate(message.payload);
        if (message.channel === SESSIONS_CHANGED_CHANNEL && message.payload) {
          this.events.emit('session-ended', message.payload);
        }
      });
      await c.query(`LISTEN ${USERS_CHANGED_CHANNEL}`);
      await c.query(`LISTEN ${SESSIONS_CHANGED_CHANNEL}`);
      if (this.closed) return this.drop(c);
      this.clear();
      this.listener = c;
    } catch (error) {
      if (client) this.drop(client, error);
      this.scheduleListen(error);
    }
  }

  private lost(client: PoolClient, error: Error): void {
    if (this.listener !== client) return;
    this.listener = null;
    this.clear();
    this.drop(client, error);
    this.scheduleListen(error);
  }

  private scheduleListen(error: unknown): void {
    if (this.closed || this.retry) return;
    this.logger.debug(
      `Account cache off until the database is reachable: ${error instanceof Error ? error.message : String(error)}`,
    );
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.listen();
    }, RELISTEN_MS);
    this.retry.unref();
  }

  private drop(client: PoolClient | null, error?: unknown): void {
    if (!client) return;
    if (this.listener === client) this.listener = null;
    try {
      // A broken connection is destroyed rather than returned to the pool.
      client.release(error instanceof Error ? error : true);
    } catch {
      /* already released */
    }
  }
}

export function toCachedAccount(user: UserEntity): CachedAccount {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    suspendedUntil: user.suspendedUntil,
    createdAt: user.createdAt,
    tokenVersion: user.tokenVersion,
    locale: isLocale(user.locale) ? user.locale : null,
  };
}
