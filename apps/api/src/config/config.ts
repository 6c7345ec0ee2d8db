import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import webpush from 'web-push';
import { ensureDir } from '../common/ensure-dir.js';

/** The whole typed configuration of the server. This module is the only place that reads process.env. */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  jwtSecret: string;
  aliasSecret: string;
  redisUrl: string | null;
  /** Prefix of every Redis key and pub/sub channel (REDIS_PREFIX), so deployments can share a Redis. */
  redisPrefix: string;
  logLevel: LogLevel;
  /** LOG_FORMAT: `pretty` (short lines for a terminal) or `json`; `auto` (default) is pretty on a TTY outside production. */
  logFormat: 'pretty' | 'json';
  flagHideThreshold: number;
  chatRetentionHours: number;
  /** "Erase my posts": each post is erased at its own random moment within this many seconds. */
  eraseWindowSeconds: number;
  webDistDir: string;
  crisisResourcesFile: string | null;
  /** Folder of the library's Markdown articles (CONTENT_DIR), imported at start-up. */
  contentDir: string;
  embeddedPgPort: number | null;
  /** Run as root with DATA_DIR out of the postgres user's reach: where its binaries and files go (KINDRED_ROOT_HOME). */
  rootHome: string;
  /** Rate limits and new-member limits (RATE_LIMITS, REGISTRATIONS_PER_DAY, …). */
  limits: LimitsConfig;
  /**
   * Which proxies in front of the server may say who the client is in X-Forwarded-For
   * (TRUST_PROXY); null (the default) never reads that header.
   */
  trustProxy: TrustProxyConfig;
  /** Background jobs (graphile-worker): JOB_CONCURRENCY per process; 0 enqueues but runs nothing here. */
  jobConcurrency: number;
  /** Timeouts for slow requests and the cap on connections per client (HTTP_HEADERS_TIMEOUT_S, …). */
  http: HttpLimitsConfig;
  /**
   * The address people open Kindred at (PUBLIC_URL), e.g. https://kindred.example; by default
   * http://localhost:PORT. Reset links are made with it; passkeys use its host as relying party.
   */
  publicUrl: string;
  /** The WebAuthn relying party: its id (a host name) and the origin pages are served from. */
  passkeys: { rpId: string; origin: string };
  /** Where "Leave quickly" goes (QUICK_EXIT_URL): a neutral site; default a weather page. */
  quickExitUrl: string;
  /** Web Push (VAPID keys from VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY, else generated into DATA_DIR/secrets). */
  push: PushConfig;
  /** Where log lines go instead of stdout; never from the environment (tests capture logs with it). */
  logStream?: NodeJS.WritableStream;
}

export interface PushConfig {
  publicKey: string;
  privateKey: string;
  /** VAPID subject (VAPID_SUBJECT): an https: or mailto: address push services may contact. */
  subject: string;
  /**
   * TEST ONLY (PUSH_TEST_CA_FILE): a PEM certificate trusted for push endpoints, so tests can run a
   * local https push stub with a self-signed certificate. Refused when NODE_ENV=production.
   */
  testCa: string | null;
}

export interface LimitsConfig {
  /** RATE_LIMITS=off turns every rate limit off (never in production). */
  enabled: boolean;
  /** Registrations per client per day (REGISTRATIONS_PER_DAY). */
  registrationsPerDay: number;
  /** Wrong sign-in (or recovery-code) guesses per username + client pair before growing delays start (LOGIN_ATTEMPTS_PER_USERNAME). */
  loginPerUsername: number;
  /** Login attempts per client per 15 minutes (LOGIN_ATTEMPTS_PER_CLIENT). */
  loginPerClient: number;
  /** Writes (POST/PUT/PATCH/DELETE) per signed-in member per minute (WRITES_PER_MINUTE). */
  writesPerMinute: number;
  /** Socket events per connection per 10 seconds (SOCKET_EVENTS_PER_10S). */
  socketEventsPer10s: number;
  /** Socket events per account per 10 seconds, across all its sockets and processes (SOCKET_EVENTS_PER_ACCOUNT_10S). */
  socketEventsPerAccount10s: number;
  /** Socket events per client per 10 seconds, across all its sockets and processes (SOCKET_EVENTS_PER_CLIENT_10S). */
  socketEventsPerClient10s: number;
  /** Open sockets per account (SOCKETS_PER_ACCOUNT). */
  socketsPerAccount: number;
  /** Open sockets per client (SOCKETS_PER_CLIENT). */
  socketsPerClient: number;
  /** Searches per client per minute, guests included (SEARCHES_PER_MINUTE). */
  searchesPerMinute: number;
  /** Accounts younger than this many hours get the new-member limits; 0 turns them off (NEW_MEMBER_HOURS). */
  newMemberHours: number;
}

