import { randomUUID } from 'node:crypto';
import { encodeCursor } from '../common/cursor.js';
import { AppError } from '../common/app-error.js';
import { pinnedTimeCursor, rankCursor, timeCursor, toPage } from './boards-cursor.js';

const badCursor = (fn: () => unknown): void => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('bad_cursor');
    return;
  }
  throw new Error('expected a bad_cursor error');
};

describe('boards cursors', () => {
  const id = randomUUID();

  it('round-trips a pinned/time/id key and treats a missing cursor as the first page', () => {
    const key = { pinned: true, micros: '1763700000123456', id };
    expect(pinnedTimeCursor.decode(pinnedTimeCursor.encode(key))).toEqual(key);
    expect(pinnedTimeCursor.decode(undefined)).toBeNull();
    expect(timeCursor.decode(timeCursor.encode({ micros: '1', id }))).toEqual({ micros: '1', id });
  });

  it('round-trips a rank key exactly', () => {
    const key = { rank: 0.0607927, id };
    expect(rankCursor.decode(rankCursor.encode(key))).toEqual(key);
  });

  it('refuses garbage, wrong shapes and values the database would choke on', () => {
    badCursor(() => timeCursor.decode('not base64 json'));
    badCursor(() => timeCursor.decode(encodeCursor(['2025-02-31 10:00', id])));
    badCursor(() => timeCursor.decode(encodeCursor(['123', 'not-a-uuid'])));
    badCursor(() => timeCursor.decode(encodeCursor(['123'])));
    badCursor(() => pinnedTimeCursor.decode(encodeCursor(['true', '123', id])));
    badCursor(() => rankCursor.decode(encodeCursor([-1, id])));
    badCursor(() => timeCursor.decode(encodeCursor(["1'; DROP TABLE posts; --", id])));
  });

  it('pages limit + 1 rows into items and a cursor of the last kept row', () => {
    const rows = [1, 2, 3, 4];
    expect(
      toPage(
        rows,
        3,
        (n) => n * 10,
        (n) => `c${n}`,
      ),
    ).toEqual({ items: [10, 20, 30], nextCursor: 'c3' });
    expect(
      toPage(
        rows,
        4,
        (n) => n,
        (n) => `c${n}`,
      ),
    ).toEqual({ items: rows, nextCursor: null });
  });
});
