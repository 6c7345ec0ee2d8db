import { Injectable } from '@nestjs/common';
import type { Locale } from '@kindred/contracts';
import type { Socket } from 'socket.io';
import { isDatabaseDown } from '../common/http-exception.filter.js';
import { handshakeLanguage, type SocketData } from '../common/socket.js';
import { localeFor, translate, type MessageKey } from '../i18n/i18n.js';
import type { AuthUser } from './auth-user.js';
import { extractBearer } from './extract-token.js';
import { SessionRevocation } from './session-revocation.service.js';
import { TokenService } from './token.service.js';

export interface SocketAuthOptions {
  /** Refuse guests at the handshake (e.g. /moderation). */
  required?: boolean;
  /** Only these roles may connect. */
  roles?: AuthUser['role'][];
}

type NextFn = (error?: Error & { data?: unknown }) => void;

/**
 * The one socket.io handshake authenticator, with the same rules as HTTP: a token in
 * `auth: { token }` (or an `Authorization: Bearer` header); a bad token is refused even where
 * guests are allowed, so a client knows to sign in again.
 */
@Injectable()
export class SocketAuthService {
  constructor(
    private readonly tokens: TokenService,
    private readonly revocation: SessionRevocation,
  ) {}

  middleware(options: SocketAuthOptions = {}): (socket: Socket, next: NextFn) => void {
    return (socket, next) => {
      this.authenticate(socket, options).then(
        () => next(),
        (error: Error) =>
          next(
            isDatabaseDown(error)
              ? refusal('unavailable', 'errors.socket.databaseDown', localeFor(null, handshakeLanguage(socket)))
              : error,
          ),
      );
    };
  }

  private async authenticate(socket: Socket, options: SocketAuthOptions): Promise<void> {
    const raw = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const token = typeof raw === 'string' && raw !== '' ? raw : extractBearer(socket.handshake.headers.authorization);
    let user: AuthUser | null = null;
    let tokenVersion: number | undefined;
    if (token) {
      const session = await this.tokens.verifySession(token);
      if (!session)
        throw refusal('unauthorized', 'errors.socket.sessionInvalid', localeFor(null, handshakeLanguage(socket)));
      ({ user, tokenVersion } = session);
      // The socket reads in the member's saved language, else its handshake's Accept-Language.
      user = { ...user, locale: localeFor(user.locale, socket.handshake.headers['accept-language']) };
    }
    // Error acks on this socket are said in the member's language, else the handshake's.
    const locale = localeFor(user?.locale, handshakeLanguage(socket));
    if (!user && (options.required || options.roles)) {
      throw refusal('unauthorized', 'errors.socket.signInToConnect', locale);
    }
    if (user && options.roles && !options.roles.includes(user.role)) {
      throw refusal('forbidden', 'errors.socket.notAllowedHere', locale);
    }
    const data = socket.data as SocketData;
    data.user = user;
    data.tokenVersion = tokenVersion;
    data.locale = locale;
    // Joins the user:<id> room so that sign-out, suspension or deletion can end this socket.
    this.revocation.track(socket);
  }
}

function refusal(code: string, key: MessageKey, locale: Locale): Error & { data: { code: string } } {
  const error = new Error(translate(locale, key)) as Error & { data: { code: string } };
  error.data = { code };
  return error;
}
