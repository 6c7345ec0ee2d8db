export const ROLES = ['member', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface UserView {
  id: string;
  username: string;
  role: Role;
  createdAt: string;
  suspendedUntil: string | null;
  anonymousByDefault: boolean;
}

export interface AuthResponse {
  user: UserView;
  token: string;
}

export interface RegisterRequest {
  username: string;
  password: string;
}

export type LoginRequest = RegisterRequest;

export const USERNAME_PATTERN = /^[A-Za-z0-9_-]{3,24}$/;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export interface HealthView {
  status: 'ok' | 'degraded';
  db: 'up' | 'down';
}
/** zxcvbn score (0–4) a new password must reach, on the server and in the strength meter alike. */
export const PASSWORD_MIN_SCORE = 3;
