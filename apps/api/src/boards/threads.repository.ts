import { Injectable } from '@nestjs/common';
import type { ContentStatus, ReactionKind } from '@kindred/contracts';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PinnedTimeKey, TimeKey } from './boards-cursor.js';
import type { PostRow, ThreadRow, Viewer } from './boards.rows.js';
import { GuestThreadPages } from './guest-thread-pages.js';

/** A timestamp from a cursor's whole microseconds (exact integer arithmetic, no float rounding). */
const fromMicros = (param: string): string => `('epoch'::timestamptz + (${param})::bigint * interval '1 microsecond')`;
const MICROS_OF = (column: string): string => `((extract(epoch FROM ${column}) * 1000000)::bigint)::text`;

const THREAD_SELECT = `
  SELECT t.id, t.board_id AS "boardId", b.slug AS "boardSlug", b.name AS "boardName",
         b.translations AS "boardTranslations", b.archived AS "boardArchived",
         t.author_id AS "authorId", u.username AS "authorUsername", t.anonymous, op.alias AS "openingAlias",
         t.title, t.content_warning AS "contentWarning", t.pinned, t.locked, t.status,
         t.status_reason AS "statusReason", t.reply_count AS "replyCount", t.created_at AS "createdAt",
         t.last_activity_at AS "lastActivityAt", ${MICROS_OF('t.last_activity_at')} AS "cursorMicros",
         t.opening_post_id AS "openingPostId", op.status AS "openingStatus"
    FROM threads t
    JOIN boards b ON b.id = t.board_id
    LEFT JOIN users u ON u.id = t.author_id AND NOT t.anonymous
    LEFT JOIN posts op ON op.id = t.opening_post_id`;

/**
 * Posts with their reaction counts and the viewer's own reactions in the same round trip.
 * $1 is the viewer's id (null for a guest). The username is only read for signed posts.
 */
const POST_SELECT = `
  SELECT p.id, p.thread_id AS "threadId", p.author_id AS "authorId", u.username AS "authorUsername",
         p.anonymous, p.alias, p.body, p.html, p.reply_to_id AS "replyToId", p.status,
         p.status_reason AS "statusReason", p.content_warning AS "contentWarning", p.created_at AS "createdAt",
         p.edited_at AS "editedAt", ${MICROS_OF('p.created_at')} AS "cursorMicros",
         (t.opening_post_id IS NOT DISTINCT FROM p.id) AS "isOpeningPost",
         COALESCE(r.support, 0) AS support, COALESCE(r.relate, 0) AS relate, COALESCE(r.proud, 0) AS proud,
         COALESCE(r.mine, '{}'::text[]) AS mine, mb.days AS "badgeDays", mb.label AS "badgeLabel"
    FROM posts p
    JOIN threads t ON t.id = p.thread_id
    LEFT JOIN users u ON u.id = p.author_id AND NOT p.anonymous
    LEFT JOIN LATERAL (
      -- The milestone badge, only for a signed post (u is joined only then) whose author turned it on.
      SELECT (current_date - m.since) AS days, m.label FROM milestone_dates m
      WHERE m.user_id = u.id AND m.show_badge AND NOT p.anonymous ORDER BY m.kind LIMIT 1
    ) mb ON true
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE x.kind = 'support')::int AS support,
             count(*) FILTER (WHERE x.kind = 'relate')::int AS relate,
             count(*) FILTER (WHERE x.kind = 'proud')::int AS proud,
             array_agg(x.kind::text) FILTER (WHERE x.user_id = $1::uuid) AS mine
        FROM reactions x WHERE x.post_id = p.id
    ) r ON true`;

/** Statement names of the prepared hot reads, by SQL text (the same in every process). */
const preparedNames = new Map<string, string>();

/** Content others see in a listing (hidden, held, removed and deleted threads are left out). */
const LISTED_THREAD = `t.status = 'published'`;

export interface LockedThread {
  id: string;
  boardId: string;
  boardSlug: string;
  boardArchived: boolean;
  authorId: string | null;
  status: ContentStatus;
  locked: boolean;
}

export interface NewThread {
  id: string;
  postId: string;
  boardId: string;
  authorId: string;
  title: string;
  contentWarning: string | null;
  anonymous: boolean;
  alias: string | null;
  body: string;
  html: string;
  /** 'held' when safety holds it for review: stored held from the first moment, never visible. */
  status: 'published' | 'held';
  statusReason: string | null;
}

