import { DEFAULT_LOCALE, type ErrorCode, type FieldError, type Locale } from '@kindred/contracts';
import { msg, render, type Message, type MessageKey } from '../i18n/i18n.js';

/** One field's problem: the field's name (never translated) and the reason, said to the reader. */
export interface FieldReason {
  field: string;
  reason: MessageKey | Message;
}

export interface AppErrorOptions {
  /** Per-field reasons, rendered into `details.fields` in the reader's language. */
  fields?: FieldReason[];
  /** Anything else for the client (retryAfterSeconds, spans…): never words for a person. */
  details?: Record<string, unknown>;
}

/**
 * A domain error: features throw these with a code and a message key; the global filter maps the
 * code to an HTTP status and the socket helpers map it to an error ack, both saying the message in
 * the reader's language (apps/api/src/i18n). The words are written kindly and say what to do next.
 * `message` is the English text, for logs.
 */
export class AppError extends Error {
  readonly text: Message;
  readonly fields?: readonly FieldReason[];
  private readonly extra?: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    message: MessageKey | Message,
    options: AppErrorOptions = {},
  ) {
    const text = typeof message === 'string' ? msg(message) : message;
    super(render(DEFAULT_LOCALE, text));
    this.text = text;
    this.fields = options.fields;
    this.extra = options.details;
  }

  messageIn(locale: Locale): string {
    return locale === DEFAULT_LOCALE ? this.message : render(locale, this.text);
  }

  /** The details of the answer, field reasons in `locale`; undefined when there are none. */
  detailsIn(locale: Locale): Record<string, unknown> | undefined {
    if (!this.fields && !this.extra) return undefined;
    const fields: FieldError[] | undefined = this.fields?.map((f) => ({
      field: f.field,
      reason: render(locale, f.reason),
    }));
    return { ...(fields ? { fields } : {}), ...this.extra };
  }

  /** The details in English (logs, tests). */
  get details(): Record<string, unknown> | undefined {
    return this.detailsIn(DEFAULT_LOCALE);
  }
}

/**
 * A refusal naming one field: the reason beside the field, and "field: reason" as the message
 * (`summary` picks another wording of that line, e.g. one ending in a full stop).
 */
export function fieldError(
  field: string,
  reason: MessageKey | Message,
  options: { code?: ErrorCode; summary?: MessageKey; details?: Record<string, unknown> } = {},
): AppError {
  const summary = options.summary ?? 'validation.summary.field';
  return new AppError(options.code ?? 'validation_failed', msg(summary, { field, reason: toMessage(reason) }), {
    fields: [{ field, reason }],
    details: options.details,
  });
}

export const toMessage = (text: MessageKey | Message): Message => (typeof text === 'string' ? msg(text) : text);

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

/** A 404 saying what was not found ("That thread was not found."): one key per thing, so each language can say it well. */
export const notFound = (message: MessageKey | Message): AppError => new AppError('not_found', message);
export const forbidden = (message: MessageKey | Message = 'errors.common.forbidden'): AppError =>
  new AppError('forbidden', message);
