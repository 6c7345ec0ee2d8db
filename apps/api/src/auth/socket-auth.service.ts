import { Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { isDatabaseDown } from '../common/http-exception.filter.js';
import type { SocketData } from '../common/socket.js';
import { localeFor } from '../i18n/i18n.js';
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
              ? refusal('unavailable', 'Kindred is having trouble reaching its database. Please try again in a moment.')
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
      if (!session) throw refusal('unauthorized', 'Please sign in again: your session is invalid or has expired.');
      ({ user, tokenVersion } = session);
      // The socket reads in the member's saved language, else its handshake's Accept-Language.
      user = { ...user, locale: localeFor(user.locale, socket.handshake.headers['accept-language']) };
    }
    if (!user && (options.required || options.roles)) {
      throw refusal('unauthorized', 'Please sign in to connect here.');
    }
    if (user && options.roles && !options.roles.includes(user.role)) {
      throw refusal('forbidden', 'You do not have permission to connect here.');
    }
    const data = socket.data as SocketData;
    data.user = user;
    data.tokenVersion = tokenVersion;
    // Joins the user:<id> room so that sign-out, suspension or deletion can end this socket.
    this.revocation.track(socket);
  }
}

function refusal(code: string, message: string): Error & { data: { code: string } } {
  const error = new Error(message) as Error & { data: { code: string } };
  error.data = { code };
  return error;
}
