import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { ErrorBody } from '@kindred/contracts';
import type { Response } from 'express';
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

/** Maps any error to the one error body shape. Unknown errors are logged; the body never carries internals. */
export function toErrorBody(error: unknown, logger: Logger): ErrorBody {
  if (error instanceof AppError) {
    const statusCode = HTTP_STATUS_BY_CODE[error.code];
    return {
      statusCode,
      error: HTTP_ERROR_NAMES[statusCode] ?? 'Error',
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    };
  }
  // A 429 from a library (e.g. @nestjs/throttler's ThrottlerException) speaks like our own.
  if (error instanceof HttpException && error.getStatus() === 429) {
    return {
      statusCode: 429,
      error: HTTP_ERROR_NAMES[429],
      code: 'rate_limited',
      message: 'That is a lot of requests in a short time. Please wait a moment, then try again.',
    };
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const response = error.getResponse();
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : error.message;
    if (statusCode >= 500) logger.error(`HTTP ${statusCode}: ${message}`);
    return {
      statusCode,
      error: HTTP_ERROR_NAMES[statusCode] ?? 'Error',
      message: statusCode >= 500 ? 'Something went wrong on our side. Please try again.' : message,
    };
  }
  const parserError = error as { type?: string; status?: number };
  if (parserError?.type === 'entity.too.large') {
    return {
      statusCode: 413,
      error: 'Payload Too Large',
      code: 'payload_too_large',
      message: 'That request is too large (the limit is 64 KB).',
    };
  }
  if (parserError?.type === 'entity.parse.failed') {
    return {
      statusCode: 400,
      error: 'Bad Request',
      code: 'bad_request',
      message: 'The request body is not valid JSON.',
    };
  }
  if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return {
      statusCode: parserError.status,
      error: HTTP_ERROR_NAMES[parserError.status] ?? 'Error',
      message: 'The request could not be read.',
    };
  }
  if (isDatabaseDown(error)) {
    logger.warn('Database unavailable while handling a request');
    return {
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'unavailable',
      message:
        'Kindred is having trouble reaching its database. Please try again in a moment — nothing you sent was lost.',
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
      message: 'The request contains a value that is not valid.',
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
    message: 'Something went wrong on our side. Please try again.',
  };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(error, this.logger);
    if (res.headersSent) return;
    if (body.statusCode === 429) {
      const retry = (error as { details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds;
      if (retry) res.setHeader('Retry-After', String(retry));
    }
    res.status(body.statusCode).json(body);
  }
}
