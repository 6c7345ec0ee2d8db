import { applyDecorators, createParamDecorator, SetMetadata, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from './auth-user.js';
import { AUTH_OPTIONS, JwtAuthGuard, type AuthOptions } from './auth.guards.js';

/** The route needs a signed-in user (or allows guests with `optional`), with optional role and write checks. */
export const Auth = (options: AuthOptions = {}): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(AUTH_OPTIONS, options), UseGuards(JwtAuthGuard), ApiBearerAuth());

/** The signed-in user; null for a guest on an `optional` route. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser | null =>
    (context.switchToHttp().getRequest<Request>().user as AuthUser | undefined) ?? null,
);
