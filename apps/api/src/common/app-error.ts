import { ErrorCode } from '@kindred/contracts';

/**
 * A domain error: features throw these with a code; the global filter maps the code to an HTTP
 * status and the socket helpers map it to an error ack. The message is shown to people, so it
 * is written kindly and says what to do next.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  bad_cursor: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  suspended: 403,
  locked: 403,
  not_found: 404,
  conflict: 409,
  username_taken: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
  // safety
  blocked_sourcing: 422,
  blocked_personal_info: 422,
  // meetings
  not_open: 409,
  full: 409,
  removed: 403,
  not_live: 409,
  muted: 403,
  slow_mode: 429,
  too_long: 400,
  // accounts
  wrong_password: 403,
  wrong_code: 401,
  link_expired: 410,
  passkey_failed: 400,
};

export const HTTP_ERROR_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const notFound = (what: string): AppError => new AppError('not_found', `${what} was not found.`);
export const forbidden = (message = 'You are not allowed to do that.'): AppError => new AppError('forbidden', message);
