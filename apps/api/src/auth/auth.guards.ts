import { ExecutionContext, Injectable, type CanActivate } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import type { Role } from '@kindred/contracts';
import { AppError } from '../common/app-error.js';
import { isDatabaseDown } from '../common/http-exception.filter.js';
import { localeFor } from '../i18n/i18n.js';
import { isSuspended, type AuthUser } from './auth-user.js';
import { suspendedError } from './suspension.js';

export const AUTH_OPTIONS = 'kindred:auth-options';

export interface AuthOptions {
  /** Only these roles may pass (403 for others). */
  roles?: Role[];
  /** The action writes (posts, reacts, flags, chats): a suspended account gets 403 with when it ends. */
  write?: boolean;
  /** Guests may pass (the user is then null); a bad token is still 401. */
  optional?: boolean;
}

/** Authenticates with passport-jwt, then applies the route's AuthOptions. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') implements CanActivate {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const options = this.routeOptions(context);
    const req = context.switchToHttp().getRequest<Request>();
    if (options.optional && !req.headers.authorization) {
      req.user = undefined;
      return true;
    }
    await (super.canActivate(context) as Promise<boolean>);
    const user = req.user as AuthUser;
    // From here on the member's language is the request's: their saved choice, else Accept-Language.
    user.locale = localeFor(user.locale, req.headers['accept-language']);
    if (options.roles && !options.roles.includes(user.role)) {
      throw new AppError('forbidden', 'errors.auth.noPermission');
    }
    if (options.write && isSuspended(user)) throw suspendedError(user);
    return true;
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    // The database is down, not the session: a 503, so the client does not sign the member out.
    if (isDatabaseDown(error)) throw error;
    if (error || !user) {
      throw new AppError('unauthorized', 'errors.auth.sessionMissing');
    }
    return user;
  }

  private routeOptions(context: ExecutionContext): AuthOptions {
    return (
      this.reflector.getAllAndOverride<AuthOptions | undefined>(AUTH_OPTIONS, [
        context.getHandler(),
        context.getClass(),
      ]) ?? {}
    );
  }
}
