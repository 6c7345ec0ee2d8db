import { AppError } from '../common/app-error.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';

/**
 * Keyset cursors for the forum. Timestamps travel as whole microseconds since the epoch (text,
 * computed by PostgreSQL) so that a page boundary never loses precision and a forged cursor can
 * only ever be digits and a uuid, never something the database rejects with a 500.
 */

const MICROS = /^\d{1,17}$/;
const FLOAT4_MAX = 3.4e38;
const FLOAT4_MIN = 1.2e-38;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TimeKey {
  micros: string;
  id: string;
}

export interface PinnedTimeKey extends TimeKey {
  pinned: boolean;
}

export interface RankKey {
  rank: number;
  id: string;
}

const invalid = (): AppError =>
  new AppError('bad_cursor', 'errors.common.badCursor', {
    fields: [{ field: 'cursor', reason: 'validation.common.cursor' }],
  });

function checkTimeKey(micros: unknown, id: unknown): TimeKey {
  if (typeof micros !== 'string' || !MICROS.test(micros) || typeof id !== 'string' || !UUID.test(id)) throw invalid();
  return { micros, id };
}

export const timeCursor = {
  encode: (key: TimeKey): string => encodeCursor([key.micros, key.id]),
  decode(cursor: string | undefined): TimeKey | null {
    const values = decodeCursor(cursor, ['string', 'string']);
    return values ? checkTimeKey(values[0], values[1]) : null;
  },
};

export const pinnedTimeCursor = {
  encode: (key: PinnedTimeKey): string => encodeCursor([key.pinned, key.micros, key.id]),
  decode(cursor: string | undefined): PinnedTimeKey | null {
    const values = decodeCursor(cursor, ['boolean', 'string', 'string']);
    return values ? { pinned: values[0] as boolean, ...checkTimeKey(values[1], values[2]) } : null;
  },
};

export const rankCursor = {
  encode: (key: RankKey): string => encodeCursor([key.rank, key.id]),
  decode(cursor: string | undefined): RankKey | null {
    const values = decodeCursor(cursor, ['number', 'string']);
    if (!values) return null;
    const [rank, id] = values as [number, string];
    // Ranks are PostgreSQL reals: anything a real cannot hold (1e300, 1e-60) is a forged cursor.
    if (!Number.isFinite(rank) || rank < 0 || rank > FLOAT4_MAX || (rank !== 0 && rank < FLOAT4_MIN)) throw invalid();
    if (!UUID.test(id)) throw invalid();
    return { rank, id };
  },
};

/** Pages of `limit` rows are fetched as `limit + 1` to learn whether there is a next page. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  cursorOf: (row: R) => string,
): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), nextCursor: more ? cursorOf(kept[kept.length - 1]) : null };
}
