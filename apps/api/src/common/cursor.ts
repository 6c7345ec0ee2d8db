import { AppError } from './app-error.js';

/** Keyset cursors are opaque to clients: base64url JSON of the last row's sort keys. */
export function encodeCursor(values: Array<string | number | boolean>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
  shape: Array<'string' | 'number' | 'boolean'>,
): Array<string | number | boolean> | null {
  if (cursor === undefined) return null;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(values) || values.length !== shape.length) throw badCursor();
  values.forEach((value, i) => {
    if (typeof value !== shape[i]) throw badCursor();
  });
  return values as Array<string | number | boolean>;
}

const badCursor = (): AppError =>
  new AppError('bad_cursor', 'cursor: is not a valid cursor (use nextCursor from a previous page).', {
    fields: [{ field: 'cursor', reason: 'is not a valid cursor' }],
  });
