import { Logger } from '@nestjs/common';
import type { Ack } from '@kindred/contracts';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import type { Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError } from './app-error.js';
import { assertSafePayload } from './json-depth.js';
import { validationFailed } from './validation-errors.js';

/** What the handshake helper stores on every socket. */
export interface SocketData {
  user: AuthUser | null;
  /** The version of the handshake token; a newer one in the database means "signed out everywhere". */
  tokenVersion?: number;
}

export const socketUser = (socket: Socket): AuthUser | null => (socket.data as SocketData).user ?? null;

const logger = new Logger('Socket');

/**
 * Runs one socket event: validates the payload like the HTTP ValidationPipe does, calls the
 * handler, and always answers with an ack — a bad payload or a domain error becomes
 * `{ ok: false, error }` and the connection stays open.
 */
export async function handleSocketEvent<D extends object, R extends object>(
  dtoClass: ClassConstructor<D>,
  payload: unknown,
  handler: (dto: D) => Promise<R> | R,
): Promise<Ack<R>> {
  try {
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new AppError('validation_failed', 'The event payload must be an object.');
    }
    assertSafePayload(payload);
    const dto = plainToInstance(dtoClass, payload);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
    if (errors.length > 0) throw validationFailed(errors);
    const result = await handler(dto);
    return { ok: true, ...result };
  } catch (error) {
    return errorAck(error);
  }
}

export function errorAck(error: unknown): Ack<never> {
  if (error instanceof AppError) {
    return {
      ok: false,
      error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
    };
  }
  logger.error(`Unexpected socket error: ${error instanceof Error ? error.message : String(error)}`);
  return { ok: false, error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } };
}