export interface NewReply {
  id: string;
  threadId: string;
  authorId: string;
  anonymous: boolean;
  body: string;
  html: string;
  replyToId: string | null;
  contentWarning: string | null;
  status: 'published' | 'held';
  statusReason: string | null;
}

/** What a reply transaction stored: enough to build the post's view and the board announcement. */
export interface CreatedReply {
  boardSlug: string;
  boardId: string;
  /** The thread's status, read under the lock. */
  threadStatus: ContentStatus;
  alias: string | null;
  createdAt: Date;
  cursorMicros: string;
  /** The thread's counters after the reply; null when the reply does not count (held). */
  replyCount: number | null;
  lastActivityAt: Date | null;
}

/**
 * Replies that count on the thread and its board: published ones, and hidden ones waiting for a
 * moderator (they may come back). Held, removed and deleted replies do not, so a board, its
 * thread and "unanswered" agree on how many answers a reader can read.
 */
export const countsAsReply = (status: ContentStatus): boolean => status === 'published' || status === 'hidden';
const counts = countsAsReply;
/** Threads that count on their board: the ones its readers see listed (a hidden one is not). */
const threadCounts = (status: ContentStatus): boolean => status === 'published';

@Injectable()
export class ThreadsRepository {
  constructor(
    private readonly db: DataSource,
    /** Cleared after every write below (guests' cached thread pages). */
    private readonly guestPages?: GuestThreadPages,
  ) {}

