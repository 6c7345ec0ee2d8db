import type { Role } from '@kindred/contracts';

/** Who is making a request or holds a socket; set by the JWT strategy and the socket helper. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  suspendedUntil: Date | null;
  createdAt: Date;
  /** The member's saved language (users.locale); null or absent: not chosen, Accept-Language decides. */
  locale?: string | null;
  /** The session (device) the token belongs to; null for a token from before sessions (v0.1). */
  sessionId?: string | null;
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
