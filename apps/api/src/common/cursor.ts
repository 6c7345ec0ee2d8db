import { AppError } from './app-error.js';

/** Keyset cursors are opaque to clients: base64url JSON of the last row's sort keys. */
export function encodeCursor(values: Array<string | number | boolean>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * What each value of a cursor must be. `date` is an ISO timestamp as toISOString writes it,
 * `uuid` a row id, `smallint` a whole number PostgreSQL's smallint holds: a forged cursor is a
 * 400 naming the cursor, never a value the database refuses with a 500.
 */
export type CursorPart = 'string' | 'number' | 'boolean' | 'date' | 'uuid' | 'smallint';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fits(value: unknown, part: CursorPart): boolean {
  switch (part) {
    case 'string':
    case 'number':
    case 'boolean':
      return typeof value === part;
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && Number.isFinite(Date.parse(value));
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'smallint':
      return typeof value === 'number' && Number.isInteger(value) && value >= -32768 && value <= 32767;
  }
}

export function decodeCursor(cursor: string | undefined, shape: CursorPart[]): Array<string | number | boolean> | null {
  if (cursor === undefined) return null;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(values) || values.length !== shape.length) throw badCursor();
  values.forEach((value, i) => {
    if (!fits(value, shape[i])) throw badCursor();
  });
  return values as Array<string | number | boolean>;
}

const badCursor = (): AppError =>
  new AppError('bad_cursor', 'errors.common.badCursor', {
    fields: [{ field: 'cursor', reason: 'validation.common.cursor' }],
  });
