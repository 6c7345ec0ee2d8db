import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DEFAULT_LOCALE, type ErrorBody, type Locale } from '@kindred/contracts';
import type { Request, Response } from 'express';
import { msg, render, type Message, type MessageKey } from '../i18n/i18n.js';
import { RequestLocale } from '../i18n/request-locale.js';
import { AppError, HTTP_ERROR_NAMES, HTTP_STATUS_BY_CODE } from './app-error.js';

const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);

/** True when an error means "the database cannot be reached right now". */
export function isDatabaseDown(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string } | null;
  if (!e) return false;
  const code = e.code ?? e.driverError?.code;
  if (code && DB_DOWN_CODES.has(code)) return true;
  const message = e.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error/i.test(
    message,
  );
}

/** Maps any error to the one error body shape, in the reader's language. Unknown errors are logged; the body never carries internals. */
export function toErrorBody(error: unknown, logger: Logger, locale: Locale = DEFAULT_LOCALE): ErrorBody {
  const say = (message: MessageKey | Message): string => render(locale, message);
  if (error instanceof AppError) {
    const statusCode = HTTP_STATUS_BY_CODE[error.code];
    const details = error.detailsIn(locale);
    return {
      statusCode,
      error: HTTP_ERROR_NAMES[statusCode] ?? 'Error',
      code: error.code,
      message: error.messageIn(locale),
      ...(details ? { details } : {}),
    };
  }
  // A 429 from a library (e.g. @nestjs/throttler's ThrottlerException) speaks like our own.
  if (error instanceof HttpException && error.getStatus() === 429) {
    return {
      statusCode: 429,
      error: HTTP_ERROR_NAMES[429],
      code: 'rate_limited',
      message: say('errors.http.tooManyRequests'),
    };
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const response = error.getResponse();
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : error.message;
    if (statusCode >= 500) logger.error(`HTTP ${statusCode}: ${message}`);
    // Nest's own 404 for a route that does not exist: "Cannot GET /api/…".
    const route = statusCode === 404 ? /^Cannot ([A-Z]+) (.+)$/.exec(message) : null;
    return {
      statusCode,
      error: HTTP_ERROR_NAMES[statusCode] ?? 'Error',
      message:
        statusCode >= 500
          ? say('errors.common.internal')
          : route
            ? say(msg('errors.http.routeNotFound', { method: route[1], path: route[2] }))
            : say(msg('errors.http.other', { message, status: statusCode })),
    };
  }
  const parserError = error as { type?: string; status?: number };
  if (parserError?.type === 'entity.too.large') {
    return {
      statusCode: 413,
      error: 'Payload Too Large',
      code: 'payload_too_large',
      message: say('errors.http.tooLarge'),
    };
  }
  if (parserError?.type === 'entity.parse.failed') {
    return {
      statusCode: 400,
      error: 'Bad Request',
      code: 'bad_request',
      message: say('errors.http.invalidJson'),
    };
  }
  if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return {
      statusCode: parserError.status,
      error: HTTP_ERROR_NAMES[parserError.status] ?? 'Error',
      message: say('errors.http.unreadable'),
    };
  }
  if (isDatabaseDown(error)) {
    logger.warn('Database unavailable while handling a request');
    return {
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'unavailable',
      message: say('errors.common.databaseDown'),
    };
  }
  const pgCode =
    (error as { driverError?: { code?: string }; code?: string }).driverError?.code ??
    (error as { code?: string }).code;
  if (pgCode === '22P02' || pgCode === '22021' || pgCode === '22001') {
    return {
      statusCode: 400,
      error: 'Bad Request',
      code: 'bad_request',
      message: say('errors.http.invalidValue'),
    };
  }
  logger.error(
    error instanceof Error
      ? `${error.name}: ${error.message}\n${error.stack ?? ''}`
      : `Non-error thrown: ${String(error)}`,
  );
  return {
    statusCode: 500,
    error: 'Internal Server Error',
    code: 'internal',
    message: say('errors.common.internal'),
  };
}

/** Writes the error answer for a request, in the reader's language (RequestLocale). */
export async function sendError(
  error: unknown,
  req: Request,
  res: Response,
  locales: RequestLocale,
  logger: Logger,
): Promise<void> {
  // The database being down is the error: looking the member up would only wait for it again.
  const locale = isDatabaseDown(error) ? locales.fromHeader(req) : await locales.of(req);
  const body = toErrorBody(error, logger, locale);
  if (res.headersSent) return;
  if (body.statusCode === 429) {
    const retry = (error as { details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds;
    if (retry) res.setHeader('Retry-After', String(retry));
  }
  res.status(body.statusCode).json(body);
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly locales: RequestLocale) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    sendError(error, http.getRequest<Request>(), http.getResponse<Response>(), this.locales, this.logger).catch(
      (failure: unknown) => this.logger.error(`Could not send an error answer: ${String(failure)}`),
    );
  }
}
