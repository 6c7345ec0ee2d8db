import { AppError } from './app-error.js';

/** No legitimate Kindred payload nests deeper than this; deeper ones would exhaust the stack of the validators. */
export const MAX_PAYLOAD_DEPTH = 32;

/** Keys no Kindred payload uses, which break class-transformer (a 500) or aim at prototype pollution. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a payload is refused before validation, or null when it is fine (checked without recursion). */
export function payloadProblem(value: unknown, limit = MAX_PAYLOAD_DEPTH): string | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return `The request is nested too deeply (more than ${limit} levels).`;
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) return `The field name "${key}" is not allowed.`;
      const child = (current as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return null;
}

/** Throws a 400 (validation_failed) for a payload that is too deep or carries a forbidden key. */
export function assertSafePayload(value: unknown): void {
  const problem = payloadProblem(value);
  if (problem) throw new AppError('validation_failed', problem);
}
