import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { AppConfig } from '../config/config.js';
import { DEFAULT_LOCALE, translate } from '../i18n/i18n.js';
import { clientAddress, clientGroup, compileTrustProxy } from './client-key.js';

/** How the HTTP server treats slow and numerous connections (HTTP_*_TIMEOUT_S, CONNECTIONS_PER_CLIENT). */
export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  connectionsPerClient: number;
}

// Refused before a request is read: there is no Accept-Language yet, so the words are English.
const refusal = (): string => {
  const body = JSON.stringify({
    statusCode: 429,
    error: 'Too Many Requests',
    code: 'rate_limited',
    message: translate(DEFAULT_LOCALE, 'errors.http.tooManyConnections'),
  });
  return [
    'HTTP/1.1 429 Too Many Requests',
    'Content-Type: application/json; charset=utf-8',
    'Retry-After: 10',
    'Connection: close',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
};

/**
 * A trickled request is held for HTTP_REQUEST_TIMEOUT_S at most (headers within
 * HTTP_HEADERS_TIMEOUT_S), checked every second; the defaults (20 s, 30 s) still let a phone on a
 * poor connection send a 64 KB body. A client — the TCP peer's address, an IPv6 /64 as one — may
 * hold CONNECTIONS_PER_CLIENT connections at once (sockets included); past that a new connection
 * gets a 429 and is closed. Peers that are trusted proxies (TRUST_PROXY) are not capped: the proxy
 * speaks for many clients and must cap them itself. Addresses are counted in memory only.
 */
export function applyHttpLimits(server: Server, limits: HttpLimits, config: Pick<AppConfig, 'trustProxy'>): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  // Read when the server starts listening: how often the two timeouts above are checked.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = 1_000;

  const trust = compileTrustProxy(config.trustProxy);
  const isProxy = (address: string): boolean => trust !== null && ('hops' in trust || trust.isProxy(address));
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = clientAddress(socket.remoteAddress, undefined, null);
    if (isProxy(address)) return;
    const group = clientGroup(address);
    const count = (open.get(group) ?? 0) + 1;
    if (count > limits.connectionsPerClient) {
      socket.end(refusal());
      return;
    }
    open.set(group, count);
    socket.once('close', () => {
      const left = (open.get(group) ?? 1) - 1;
      if (left <= 0) open.delete(group);
      else open.set(group, left);
    });
  });
}
