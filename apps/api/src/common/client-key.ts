import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Request } from 'express';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, type TrustProxyConfig } from '../config/config.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** At most this many X-Forwarded-For entries are looked at, from the right. */
const MAX_FORWARDED = 32;

/** The compiled TRUST_PROXY setting: hops, or a test for "this peer is one of our proxies". */
export type ProxyTrust = { hops: number } | { isProxy: (address: string) => boolean } | null;

export function compileTrustProxy(config: TrustProxyConfig): ProxyTrust {
  if (!config) return null;
  if ('hops' in config) return { hops: config.hops };
  const list = new BlockList();
  for (const range of config.ranges) {
    const [address, bits] = range.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(address, Number(bits), family);
  }
  return {
    isProxy: (address) => {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

/** "::ffff:1.2.3.4" → "1.2.3.4", "[::1]:80" → "::1", "1.2.3.4:80" → "1.2.3.4". */
function normalizeAddress(raw: string): string {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  if (v4WithPort) address = v4WithPort[1];
  if (/^::ffff:\d{1,3}(?:\.\d{1,3}){3}$/i.test(address)) address = address.slice(7);
  return address.toLowerCase();
}

/**
 * What a client is, for per-client limits: an IPv4 address, or the /64 network of an IPv6 one.
 * One home or phone is given a whole /64 and can pick any address in it, so counting exact IPv6
 * addresses would give one person 2^64 budgets. "2001:db8:1:2::5" → "2001:db8:1:2::/64".
 */
export function clientGroup(address: string): string {
  if (isIP(address) !== 6) {
    const zoneless = address.split('%')[0];
    if (isIP(zoneless) !== 6) return address;
    address = zoneless;
  }
  let groups = expandIpv6(address);
  // An IPv4-mapped or -compatible address that normalizeAddress did not shorten is still IPv4.
  if (groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[5] === 0) && address.includes('.')) {
    return address.slice(address.lastIndexOf(':') + 1);
  }
  groups = groups.slice(0, 4);
  return `${groups.map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (with "::" and a dotted IPv4 tail expanded). */
function expandIpv6(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === null ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}

/**
 * The client's address: the TCP peer, or — when the peer is a trusted proxy (TRUST_PROXY) —
 * the right-most X-Forwarded-For entry that a trusted proxy did not write. Entries to the left
 * of that were written by the client itself and are never used, so adding some changes nothing.
 * With TRUST_PROXY off the header is not read at all.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trust: ProxyTrust,
): string {
  const direct = normalizeAddress(peer ?? '') || 'unknown';
  if (!trust || forwardedFor === undefined) return direct;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const forwarded = header
    .split(',')
    .map(normalizeAddress)
    .filter((entry) => entry !== '')
    .slice(-MAX_FORWARDED)
    .reverse();
  // Nearest first: the peer, then what each proxy saw, right to left.
  const chain = [direct, ...forwarded];
  if ('hops' in trust) return chain[Math.min(trust.hops, chain.length - 1)];
  for (let i = 0; i < chain.length - 1; i++) {
    if (!trust.isProxy(chain[i])) return chain[i];
  }
  return chain[chain.length - 1];
}

/**
 * "Per client" without keeping anyone's IP address: the key of a client is an HMAC of its IP
 * address under a secret that changes every day (UTC). The secret lives only in memory — or,
 * with REDIS_URL, in Redis with a two-day expiry so that every API process agrees on it — so
 * yesterday's keys cannot be linked to an address, even by someone holding the database.
 *
 * The address is the TCP peer of the connection, unless TRUST_PROXY names the proxies in front
 * of the server: then it is taken from X-Forwarded-For as clientAddress describes (the same rule
 * for HTTP requests and socket.io handshakes). The address itself is never stored or logged.
 */
@Injectable()
export class ClientKeyService implements OnModuleDestroy {
  private readonly logger = new Logger(ClientKeyService.name);
  private readonly redis: Redis | null;
  private current: { day: number; secret: Buffer } | null = null;
  private pending: Promise<Buffer> | null = null;
  private readonly trust: ProxyTrust;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.trust = compileTrustProxy(config.trustProxy);
    this.prefix = config.redisPrefix;
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
    return this.forAddress(clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], this.trust));
  }

  /** The client's key for today, from a socket.io handshake (`socket.handshake`). */
  forHandshake(handshake: { address: string; headers: IncomingHttpHeaders }): Promise<string> {
    return this.forAddress(clientAddress(handshake.address, handshake.headers['x-forwarded-for'], this.trust));
  }

  /** The client's key for today, from an address that is used here and then forgotten (IPv6: its /64). */
  async forAddress(address: string): Promise<string> {
    const secret = await this.secretOfToday();
    return createHmac('sha256', secret).update(clientGroup(address)).digest('base64url').slice(0, 22);
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
        const key = `${this.prefix}:client-key:${day}`;
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
