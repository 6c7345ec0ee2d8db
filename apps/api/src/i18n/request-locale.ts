import { Injectable } from '@nestjs/common';
import type { Locale } from '@kindred/contracts';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { extractBearer } from '../auth/extract-token.js';
import { TokenService } from '../auth/token.service.js';
import { localeFor } from './i18n.js';

/**
 * The language to answer a request in: the signed-in member's saved choice (users.locale), else
 * the request's Accept-Language, else English. The account comes from the per-process account
 * cache (UserCache) through the token, as for authentication, so this costs no query of its own.
 */
@Injectable()
export class RequestLocale {
  constructor(private readonly tokens: TokenService) {}

  /** Only the header: for when the account cannot be looked up (the database is down). */
  fromHeader(req: Request): Locale {
    return localeFor((req.user as AuthUser | undefined)?.locale, req.headers['accept-language']);
  }

  /**
   * After authentication `req.user` carries the saved language. An error raised before it (an
   * unknown route, a body that is not JSON, a refused token) still reads the token: its member
   * chose a language whichever route they called. Never throws.
   */
  async of(req: Request): Promise<Locale> {
    const user = req.user as AuthUser | undefined;
    const header = req.headers['accept-language'];
    if (user) return localeFor(user.locale, header);
    const token = extractBearer(req.headers.authorization);
    if (!token) return localeFor(null, header);
    try {
      return localeFor((await this.tokens.verify(token))?.locale, header);
    } catch {
      return localeFor(null, header);
    }
  }
}
