import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Locale } from '@kindred/contracts';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { localeFor, render, type Message } from './i18n.js';

// A text for a person kept as its key and arguments (a Message, see i18n.ts), so it can be written
// in the reader's language when it is read rather than in the writer's when it is stored. An argument
// may itself be a message or a list of them ("a, b and c" / "a, b y c").
export type { Message, MessageParam } from './i18n.js';

const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Message).key === 'string';

/** Several sentences, each rendered, joined by a space. */
export const renderAll = (locale: Locale, messages: Message[]): string =>
  messages
    .map((m) => render(locale, m))
    .join(' ')
    .trim();

/**
 * Texts stored for a person to read later (a post's "why it is held" note) are stored as messages,
 * tagged so they can be told from text stored before this (kept and shown as it was written).
 */
const STORED = 'i18n:';

export const storeMessages = (messages: Message[]): string => STORED + JSON.stringify(messages);

/** A stored text in the reader's language: messages are rendered now; older plain text is kept as is. */
export function renderStored(locale: Locale, stored: string | null): string | null {
  if (stored === null || !stored.startsWith(STORED)) return stored;
  try {
    const messages = JSON.parse(stored.slice(STORED.length)) as unknown;
    if (Array.isArray(messages) && messages.every(isMessage)) return renderAll(locale, messages);
  } catch {
    // Not ours after all: shown as it was stored.
  }
  return stored;
}

/**
 * The language to answer a request in: the signed-in member's saved choice, else the best match
 * of the request's Accept-Language, else English.
 */
export const readerLocale = (request: Request): Locale =>
  localeFor((request.user as AuthUser | undefined)?.locale, request.headers['accept-language']);

/** `@ReaderLocale() locale: Locale` — see readerLocale. */
export const ReaderLocale = createParamDecorator((_data: unknown, context: ExecutionContext): Locale =>
  readerLocale(context.switchToHttp().getRequest<Request>()),
);

/** A saved language as the one to write in: English when none was chosen (texts sent while no request asks). */
export const localeOf = (saved: string | null | undefined): Locale => localeFor(saved, undefined);
