import { msg, type Message, type MessageKey } from '../i18n/i18n.js';
import { AppError, fieldError } from './app-error.js';

/** No legitimate Kindred payload nests deeper than this; deeper ones would exhaust the stack of the validators. */
export const MAX_PAYLOAD_DEPTH = 32;
/** No Kindred form has this many fields: a wider object is refused before the validators walk every key. */
export const MAX_PAYLOAD_KEYS = 64;
/** No Kindred list (tags, facilitators, pinned articles) is this long. */
export const MAX_PAYLOAD_ITEMS = 100;

/** Keys no Kindred payload uses, which break class-transformer (a 500) or aim at prototype pollution. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface PayloadProblem {
  message: Message;
  /** The dotted path of the offending field, when there is one. */
  field?: string;
  reason?: Message;
}

const fieldProblem = (field: string, key: MessageKey, params?: Record<string, number>): PayloadProblem => {
  const reason = msg(key, params);
  return { message: msg('validation.summary.field', { field, reason }), field, reason };
};

/**
 * Why a payload is refused before validation, or null when it is fine. Checked without
 * recursion, and stopping at the first problem, so a payload with 20,000 unknown keys costs no
 * more than one with 65 (the validators would otherwise report every one of them).
 */
export function payloadProblem(value: unknown, limit = MAX_PAYLOAD_DEPTH): PayloadProblem | null {
  const stack: Array<[unknown, number, string]> = [[value, 0, '']];
  while (stack.length > 0) {
    const [current, depth, path] = stack.pop()!;
    if (typeof current === 'string') {
      // PostgreSQL text cannot hold a NUL byte; no member means to type one.
      if (current.includes('\u0000')) return fieldProblem(path || 'payload', 'validation.payload.nul');
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return { message: msg('errors.payload.tooDeep', { limit }) };
    const isArray = Array.isArray(current);
    const keys = Object.keys(current);
    if (isArray && keys.length > MAX_PAYLOAD_ITEMS) {
      return fieldProblem(path || 'payload', 'validation.payload.itemsMax', { max: MAX_PAYLOAD_ITEMS });
    }
    if (!isArray && keys.length > MAX_PAYLOAD_KEYS) {
      return {
        message: msg(path ? 'errors.payload.tooWideIn' : 'errors.payload.tooWide', {
          count: keys.length,
          path,
          max: MAX_PAYLOAD_KEYS,
        }),
      };
    }
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) return { message: msg('errors.payload.forbiddenKey', { key }) };
      const child = (current as Record<string, unknown>)[key];
      if (typeof child === 'string' || (child !== null && typeof child === 'object')) {
        stack.push([child, depth + 1, path ? `${path}.${key}` : key]);
      }
    }
  }
  return null;
}

/** Throws a 400 (validation_failed) for a payload that is too deep, too wide, or carries a forbidden key or a NUL. */
export function assertSafePayload(value: unknown): void {
  const problem = payloadProblem(value);
  if (!problem) return;
  if (problem.field && problem.reason) throw fieldError(problem.field, problem.reason);
  throw new AppError('validation_failed', problem.message);
}