  /** Runs a write, then drops cached guest pages (also when the write failed half-way). */
  private async changing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.guestPages?.clear();
    }
  }

  /**
   * A read on the hot path as a named prepared statement: PostgreSQL parses and plans it once per
   * connection instead of on every request (planning was most of these queries' server time).
   */
  private async prepared<T>(sql: string, params: unknown[]): Promise<T[]> {
    const pool = (this.db.driver as { master?: Pool } | undefined)?.master;
    if (!pool) return this.db.query(sql, params);
    let name = preparedNames.get(sql);
    if (!name) {
      name = `kindred_boards_${preparedNames.size + 1}`;
      preparedNames.set(sql, name);
    }
    const result = await pool.query({ name, text: sql, values: params });
    return result.rows as T[];
  }

  async findThread(id: string): Promise<ThreadRow | null> {
    const rows = await this.prepared<ThreadRow>(`${THREAD_SELECT} WHERE t.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** A board's threads: pinned first, then by latest activity; `limit + 1` rows. */
  listBoardThreads(
    boardId: string,
    viewer: Viewer,
    options: { after: PinnedTimeKey | null; limit: number; unanswered: boolean },
  ): Promise<ThreadRow[]> {
    const params: unknown[] = [boardId, viewer?.id ?? null, viewer?.moderator ?? false];
    const where = [`t.board_id = $1`, `(${LISTED_THREAD} OR $3 OR t.author_id = $2::uuid)`];
    if (options.unanswered) where.push(`t.reply_count = 0`);
    if (options.after) {
      params.push(options.after.pinned, options.after.micros, options.after.id);
      where.push(`(t.pinned, t.last_activity_at, t.id) < ($4, ${fromMicros('$5')}, $6::uuid)`);
    }
    params.push(options.limit + 1);
    return this.prepared<ThreadRow>(
      `${THREAD_SELECT} WHERE ${where.join(' AND ')}
       ORDER BY t.pinned DESC, t.last_activity_at DESC, t.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** Open threads nobody has answered yet, across boards; `limit + 1` rows. */
  listUnanswered(options: { after: TimeKey | null; limit: number }): Promise<ThreadRow[]> {
    const params: unknown[] = [];
    const where = [`t.reply_count = 0`, `t.status = 'published'`, `NOT t.locked`, `NOT b.archived`];
    if (options.after) {
      params.push(options.after.micros, options.after.id);
      where.push(`(t.last_activity_at, t.id) < (${fromMicros('$1')}, $2::uuid)`);
    }
    params.push(options.limit + 1);
    return this.db.query(
      `${THREAD_SELECT} WHERE ${where.join(' AND ')}
       ORDER BY t.last_activity_at DESC, t.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** A thread's posts in creation order; `limit + 1` rows. */
  listPosts(threadId: string, viewer: Viewer, options: { after: TimeKey | null; limit: number }): Promise<PostRow[]> {
    const params: unknown[] = [viewer?.id ?? null, threadId, viewer?.moderator ?? false];
    const where = [`p.thread_id = $2`, `(p.status <> 'held' OR $3 OR p.author_id = $1::uuid)`];
    if (options.after) {
      params.push(options.after.micros, options.after.id);
      where.push(`(p.created_at, p.id) > (${fromMicros('$4')}, $5::uuid)`);
    }
    params.push(options.limit + 1);
    return this.prepared<PostRow>(
      `${POST_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.created_at, p.id LIMIT $${params.length}`,
      params,
    );
  }

  async findPost(id: string, viewerId: string | null): Promise<PostRow | null> {
    const rows = await this.prepared<PostRow>(`${POST_SELECT} WHERE p.id = $2`, [viewerId, id]);
    return rows[0] ?? null;
  }

  /** The thread and the opening post in one transaction, with the board's counters. */
  async createThread(thread: NewThread): Promise<void> {
    return this.changing(async () => {
      await this.db.transaction(async (em) => {
        await em.query(
          `INSERT INTO threads (id, board_id, author_id, title, content_warning, anonymous, opening_post_id, status, status_reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            thread.id,
            thread.boardId,
            thread.authorId,
            thread.title,
            thread.contentWarning,
            thread.anonymous,
            thread.postId,
            thread.status,
            thread.statusReason,
          ],
        );
        await em.query(
          `INSERT INTO posts (id, thread_id, author_id, anonymous, alias, body, html, content_warning, status, status_reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            thread.postId,
            thread.id,
            thread.authorId,
            thread.anonymous,
            thread.alias,
            thread.body,
            thread.html,
            thread.contentWarning,
            thread.status,
            thread.statusReason,
          ],
        );
        if (threadCounts(thread.status)) {
          await em.query(`UPDATE boards SET thread_count = thread_count + 1, last_activity_at = now() WHERE id = $1`, [
            thread.boardId,
          ]);
        }
      });
    });
  }

  /**
   * One statement (the `kindred_create_reply` function, see its migration): lock the thread,
   * check it is writable, check the reply target, pick the alias under the lock from the
   * caller's candidates (first one no other member uses — two members can never take the same
   * alias), insert, bump the thread's counters and, at most once a second, the board's last
   * activity. No client round trip happens while the thread row is locked. `check` turns a
   * refusal into the caller's error; answers what was stored, so the caller needs no re-read.
   */
  async createReply(
    reply: NewReply,
    moderator: boolean,
    check: (thread: LockedThread | null) => LockedThread,
    candidates: () => string[],
    aliasFor: (own: string | null, takenByOthers: Set<string>) => string,
  ): Promise<CreatedReply> {
    let aliases = reply.anonymous ? candidates() : [];
    for (let attempt = 0; ; attempt++) {
      const [row] = (await this.changing(() =>
        this.db.query(
          `SELECT outcome, board_id AS "boardId", board_slug AS "boardSlug", board_archived AS "boardArchived",
                author_id AS "authorId", status, locked, alias, created_at AS "createdAt",
                cursor_micros AS "cursorMicros", reply_count AS "replyCount", last_activity_at AS "lastActivityAt"
           FROM kindred_create_reply($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text[], $12)`,
          [
            reply.id,
            reply.threadId,
            reply.authorId,
            reply.anonymous,
            reply.body,
            reply.html,
            reply.replyToId,
            reply.contentWarning,
            reply.status,
            reply.statusReason,
            aliases,
            moderator,
          ],
        ),
      )) as Array<
        Omit<LockedThread, 'id'> & {
          outcome: 'created' | 'missing' | 'refused' | 'target_missing' | 'no_alias';
          alias: string | null;
          createdAt: Date | null;
          cursorMicros: string | null;
          replyCount: number | null;
          lastActivityAt: Date | null;
        }
      >;
      const thread = check(row.outcome === 'missing' ? null : { ...row, id: reply.threadId });
      switch (row.outcome) {
        case 'created':
          return {
            boardSlug: thread.boardSlug,
            boardId: thread.boardId,
            threadStatus: thread.status,
            alias: row.alias,
            createdAt: row.createdAt as Date,
            cursorMicros: row.cursorMicros as string,
            replyCount: row.replyCount,
            lastActivityAt: row.lastActivityAt,
          };
        case 'target_missing':
          throw new ReplyTargetMissing();
        case 'no_alias': {
          // Every candidate is taken by someone else (practically never): the full search, then
          // the function checks that alias again under the lock.
          if (attempt >= 5) throw new Error('No free alias could be found for this reply');
          const { own, others } = await this.threadAliases(reply.threadId, reply.authorId);
          aliases = [aliasFor(own, others)];
          break;
        }
        case 'missing':
        case 'refused':
          // `check` throws for these; reaching here means the function and the rules disagree.
          throw new Error(`The thread refused the reply (${row.outcome}) but passes the rules`);
      }
    }
  }

  /** Aliases in a thread: the member's own (if they posted anonymously) and everyone else's. */
  async threadAliases(threadId: string, userId: string): Promise<{ own: string | null; others: Set<string> }> {
    const rows: Array<{ alias: string; mine: boolean }> = await this.db.query(
      `SELECT DISTINCT alias, (author_id IS NOT DISTINCT FROM $2::uuid) AS mine
         FROM posts WHERE thread_id = $1 AND anonymous`,
      [threadId, userId],
    );
    return {
      own: rows.find((r) => r.mine)?.alias ?? null,
      others: new Set(rows.filter((r) => !r.mine).map((r) => r.alias)),
    };
  }

  /**
   * An edit, and its hold when safety holds the new text, in one statement: nobody ever reads the
   * new text published, not even between two statements. A held reply stops counting (as in
   * setPostStatus), in the same statement.
   */
  async editPost(id: string, body: string, html: string, holdReason: string | null = null): Promise<void> {
    return this.changing(async () => {
      await this.db.query(
        `WITH old AS (
           SELECT p.id, p.status, p.thread_id, (t.opening_post_id IS NOT DISTINCT FROM p.id) AS opening
             FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = $1 FOR UPDATE OF p, t
         ), edited AS (
           UPDATE posts p SET body = $2, html = $3, edited_at = now(),
                  status = CASE WHEN $4::text IS NOT NULL THEN 'held' ELSE p.status END,
                  status_reason = CASE WHEN $4::text IS NOT NULL AND p.status <> 'held' THEN $4 ELSE p.status_reason END
             FROM old WHERE p.id = old.id
           RETURNING p.id
         )
         UPDATE threads t SET reply_count = greatest(t.reply_count - 1, 0)
           FROM old, edited
          WHERE t.id = old.thread_id AND $4::text IS NOT NULL AND old.status IN ('published', 'hidden')
            AND NOT old.opening`,
        [id, body, html, holdReason],
      );
    });
  }

  /**
   * The author deletes a post. `erase` also removes its words from the database (and, for an
   * opening post, the thread's title); readers see the same either way (see toPostView).
   */
  async deletePost(id: string, erase = false): Promise<void> {
    return this.changing(async () => {
      await this.db.transaction(async (em) => {
        // A deleted reply stops counting, in the same transaction (the thread row locked first).
        const [row] = (await em.query(
          `SELECT p.status, p.thread_id AS "threadId", (t.opening_post_id IS NOT DISTINCT FROM p.id) AS opening
             FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = $1 FOR UPDATE OF t, p`,
          [id],
        )) as Array<{ status: ContentStatus; threadId: string; opening: boolean }>;
        if (!row) return;
        if (erase) {
          await em.query(`UPDATE posts SET status = 'deleted', body = '', html = '' WHERE id = $1`, [id]);
          await em.query(`UPDATE threads SET title = '' WHERE opening_post_id = $1`, [id]);
        } else {
          await em.query(`UPDATE posts SET status = 'deleted' WHERE id = $1`, [id]);
        }
        if (!row.opening && countsAsReply(row.status)) {
          await em.query(`UPDATE threads SET reply_count = greatest(reply_count - 1, 0) WHERE id = $1`, [row.threadId]);
        }
      });
    });
  }

  /** Adds or removes one reaction; answers the post's new counts (without the viewer's list). */
  async setReaction(
    postId: string,
    userId: string,
    kind: ReactionKind,
    on: boolean,
  ): Promise<{ support: number; relate: number; proud: number; mine: ReactionKind[] }> {
    return this.changing(async () => {
      if (on) {
        await this.db.query(
          `INSERT INTO reactions (post_id, user_id, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [postId, userId, kind],
        );
      } else {
        await this.db.query(`DELETE FROM reactions WHERE post_id = $1 AND user_id = $2 AND kind = $3`, [
          postId,
          userId,
          kind,
        ]);
      }
      const [row] = (await this.db.query(
        `SELECT count(*) FILTER (WHERE kind = 'support')::int AS support,
                count(*) FILTER (WHERE kind = 'relate')::int AS relate,
                count(*) FILTER (WHERE kind = 'proud')::int AS proud,
                COALESCE(array_agg(kind::text) FILTER (WHERE user_id = $2), '{}'::text[]) AS mine
           FROM reactions WHERE post_id = $1`,
        [postId, userId],
      )) as Array<{ support: number; relate: number; proud: number; mine: ReactionKind[] }>;
      return row;
    });
  }

  async setThreadFlags(id: string, fields: { pinned?: boolean; locked?: boolean }): Promise<void> {
    return this.changing(async () => {
      const sets: string[] = [];
      const params: unknown[] = [id];
      if (fields.pinned !== undefined) {
        params.push(fields.pinned);
        sets.push(`pinned = $${params.length}`);
      }
      if (fields.locked !== undefined) {
        params.push(fields.locked);
        sets.push(`locked = $${params.length}`);
      }
      if (sets.length) await this.db.query(`UPDATE threads SET ${sets.join(', ')} WHERE id = $1`, params);
    });
  }

  /** Moderation: a post's status, keeping the thread's reply count in step. Null if no such post. */
  async setPostStatus(
    id: string,
    status: ContentStatus,
    reason: string | null,
  ): Promise<{ previous: ContentStatus; threadId: string; authorId: string | null } | null> {
    return this.changing(async () => {
      return this.db.transaction(async (em) => {
        const [row] = (await em.query(
          `SELECT p.status, p.thread_id AS "threadId", p.author_id AS "authorId",
                  (t.opening_post_id IS NOT DISTINCT FROM p.id) AS opening
             FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = $1 FOR UPDATE OF t, p`,
          [id],
        )) as Array<{ status: ContentStatus; threadId: string; authorId: string | null; opening: boolean }>;
        if (!row) return null;
        await em.query(`UPDATE posts SET status = $2, status_reason = $3 WHERE id = $1`, [id, status, reason]);
        const delta = Number(counts(status)) - Number(counts(row.status));
        if (!row.opening && delta !== 0) {
          await em.query(`UPDATE threads SET reply_count = greatest(reply_count + $2, 0) WHERE id = $1`, [
            row.threadId,
            delta,
          ]);
        }
        return { previous: row.status, threadId: row.threadId, authorId: row.authorId };
      });
    });
  }

  /** Moderation: a thread's status, keeping the board's thread count in step. */
  async setThreadStatus(id: string, status: ContentStatus, reason: string | null): Promise<ContentStatus | null> {
    return this.changing(async () => {
      return this.db.transaction(async (em) => {
        const [row] = (await em.query(`SELECT status, board_id AS "boardId" FROM threads WHERE id = $1 FOR UPDATE`, [
          id,
        ])) as Array<{ status: ContentStatus; boardId: string }>;
        if (!row) return null;
        await em.query(`UPDATE threads SET status = $2, status_reason = $3 WHERE id = $1`, [id, status, reason]);
        const delta = Number(threadCounts(status)) - Number(threadCounts(row.status));
        if (delta !== 0) {
          await em.query(`UPDATE boards SET thread_count = greatest(thread_count + $2, 0) WHERE id = $1`, [
            row.boardId,
            delta,
          ]);
        }
        return row.status;
      });
    });
  }

  /** Moderation: a post's content warning (the opening post's is also the thread's). */
  async setPostContentWarning(id: string, warning: string | null): Promise<boolean> {
    return this.changing(async () => {
      return this.db.transaction(async (em) => {
        const rows: Array<{ threadId: string }> = await em.query(
          `UPDATE posts SET content_warning = $2 WHERE id = $1 RETURNING thread_id AS "threadId"`,
          [id, warning],
        );
        if (rows.length === 0) return false;
        await em.query(`UPDATE threads SET content_warning = $2 WHERE opening_post_id = $1`, [id, warning]);
        return true;
      });
    });
  }
}

/** Thrown inside the reply transaction when replyToId is not a post of the thread. */
export class ReplyTargetMissing extends Error {}
