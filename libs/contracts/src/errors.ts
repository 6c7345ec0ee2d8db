/** Every error code the API can answer with, over HTTP (`error` body) and in socket acks. */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'bad_cursor'
  | 'unauthorized'
  | 'invalid_credentials'
  | 'forbidden'
  | 'suspended'
  | 'locked'
  | 'not_found'
  | 'conflict'
  | 'username_taken'
  | 'payload_too_large'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable'
  | 'internal'
  // safety
  | 'blocked_sourcing'
  | 'blocked_personal_info'
  // meetings
  | 'not_open'
  | 'full'
  | 'removed'
  | 'not_live'
  | 'muted'
  | 'slow_mode'
  | 'too_long'
  // accounts
  | 'wrong_password'
  | 'wrong_code'
  | 'link_expired'
  | 'passkey_failed';

export interface FieldError {
  field: string;
  reason: string;
}

/** The body of every HTTP error response. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: { fields?: FieldError[]; [key: string]: unknown };
}

/** Every socket event is answered with an ack of this shape. */
export type Ack<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } };
