import type { Role } from '@kindred/contracts';

/** Who is making a request or holds a socket; set by the JWT strategy and the socket helper. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  suspendedUntil: Date | null;
  createdAt: Date;
}

export interface JwtPayload {
  sub: string;
  ver: number;
}

export const isModerator = (user: AuthUser | null | undefined): boolean =>
  user?.role === 'moderator' || user?.role === 'admin';

export const isSuspended = (user: AuthUser, now = new Date()): boolean =>
  user.suspendedUntil !== null && user.suspendedUntil > now;
