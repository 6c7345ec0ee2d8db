import { Logger } from '@nestjs/common';
import { DEFAULT_LOCALE, type Ack, type Locale } from '@kindred/contracts';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import type { Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user.js';
import { localeFor, translate } from '../i18n/i18n.js';
import { AppError } from './app-error.js';
import { assertSafePayload } from './json-depth.js';
import { validationFailed } from './validation-errors.js';

/** What the handshake helper stores on every socket. */
export interface SocketData {
  user: AuthUser | null;
  /** The version of the handshake token; a newer one in the database means "signed out everywhere". */
  tokenVersion?: number;
  /** The language of this socket's error acks: the member's saved choice, else the handshake's Accept-Language. */
  locale?: Locale;
}

export const socketUser = (socket: Socket): AuthUser | null => (socket.data as SocketData).user ?? null;

/**
 * The language a handshake asks for: `auth: { locale }` when the client sends it (a browser's
 * WebSocket cannot set headers, and its Accept-Language is the browser's, not the app's choice),
 * else the Accept-Language header. A member's saved choice outranks both (socketLocale).
 */
export function handshakeLanguage(socket: Pick<Socket, 'handshake'>): string | string[] | undefined {
  const asked = (socket.handshake.auth as { locale?: unknown } | undefined)?.locale;
  return typeof asked === 'string' && asked.length <= 35 ? asked : socket.handshake.headers['accept-language'];
}

/** A socket's language: set at the handshake (SocketAuthService); worked out again for a namespace without it. */
export function socketLocale(socket: Pick<Socket, 'data' | 'handshake'>): Locale {
  const data = socket.data as Partial<SocketData> | undefined;
  return data?.locale ?? localeFor(data?.user?.locale, handshakeLanguage(socket));
}

const logger = new Logger('Socket');

/**
 * Runs one socket event: validates the payload like the HTTP ValidationPipe does, calls the
 * handler, and always answers with an ack — a bad payload or a domain error becomes
 * `{ ok: false, error }` in the socket's language, and the connection stays open.
 */
export async function handleSocketEvent<D extends object, R extends object>(
  socket: Pick<Socket, 'data' | 'handshake'>,
  dtoClass: ClassConstructor<D>,
  payload: unknown,
  handler: (dto: D) => Promise<R> | R,
): Promise<Ack<R>> {
  try {
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new AppError('validation_failed', 'errors.socket.payloadNotObject');
    }
    assertSafePayload(payload);
    const dto = plainToInstance(dtoClass, payload);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
    if (errors.length > 0) throw validationFailed(errors);
    const result = await handler(dto);
    return { ok: true, ...result };
  } catch (error) {
    return errorAck(error, socketLocale(socket));
  }
}

/** The error ack for a failed event, in `locale` (the socket's: socketLocale). */
export function errorAck(error: unknown, locale: Locale = DEFAULT_LOCALE): Ack<never> {
  if (error instanceof AppError) {
    const details = error.detailsIn(locale);
    return {
      ok: false,
      error: { code: error.code, message: error.messageIn(locale), ...(details ? { details } : {}) },
    };
  }
  logger.error(`Unexpected socket error: ${error instanceof Error ? error.message : String(error)}`);
  return { ok: false, error: { code: 'internal', message: translate(locale, 'errors.common.internal') } };
}
