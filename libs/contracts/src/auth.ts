import type { Locale } from './i18n.js';
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

/** POST /api/auth/register: the new account, its token and its recovery codes (shown once). */
export interface RegisterResponse extends AuthResponse {
  recoveryCodes: string[];
}

/** GET /api/me: the account, with how many unused recovery codes it has and whether they were saved. */
export interface MeView extends UserView {
  /** Watch the threads you start and reply to (PATCH /api/me { autoWatch }). */
  autoWatch: boolean;
  /** Push notifications name the thread; off by default (discreet). */
  pushTitles: boolean;
  /** The language the member chose (PATCH /api/me { locale }); null: the browser's languages decide. */
  locale: Locale | null;
  recoveryCodesLeft: number;
  recoveryCodesSaved: boolean;
}

/** POST /api/me/recovery-codes { currentPassword }: a new set; the old one stops working. */
export interface RecoveryCodesResponse {
  recoveryCodes: string[];
}

/** POST /api/auth/recover. */
export interface RecoverRequest {
  username: string;
  code: string;
  newPassword: string;
}

/** POST /api/me/password. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** GET /api/me/sessions: one signed-in device. No address, no location; lastSeenAt is to the hour. */
export interface DeviceSessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
  /** Coarse, from the user agent: "Chrome on Android". */
  label: string;
}

export const RECOVERY_CODE_COUNT = 10;

/** GET /api/me/passkeys: one passkey on the account, named after the device it was added on. */
export interface PasskeyView {
  id: string;
  name: string;
  /** To the hour. */
  createdAt: string;
}