export interface HttpLimitsConfig {
  /** The request line and headers must arrive within this (HTTP_HEADERS_TIMEOUT_S). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (HTTP_REQUEST_TIMEOUT_S). */
  requestTimeoutMs: number;
  /** Open connections per client address (CONNECTIONS_PER_CLIENT); trusted proxies are not capped. */
  connectionsPerClient: number;
}

/**
 * `hops`: that many proxies in front of every request (the right-most `hops` X-Forwarded-For
 * entries were written by them). `ranges`: proxies are the peers at these addresses or CIDR
 * ranges, however many. Either way the client is the right-most address not written by a
 * trusted proxy, so entries a client adds on the left change nothing.
 */
export type TrustProxyConfig = { hops: number } | { ranges: string[] } | null;

const TRUST_PROXY_NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** TRUST_PROXY: off (default), a number of hops (1–10), or a comma list of IPs, CIDRs, `loopback`, `private`. */
export function parseTrustProxy(raw: string | undefined): TrustProxyConfig {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === 'off' || value === 'false' || value === '0') return null;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10) throw new ConfigError(`TRUST_PROXY hops must be from 1 to 10 (got "${raw}").`);
    return { hops };
  }
  const ranges: string[] = [];
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const named = TRUST_PROXY_NAMED[entry];
    if (named) {
      ranges.push(...named);
      continue;
    }
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? null : Number(prefix);
    const max = family === 4 ? 32 : 128;
    if (family === 0 || extra !== undefined || (bits !== null && (!/^\d+$/.test(prefix) || bits > max))) {
      throw new ConfigError(
        `TRUST_PROXY must be off, a number of proxy hops (1–10), or a comma list of IP addresses, CIDR ranges, "loopback" or "private" (got "${entry}").`,
      );
    }
    ranges.push(bits === null ? `${address}/${max}` : `${address}/${bits}`);
  }
  if (ranges.length === 0) throw new ConfigError(`TRUST_PROXY is empty (got "${raw}").`);
  return { ranges };
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  }
  return value;
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL.`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}//`);
  }
  return raw;
}

/**
 * A secret from the environment, or one generated once and kept under DATA_DIR so that a
 * restart keeps every session (JWT) and every anonymous alias stable.
 */
