import { isLocale } from '@kindred/contracts';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { UserEntity } from '../users/user.entity.js';
import type { AuthUser, JwtPayload } from './auth-user.js';
import { deviceLabel } from './sessions/device-label.js';
import { SessionCache } from './sessions/session-cache.service.js';
import { SessionsRepository } from './sessions/sessions.repository.js';
import { UserCache } from './user-cache.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const TOKEN_LIFETIME_SECONDS = 30 * 24 * 3600;

const keys = new Map<string, KeyObject>();

/**
 * JWT_SECRET as a KeyObject, made once. Given a string, jsonwebtoken first tries to parse it as a
 * PEM public key (createPublicKey, which throws) on every verify: about 1.8 ms of CPU per request
 * on the 2-core bench machine, against 0.05 ms with a KeyObject. The libraries' types only name
 * string | Buffer; jsonwebtoken accepts a KeyObject (and refuses a non-secret key for HS256).
 */
export function jwtVerificationKey(secret: string): string {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key as unknown as string;
}

/** Issues tokens and turns a raw token into the current user, for HTTP and sockets alike. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly accounts: UserCache,
    private readonly sessions: SessionsRepository,
    private readonly sessionCache: SessionCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a session (a sessions row labelled from the user agent) and returns its token. */
  async issue(user: Pick<UserEntity, 'id' | 'tokenVersion'>, userAgent?: string): Promise<string> {
    return (await this.issueSession(user, userAgent)).token;
  }

  async issueSession(
    user: Pick<UserEntity, 'id' | 'tokenVersion'>,
    userAgent?: string,
  ): Promise<{ token: string; sessionId: string }> {
    const session = await this.sessions.create(user.id, deviceLabel(userAgent));
    const payload: JwtPayload = { sub: user.id, ver: user.tokenVersion, sid: session.id };
    const token = await this.jwt.signAsync(payload, {
      secret: this.config.jwtSecret,
      algorithm: 'HS256',
      expiresIn: TOKEN_LIFETIME_SECONDS,
    });
    return { token, sessionId: session.id };
  }

  /** The user a token belongs to, or null when it is invalid, expired, revoked or orphaned. */
  async verify(token: string): Promise<AuthUser | null> {
    return (await this.verifySession(token))?.user ?? null;
  }

  /** Like verify, with the token version too (live sockets are re-checked against it). */
  async verifySession(token: string): Promise<{ user: AuthUser; tokenVersion: number } | null> {
    let payload: JwtPayload;
    try {
      payload = await this.jwt.verifyAsync<JwtPayload>(token, {
        secret: jwtVerificationKey(this.config.jwtSecret),
        algorithms: ['HS256'],
      });
    } catch {
      return null;
    }
    const user = await this.fromPayload(payload);
    return user ? { user, tokenVersion: payload.ver } : null;
  }

  /** The account behind verified claims, unless it was deleted or signed out everywhere since. */
  async fromPayload(payload: JwtPayload): Promise<AuthUser | null> {
    if (typeof payload.sub !== 'string' || typeof payload.ver !== 'number') return null;
    if (!UUID.test(payload.sub)) return null;
    if (payload.sid !== undefined && (typeof payload.sid !== 'string' || !UUID.test(payload.sid))) return null;
    const account = await this.accounts.find(payload.sub);
    if (!account || account.tokenVersion !== payload.ver) return null;
    // A token without sid predates sessions: it still works until it expires or "sign out everywhere".
    if (payload.sid && !(await this.sessionCache.isLive(payload.sid, payload.sub))) return null;
    return { ...toAuthUser(account), locale: account.locale ?? null, sessionId: payload.sid ?? null };
  }
}

export function toAuthUser(user: Omit<AuthUser, 'locale'> & { locale?: string | null }): AuthUser {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    suspendedUntil: user.suspendedUntil,
    createdAt: user.createdAt,
    locale: isLocale(user.locale) ? user.locale : null,
  };
}
