import { ApiError } from './api';
import { t } from './i18n/i18n.svelte';

/**
 * The one place that turns any failure into words for a person: kind, specific, and saying
 * what to do next. Components show the returned text (usually in a role="alert" region).
 */
export function handleError(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.status) {
      case 0:
        return error.message;
      case 400:
      case 403:
      case 404:
      case 409:
      case 410:
      case 413:
      case 422:
        return error.message;
      case 401:
        return error.code === 'invalid_credentials' || error.code === 'wrong_code' ? error.message : t('errors.signIn');
      case 429:
        return error.message || t('errors.tooMany');
      case 503:
        return t('errors.unavailable');
      default:
        return t('errors.server');
    }
  }
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return t('errors.unknown');
}
