import type { Locale, Role } from '@kindred/contracts';

/** Who is making a request or holds a socket; set by the JWT strategy and the socket helper. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  suspendedUntil: Date | null;
  createdAt: Date;
  /** The session (device) the token belongs to; null for a token from before sessions (v0.1). */
  sessionId?: string | null;
  /**
   * The language this request or socket reads in: the member's saved choice (null: not chosen),
   * resolved against the request's Accept-Language when it is authenticated (JwtAuthGuard, the
   * socket handshake). Absent where an account is read without a request.
   */
  locale?: Locale | null;
}

export interface JwtPayload {
  sub: string;
  ver: number;
  /** Session id (sessions table): deleting that row revokes this token alone. */
  sid?: string;
}

export const isModerator = (user: AuthUser | null | undefined): boolean =>
  user?.role === 'moderator' || user?.role === 'admin';

export const isSuspended = (user: AuthUser, now = new Date()): boolean =>
  user.suspendedUntil !== null && user.suspendedUntil > now;
