import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import type { AuthUser } from '../../auth/auth-user.js';
import { ClientKeyService } from '../../common/client-key.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { msg } from '../../i18n/i18n.js';
import { RateLimitService, type RateRule } from './rate-limit.service.js';

const MINUTE = 60_000;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The HTTP rate limits, applied to every route after authentication: sign-in attempts per
 * username and per client, registrations per client per day, and writes per member.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  private readonly loginPerClient: RateRule;
  private readonly registrations: RateRule;
  private readonly writes: RateRule;

  constructor(
    private readonly limits: RateLimitService,
    private readonly clientKeys: ClientKeyService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const l = config.limits;
    this.loginPerClient = {
      name: 'login-client',
      limit: l.loginPerClient,
      windowMs: 15 * MINUTE,
      message: msg('errors.limits.signInAttempts'),
    };
    this.registrations = {
      name: 'register-client',
      limit: l.registrationsPerDay,
      windowMs: 24 * 60 * MINUTE,
      message: msg('errors.limits.registrations', { count: l.registrationsPerDay }),
    };
    this.writes = {
      name: 'writes-user',
      limit: l.writesPerMinute,
      windowMs: MINUTE,
      message: msg('errors.limits.writes'),
    };
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http' || !this.limits.enabled) return next.handle();
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const route = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? ''}`;
    if (
      route === 'POST /api/auth/login' ||
      route === 'POST /api/auth/recover' ||
      route === 'POST /api/auth/reset' ||
      route === 'POST /api/auth/passkey'
    ) {
      // Per username + client pair guesses are slowed by GuessThrottle (auth/throttle): a limit per
      // username alone let strangers lock the owner out.
      await this.limits.consume(this.loginPerClient, await this.clientKeys.forRequest(req));
    } else if (route === 'POST /api/auth/register') {
      // Counted up front (parallel attempts cannot slip past), taken back when no account was made.
      const client = await this.clientKeys.forRequest(req);
      await this.limits.consume(this.registrations, client);
      return next
        .handle()
        .pipe(
          catchError((error: unknown) =>
            from(this.limits.refund(this.registrations, client)).pipe(mergeMap(() => throwError(() => error))),
          ),
        );
    } else if (req.user && WRITE_METHODS.has(req.method)) {
      await this.limits.consume(this.writes, req.user.id);
    }
    return next.handle();
  }
}