function secret(env: Env, name: string, dataDir: string): string {
  const raw = env[name];
  if (raw !== undefined && raw !== '') {
    if (raw.length < 32) throw new ConfigError(`${name} must be at least 32 characters long.`);
    return raw;
  }
  const file = join(dataDir, 'secrets', `${name.toLowerCase()}`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  ensureDir(join(dataDir, 'secrets'), 0o700);
  const value = randomBytes(48).toString('base64url');
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

/**
 * VAPID keys: both from the environment, or a pair generated once into DATA_DIR/secrets/vapid.json
 * (mode 0600, like the other secrets), so `npm start` has push configured and a restart keeps
 * every device's subscription valid.
 */
function pushConfig(env: Env, dataDir: string, origin: string): PushConfig {
  const pub = env.VAPID_PUBLIC_KEY ?? '';
  const priv = env.VAPID_PRIVATE_KEY ?? '';
  let keys: { publicKey: string; privateKey: string };
  if (pub !== '' || priv !== '') {
    if (!/^[A-Za-z0-9_-]{80,90}$/.test(pub) || !/^[A-Za-z0-9_-]{40,45}$/.test(priv)) {
      throw new ConfigError(
        'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must both be set, as base64url (npx web-push generate-vapid-keys), or both left empty.',
      );
    }
    keys = { publicKey: pub, privateKey: priv };
  } else {
    const file = join(dataDir, 'secrets', 'vapid.json');
    if (existsSync(file)) {
      keys = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
    } else {
      ensureDir(join(dataDir, 'secrets'), 0o700);
      keys = webpush.generateVAPIDKeys();
      writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
    }
  }
  const subject = env.VAPID_SUBJECT && env.VAPID_SUBJECT !== '' ? env.VAPID_SUBJECT : defaultSubject(origin);
  if (!/^(mailto:|https:\/\/)/.test(subject)) {
    throw new ConfigError(`VAPID_SUBJECT must be a mailto: or https:// address (got "${subject}").`);
  }
  let testCa: string | null = null;
  if (env.PUSH_TEST_CA_FILE) {
    if (env.NODE_ENV === 'production') throw new ConfigError('PUSH_TEST_CA_FILE is for tests only; unset it.');
    testCa = readFileSync(env.PUSH_TEST_CA_FILE, 'utf8');
  }
  return { ...keys, subject, testCa };
}

/** The site's own address when it is https; else a placeholder push services accept. */
function defaultSubject(origin: string): string {
  return origin.startsWith('https://') && !origin.includes('localhost') ? origin : 'mailto:operator@kindred.invalid';
}

export function loadConfig(env: Env = process.env): AppConfig {
  const dataDir = resolve(env.DATA_DIR && env.DATA_DIR !== '' ? env.DATA_DIR : './.data');
  try {
    ensureDir(dataDir);
  } catch {
    throw new ConfigError(`DATA_DIR "${dataDir}" cannot be created; point DATA_DIR at a writable folder.`);
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}").`);
  }
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    logFormat: logFormat(env),
    host: env.HOST && env.HOST !== '' ? env.HOST : '0.0.0.0',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir,
    jwtSecret: secret(env, 'JWT_SECRET', dataDir),
    aliasSecret: secret(env, 'ALIAS_SECRET', dataDir),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: redisPrefix(env),
    logLevel,
    flagHideThreshold: int(env, 'FLAG_HIDE_THRESHOLD', 3, 1, 100),
    chatRetentionHours: int(env, 'CHAT_RETENTION_HOURS', 24, 0, 24 * 365),
    eraseWindowSeconds: int(env, 'ERASE_WINDOW_SECONDS', 6 * 3600, 1, 7 * 24 * 3600),
    webDistDir: resolve(env.WEB_DIST_DIR && env.WEB_DIST_DIR !== '' ? env.WEB_DIST_DIR : defaultWebDist()),
    crisisResourcesFile:
      env.CRISIS_RESOURCES_FILE && env.CRISIS_RESOURCES_FILE !== '' ? resolve(env.CRISIS_RESOURCES_FILE) : null,
    contentDir: resolve(env.CONTENT_DIR && env.CONTENT_DIR !== '' ? env.CONTENT_DIR : defaultContentDir()),
    embeddedPgPort: env.EMBEDDED_PG_PORT ? int(env, 'EMBEDDED_PG_PORT', 0, 1024, 65535) : null,
    rootHome: resolve(env.KINDRED_ROOT_HOME ?? '/var/lib/kindred'),
    limits: limitsConfig(env),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    jobConcurrency: int(env, 'JOB_CONCURRENCY', 4, 0, 64),
    http: httpLimitsConfig(env),
    publicUrl: publicUrl(env),
    passkeys: passkeyConfig(env, publicUrl(env)),
    quickExitUrl: url(env, 'QUICK_EXIT_URL', ['http:', 'https:']) ?? 'https://weather.com/',
    push: pushConfig(env, dataDir, publicUrl(env)),
  };
}

function httpLimitsConfig(env: Env): HttpLimitsConfig {
  const requestTimeoutMs = int(env, 'HTTP_REQUEST_TIMEOUT_S', 30, 1, 3600) * 1000;
  // Node requires headersTimeout <= requestTimeout.
  const headersTimeoutMs = Math.min(int(env, 'HTTP_HEADERS_TIMEOUT_S', 20, 1, 3600) * 1000, requestTimeoutMs);
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    connectionsPerClient: int(env, 'CONNECTIONS_PER_CLIENT', 256, 1, 1_000_000),
  };
}

function logFormat(env: Env): 'pretty' | 'json' {
  const raw = (env.LOG_FORMAT ?? 'auto').toLowerCase();
  if (raw === 'pretty' || raw === 'json') return raw;
  if (raw !== 'auto' && raw !== '')
    throw new ConfigError(`LOG_FORMAT must be auto, pretty or json (got "${env.LOG_FORMAT}").`);
  return process.stdout.isTTY && env.NODE_ENV !== 'production' ? 'pretty' : 'json';
}

