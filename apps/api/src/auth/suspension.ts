import { AppError } from '../common/app-error.js';
import { msg } from '../i18n/i18n.js';
import type { AuthUser } from './auth-user.js';

const PERMANENT_AFTER = new Date('9000-01-01T00:00:00Z');

/** The kind 403 a suspended member sees: what they can still do, and until when. */
export function suspendedError(user: Pick<AuthUser, 'suspendedUntil'>): AppError {
  const until = user.suspendedUntil;
  const permanent = until !== null && until >= PERMANENT_AFTER;
  return new AppError('suspended', msg('errors.auth.suspended', { permanent: String(permanent), until }), {
    details: { suspendedUntil: permanent ? null : (until?.toISOString() ?? null), permanent },
  });
}

export const PERMANENT_SUSPENSION = new Date('9999-12-31T00:00:00Z');
