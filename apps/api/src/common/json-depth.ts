import { AppError } from './app-error.js';

/** No legitimate Kindred payload nests deeper than this; deeper ones would exhaust the stack of the validators. */
export const MAX_PAYLOAD_DEPTH = 32;

/** True when arrays/objects in `value` nest deeper than `limit` (checked without recursion). */
export function nestsDeeperThan(value: unknown, limit = MAX_PAYLOAD_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

export function assertShallow(value: unknown): void {
  if (nestsDeeperThan(value)) {
    throw new AppError(
      'validation_failed',
      `The request is nested too deeply (more than ${MAX_PAYLOAD_DEPTH} levels).`,
    );
  }
}
