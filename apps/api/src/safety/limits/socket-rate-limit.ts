import type { Server, Socket } from 'socket.io';
import { socketLocale } from '../../common/socket.js';
import { translate } from '../../i18n/i18n.js';

export interface SocketLimit {
  /** Events allowed per connection in each window. */
  events: number;
  windowMs: number;
}

/**
 * Counts the events of one connection in fixed windows. Over the limit, an event is not handled
 * and its ack (if any) says `rate_limited`; a client that keeps flooding (twice the limit in one
 * window) is disconnected.
 */
export function socketEventLimiter(socket: Socket, limit: SocketLimit) {
  let windowStart = Date.now();
  let count = 0;
  return (packet: unknown[], next: (error?: Error) => void): void => {
    const now = Date.now();
    if (now - windowStart >= limit.windowMs) {
      windowStart = now;
      count = 0;
    }
    count++;
    if (count <= limit.events) return next();
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + limit.windowMs - now) / 1000));
      (ack as (reply: unknown) => void)({
        ok: false,
        error: {
          code: 'rate_limited',
          message: translate(socketLocale(socket), 'errors.socket.tooManyEvents'),
          details: { retryAfterSeconds },
        },
      });
    }
    if (count > limit.events * 2) socket.disconnect(true);
  };
}

/** Installs the per-connection limiter on every namespace of a server, present and future. */
export function installSocketRateLimit(server: Server, limit: SocketLimit): void {
  const install = (namespace: ReturnType<Server['of']>): void => {
    namespace.use((socket, next) => {
      socket.use(socketEventLimiter(socket, limit));
      next();
    });
  };
  const seen = new WeakSet<object>();
  const once = (namespace: ReturnType<Server['of']>): void => {
    if (seen.has(namespace)) return;
    seen.add(namespace);
    install(namespace);
  };
  server.on('new_namespace', once);
  for (const namespace of (server as unknown as { _nsps: Map<string, ReturnType<Server['of']>> })._nsps.values()) {
    once(namespace);
  }
}