/**
 * Passkeys are bound to a host name (the relying party id): PUBLIC_URL's host, or PASSKEY_RP_ID
 * when set (a parent domain of that host). Browsers refuse an IP address and plain http other
 * than localhost, so those stop start-up with what to change rather than failing on first use.
 */
export function passkeyConfig(env: Env, origin: string): { rpId: string; origin: string } {
  const url = new URL(origin);
  const host = url.hostname;
  const rpId = (env.PASSKEY_RP_ID ?? '').trim().toLowerCase() || host;
  if (rpId !== host && !host.endsWith(`.${rpId}`)) {
    throw new ConfigError(
      `PASSKEY_RP_ID "${rpId}" does not match PUBLIC_URL (${origin}): it must be PUBLIC_URL's host "${host}" or a parent domain of it.`,
    );
  }
  if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) {
    throw new ConfigError(
      `PUBLIC_URL (${origin}) is an IP address; passkeys need a host name. Use a name (for a local test: http://localhost:PORT).`,
    );
  }
  if (url.protocol !== 'https:' && host !== 'localhost' && !host.endsWith('.localhost')) {
    throw new ConfigError(
      `PUBLIC_URL (${origin}) must use https (browsers allow passkeys over http only on localhost).`,
    );
  }
  return { rpId, origin };
}

/** PUBLIC_URL without a trailing slash: an origin (scheme, host, optional port) and nothing else. */
function publicUrl(env: Env): string {
  const raw = url(env, 'PUBLIC_URL', ['http:', 'https:']);
  if (!raw) return `http://localhost:${int(env, 'PORT', 3000, 0, 65535) || 3000}`;
  const parsed = new URL(raw);
  if (parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username) {
    throw new ConfigError(`PUBLIC_URL must be just the site's address, like https://kindred.example (got "${raw}").`);
  }
  return parsed.origin;
}

function limitsConfig(env: Env): LimitsConfig {
  const switchValue = (env.RATE_LIMITS ?? 'on').toLowerCase();
  if (!['on', 'off', ''].includes(switchValue)) {
    throw new ConfigError(`RATE_LIMITS must be on or off (got "${env.RATE_LIMITS}").`);
  }
  return {
    enabled: switchValue !== 'off',
    registrationsPerDay: int(env, 'REGISTRATIONS_PER_DAY', 5, 1, 1_000_000),
    loginPerUsername: int(env, 'LOGIN_ATTEMPTS_PER_USERNAME', 5, 1, 1_000_000),
    loginPerClient: int(env, 'LOGIN_ATTEMPTS_PER_CLIENT', 50, 1, 1_000_000),
    writesPerMinute: int(env, 'WRITES_PER_MINUTE', 30, 1, 1_000_000),
    socketEventsPer10s: int(env, 'SOCKET_EVENTS_PER_10S', 100, 1, 1_000_000),
    socketEventsPerAccount10s: int(env, 'SOCKET_EVENTS_PER_ACCOUNT_10S', 100, 1, 1_000_000),
    socketEventsPerClient10s: int(env, 'SOCKET_EVENTS_PER_CLIENT_10S', 1000, 1, 1_000_000),
    socketsPerAccount: int(env, 'SOCKETS_PER_ACCOUNT', 20, 1, 1_000_000),
    socketsPerClient: int(env, 'SOCKETS_PER_CLIENT', 200, 1, 1_000_000),
    searchesPerMinute: int(env, 'SEARCHES_PER_MINUTE', 30, 1, 1_000_000),
    newMemberHours: int(env, 'NEW_MEMBER_HOURS', 24, 0, 24 * 365),
  };
}

function redisPrefix(env: Env): string {
  const raw = env.REDIS_PREFIX;
  if (raw === undefined || raw === '') return 'kindred';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(raw)) {
    throw new ConfigError('REDIS_PREFIX may use letters, digits and _ . : - (at most 64 characters).');
  }
  return raw;
}

function defaultWebDist(): string {
  return new URL('../../../web/dist', import.meta.url).pathname;
}

/** apps/api/content/articles, from both src/config (tests) and dist/config (built server). */
function defaultContentDir(): string {
  return new URL('../../content/articles/', import.meta.url).pathname;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
