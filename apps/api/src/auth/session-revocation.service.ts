import { isLocale } from '@kindred/contracts';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Server, Socket } from 'socket.io';
import { handshakeLanguage, type SocketData } from '../common/socket.js';
import { DataSource } from 'typeorm';
import { localeFor } from '../i18n/i18n.js';
import { UserCache } from './user-cache.service.js';

/** The room every authenticated socket joins, on every namespace, so that one call reaches all of a person's sockets. */
export const userRoom = (userId: string): string => `user:${userId}`;
/** The room of the sockets opened with one session's token. */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

/** How often live sockets are re-checked against the accounts table (deleted, signed out, suspended, role changed). */
export const SESSION_SWEEP_MS = 15_000;

/**
 * Ends live socket sessions that are no longer valid. A socket authenticates once, at the
 * handshake; without this a socket would outlive "sign out everywhere", a deleted account or a
 * suspension. `revoke(userId)` disconnects at once (on every process when the Redis adapter is
 * on); `sweep()` runs every 15 s and catches changes made by any other path. A disconnected
 * client reconnects by itself and is authenticated afresh (or refused).
 */
@Injectable()
export class SessionRevocation implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SessionRevocation.name);
  private server: Server | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly accounts: UserCache,
  ) {
    // A deleted session (from any process, the CLI or SQL) arrives on the account cache's LISTEN
    // connection on every process: its sockets here are disconnected at once.
    accounts.events.on('session-ended', (sessionId) => this.disconnectSession(sessionId));
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.debug(`Session sweep skipped: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, SESSION_SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Called by the handshake middleware for each accepted socket. */
  track(socket: Socket): void {
    this.server ??= socket.nsp.server;
    const user = (socket.data as SocketData).user;
    if (user) void socket.join(userRoom(user.id));
    if (user?.sessionId) void socket.join(sessionRoom(user.sessionId));
  }

  /** Disconnects this process's sockets of one session (every process gets the notification). */
  disconnectSession(sessionId: string): void {
    if (!this.server) return;
    for (const namespace of this.server._nsps.values())
      namespace.local.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  /** Disconnects every socket of this account, on every namespace (and forgets its cached account here at once). */
  revoke(userId: string): void {
    this.accounts.invalidate(userId);
    if (!this.server) return;
    for (const namespace of this.server._nsps.values()) namespace.in(userRoom(userId)).disconnectSockets(true);
  }

  /**
   * The member chose another language: their sockets on this process say errors in it at once
   * (the account cache is dropped by the users trigger; other processes' sockets follow at their sweep).
   */
  languageChanged(userId: string, locale: string | null): void {
    this.accounts.invalidate(userId);
    if (!this.server) return;
    for (const namespace of this.server._nsps.values()) {
      for (const socket of namespace.sockets.values()) {
        const data = socket.data as SocketData;
        if (data.user?.id !== userId) continue;
        data.user.locale = isLocale(locale) ? locale : null;
        data.locale = localeFor(locale, handshakeLanguage(socket));
      }
    }
  }

  /** Re-checks every local authenticated socket; returns how many were disconnected. */
  async sweep(): Promise<number> {
    if (!this.server) return 0;
    const byUser = new Map<string, Socket[]>();
    for (const namespace of this.server._nsps.values()) {
      for (const socket of namespace.sockets.values()) {
        const user = (socket.data as SocketData).user;
        if (!user) continue;
        const list = byUser.get(user.id);
        if (list) list.push(socket);
        else byUser.set(user.id, [socket]);
      }
    }
    let disconnected = 0;
    const accounts = await this.currentAccounts([...byUser.keys()]);
    const sessionIds = [...byUser.values()].flat().flatMap((s) => (s.data as SocketData).user?.sessionId ?? []);
    const liveSessions = await this.liveSessions(sessionIds);
    for (const [userId, sockets] of byUser) {
      const account = accounts.get(userId);
      for (const socket of sockets) {
        const data = socket.data as SocketData;
        const cached = data.user;
        const stale =
          !account ||
          !cached ||
          (cached.sessionId && !liveSessions.has(cached.sessionId)) ||
          (data.tokenVersion !== undefined && account.tokenVersion !== data.tokenVersion) ||
          account.role !== cached.role;
        if (!stale && account.locale !== (cached.locale ?? null)) {
          // A language chosen on another process: error acks follow it from now on.
          cached.locale = isLocale(account.locale) ? account.locale : null;
          data.locale = localeFor(account.locale, handshakeLanguage(socket));
        }
        if (!stale && (account.suspendedUntil?.getTime() ?? null) !== (cached.suspendedUntil?.getTime() ?? null)) {
          // A suspension does not end the connection: if it did, a member suspended through an
          // anonymous post would vanish from the meeting they sit in, in front of everyone, linking
          // that post to them. The socket stays; every write reads the fresh account and is refused.
          cached.suspendedUntil = account.suspendedUntil;
          this.accounts.invalidate(userId);
          continue;
        }
        if (stale) {
          // Whatever changed it (possibly SQL outside the API), the cached account is out of date too.
          this.accounts.invalidate(userId);
          socket.disconnect(true);
          disconnected++;
        }
      }
    }
    return disconnected;
  }

  /** Which of these sessions still exist (one statement per thousand). */
  private async liveSessions(ids: string[]): Promise<Set<string>> {
    const live = new Set<string>();
    for (let i = 0; i < ids.length; i += 1000) {
      const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM sessions WHERE id = ANY($1::uuid[])`, [
        ids.slice(i, i + 1000),
      ]);
      for (const row of rows) live.add(row.id);
    }
    return live;
  }

  /**
   * The session-relevant columns of these accounts, fresh from the table: one statement per
   * thousand accounts (10,000 idle sockets used to mean 10,000 lookups every 15 s).
   */
  private async currentAccounts(ids: string[]): Promise<Map<string, SweptAccount>> {
    const out = new Map<string, SweptAccount>();
    for (let i = 0; i < ids.length; i += 1000) {
      const rows: Array<SweptAccount & { id: string }> = await this.db.query(
        `SELECT id, role, suspended_until AS "suspendedUntil", token_version AS "tokenVersion", locale
             FROM users WHERE id = ANY($1::uuid[])`,
        [ids.slice(i, i + 1000)],
      );
      for (const row of rows) out.set(row.id, row);
    }
    return out;
  }
}

interface SweptAccount {
  role: string;
  suspendedUntil: Date | null;
  tokenVersion: number;
  locale: string | null;
}
