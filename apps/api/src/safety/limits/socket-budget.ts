import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Server, Socket } from 'socket.io';
import type { ClientKeyService } from '../../common/client-key.js';
import { socketLocale, type SocketData } from '../../common/socket.js';
import { translate, type MessageKey } from '../../i18n/i18n.js';
import type { LimitsConfig } from '../../config/config.js';
import type { SocketPresenceStore } from './socket-presence.store.js';

/** What the budget middleware adds to socket.data: the client's daily key (never its address). */
export interface BudgetSocketData extends SocketData {
  clientKey?: string;
}

const WINDOW_MS = 10_000;
/** Redis may be away (it reconnects in the background): past this, a check lets the event through. */
const STORE_WAIT_MS = 300;

/** The promise's value, or `fallback` when it takes longer than STORE_WAIT_MS (limits never stall Kindred). */
function withinWait<T>(promise: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), STORE_WAIT_MS)));
  return Promise.race([promise.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}

type Refusal = Error & { data?: { code: string; message: string } };

const refusal = (socket: Socket, key: MessageKey): Refusal => {
  const message = translate(socketLocale(socket), key);
  return Object.assign(new Error(message), { data: { code: 'rate_limited', message } });
};

const rateLimitedAck = (socket: Socket, retryAfterSeconds: number) => ({
  ok: false,
  error: {
    code: 'rate_limited',
    message: translate(socketLocale(socket), 'errors.socket.tooManyEvents'),
    details: { retryAfterSeconds },
  },
});

/**
 * Limits that hold per person, not per connection (issue #13): a cap on open sockets per account
 * and per client, and event budgets per account and per client shared by all their sockets. The
 * counts live in the rate-limit storage and the presence store — Redis when REDIS_URL is set — so
 * opening more sockets, reconnecting or reaching another process changes nothing.
 */
export class SocketBudgets {
  constructor(
    private readonly limits: LimitsConfig,
    private readonly storage: ThrottlerStorage,
    private readonly presence: SocketPresenceStore,
    private readonly clientKeys: ClientKeyService,
  ) {}

  /**
   * Runs after a namespace's own middlewares (the handshake authentication), so the account is
   * known: it is registered on the next turn of the event loop, once the gateway has added its own.
   */
  install(server: Server): void {
    const seen = new WeakSet<object>();
    const install = (namespace: ReturnType<Server['of']>): void => {
      if (seen.has(namespace)) return;
      seen.add(namespace);
      setImmediate(() => namespace.use((socket, next) => void this.admit(socket).then(() => next(), next)));
    };
    server.on('new_namespace', install);
    for (const namespace of (server as unknown as { _nsps: Map<string, ReturnType<Server['of']>> })._nsps.values()) {
      install(namespace);
    }
  }

  private async admit(socket: Socket): Promise<void> {
    const data = socket.data as BudgetSocketData;
    const clientKey = await this.clientKeys.forHandshake(socket.handshake);
    data.clientKey = clientKey;
    if (!this.limits.enabled) return;
    const userId = data.user?.id ?? null;
    const keys = [`client:${clientKey}`, ...(userId ? [`user:${userId}`] : [])];
    const full = await withinWait<string | null>(
      this.presence.tryAdd(
        [
          { key: keys[0], limit: this.limits.socketsPerClient },
          ...(userId ? [{ key: keys[1], limit: this.limits.socketsPerAccount }] : []),
        ],
        socket.id,
      ),
      null,
    );
    if (full) {
      throw refusal(socket, full === keys[0] ? 'errors.socket.tooManyForClient' : 'errors.socket.tooManyForAccount');
    }
    socket.once('disconnect', () => void this.presence.remove(keys, socket.id));
    socket.use((packet, next) => void this.spend(socket, clientKey, userId, packet, next));
  }

  /** One event from the shared budgets of the account and of the client; over either, an error ack. */
  private async spend(
    socket: Socket,
    clientKey: string,
    userId: string | null,
    packet: unknown[],
    next: (error?: Error) => void,
  ): Promise<void> {
    const checks = [
      this.storage.increment(clientKey, WINDOW_MS, this.limits.socketEventsPerClient10s, 0, 'socket-client'),
    ];
    if (userId) {
      checks.push(this.storage.increment(userId, WINDOW_MS, this.limits.socketEventsPerAccount10s, 0, 'socket-user'));
    }
    const records = await withinWait(Promise.all(checks), []);
    const blocked = records.filter((record) => record.isBlocked);
    if (blocked.length === 0) return next();
    if (!socket.connected) return;
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') {
      const retryAfterSeconds = Math.max(1, ...blocked.map((record) => record.timeToBlockExpire));
      (ack as (reply: unknown) => void)(rateLimitedAck(socket, retryAfterSeconds));
    }
  }
}
