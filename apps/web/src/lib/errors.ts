import { ApiError } from './api';

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
        return error.code === 'invalid_credentials' || error.code === 'wrong_code'
          ? error.message
          : 'Please sign in to do that.';
      case 429:
        return error.message || 'That was a lot at once. Please wait a moment and try again.';
      case 503:
        return 'Kindred is having trouble right now. Please try again in a moment.';
      default:
        return 'Something went wrong on our side. Please try again.';
    }
  }
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return 'Something went wrong. Please try again.';
}
