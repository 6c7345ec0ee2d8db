import { Injectable } from '@nestjs/common';
import type { BoardFollowLevel, FollowLevel, MilestoneReached, NotificationKind } from '@kindred/contracts';
import { DataSource } from 'typeorm';

export interface NotificationRow {
  id: string;
  userId: string;
  kind: NotificationKind;
  threadId: string | null;
  threadTitle: string | null;
  postId: string | null;
  noticeId: string | null;
  actorName: string | null;
  meetingId: string | null;
  meetingName: string | null;
  milestone: MilestoneReached | null;
  count: number;
  createdAt: Date;
  readAt: Date | null;
  cursorMicros: string;
}

export interface ThreadAccessRow {
  id: string;
  title: string;
  status: string;
  authorId: string | null;
  boardSlug: string;
}

const micros = (column: string): string => `(extract(epoch FROM ${column}) * 1000000)::bigint::text`;
const fromMicros = (param: string): string => `('epoch'::timestamptz + (${param})::bigint * interval '1 microsecond')`;

const SELECT = `
  SELECT n.id, n.user_id AS "userId", n.kind, n.thread_id AS "threadId",
    -- A thread taken down (hidden, held, removed) keeps its title for its author only (red-team finding).
    CASE WHEN t.status = 'published' OR (t.status <> 'deleted' AND t.author_id = n.user_id) THEN t.title END
      AS "threadTitle",
    n.post_id AS "postId", n.notice_id AS "noticeId", n.actor_name AS "actorName", n.count,
    n.meeting_id AS "meetingId", m.name AS "meetingName", n.milestone,
    n.created_at AS "createdAt", n.read_at AS "readAt", ${micros('n.created_at')} AS "cursorMicros"
  FROM notifications n LEFT JOIN threads t ON t.id = n.thread_id LEFT JOIN meetings m ON m.id = n.meeting_id`;

/**
 * The fan-out of one published post, set-based (one statement for any number of readers):
 * - `mention`: members named by username ($2) or by an alias of this thread ($3), unless muted;
 * - `reply`: whoever watches the thread, and the author of the post it answers unless muted;
 * - `thread`: for an opening post, whoever watches the board;
 * never the poster. Replies (and new threads) collapse into the reader's one unread item per
 * thread. `notified_posts` makes a re-run (a retried job, a re-approval) create nothing twice.
 * Held, hidden and removed content, and posts in threads that are not published, notify nobody.
 * Names are what the thread shows: the alias of an anonymous post, else the username.
 */
const FAN_OUT = `
  WITH claim AS (
    INSERT INTO notified_posts (post_id)
    SELECT p.id FROM posts p JOIN threads t ON t.id = p.thread_id
    WHERE p.id = $1 AND p.status = 'published' AND t.status = 'published'
    ON CONFLICT DO NOTHING RETURNING post_id
  ), p AS (
    SELECT p.id, p.thread_id, p.author_id, p.reply_to_id, t.board_id,
      (t.opening_post_id IS NOT DISTINCT FROM p.id) AS opening,
      CASE WHEN p.anonymous THEN p.alias ELSE u.username END AS actor_name
    FROM claim c JOIN posts p ON p.id = c.post_id JOIN threads t ON t.id = p.thread_id
    LEFT JOIN users u ON u.id = p.author_id AND NOT p.anonymous
  ), mentioned AS (
    SELECT m.user_id FROM (
      SELECT u.id AS user_id FROM users u WHERE lower(u.username) = ANY($2::text[])
      UNION
      SELECT q.author_id FROM p JOIN posts q ON q.thread_id = p.thread_id AND q.anonymous AND q.alias = ANY($3::text[])
    ) m CROSS JOIN p
    LEFT JOIN thread_follows f ON f.thread_id = p.thread_id AND f.user_id = m.user_id
    WHERE m.user_id IS NOT NULL AND m.user_id IS DISTINCT FROM p.author_id AND f.level IS DISTINCT FROM 'muted'
  ), replied AS (
    SELECT f.user_id FROM p JOIN thread_follows f ON f.thread_id = p.thread_id AND f.level = 'watching'
    WHERE NOT p.opening
    UNION
    SELECT rp.author_id FROM p JOIN posts rp ON rp.id = p.reply_to_id AND rp.status = 'published'
    LEFT JOIN thread_follows f ON f.thread_id = p.thread_id AND f.user_id = rp.author_id
    WHERE NOT p.opening AND rp.author_id IS NOT NULL AND f.level IS DISTINCT FROM 'muted'
  ), started AS (
    SELECT bf.user_id FROM p JOIN board_follows bf ON bf.board_id = p.board_id AND bf.level = 'watching'
    WHERE p.opening
  ), recipients AS (
    SELECT user_id, 'mention' AS kind FROM mentioned
    UNION ALL
    SELECT user_id, 'reply' FROM replied WHERE user_id NOT IN (SELECT user_id FROM mentioned)
    UNION ALL
    SELECT user_id, 'thread' FROM started WHERE user_id NOT IN (SELECT user_id FROM mentioned)
  )
  INSERT INTO notifications AS n (user_id, kind, thread_id, post_id, actor_name)
  SELECT r.user_id, r.kind, p.thread_id, p.id, p.actor_name FROM recipients r CROSS JOIN p
  WHERE r.user_id IS DISTINCT FROM p.author_id
  ON CONFLICT (user_id, thread_id, kind) WHERE read_at IS NULL AND kind IN ('reply', 'thread')
  DO UPDATE SET count = n.count + 1, actor_name = EXCLUDED.actor_name, created_at = clock_timestamp()
  RETURNING n.id`;

export interface PostForFanOut {
  body: string;
  newMember: boolean;
  /** Every alias shown in the post's thread (for telling "@Quiet Heron" from a username). */
  aliases: string[];
}

/** The notification centre's SQL; the fan-out is set-based (one statement for any number of readers). */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  /** What the job needs to read mentions; null when the post is gone. */
  async postForFanOut(postId: string, newMemberHours: number): Promise<PostForFanOut | null> {
    const rows: PostForFanOut[] = await this.db.query(
      `SELECT p.body, coalesce(u.created_at > now() - $2::int * interval '1 hour', false) AS "newMember",
         ARRAY(SELECT DISTINCT q.alias FROM posts q WHERE q.thread_id = p.thread_id AND q.anonymous) AS aliases
       FROM posts p LEFT JOIN users u ON u.id = p.author_id WHERE p.id = $1`,
      [postId, newMemberHours],
    );
    return rows[0] ?? null;
  }

  /** Creates (or grows) the notifications of one post; returns their ids. */
  async fanOutPost(postId: string, usernames: string[], aliases: string[]): Promise<string[]> {
    const rows = (await this.db.query(FAN_OUT, [postId, usernames, aliases])) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  /**
   * A session's lobby opened: one stored `meeting_opening` for every member who RSVP'd, in one
   * statement (the unique index on (user_id, session_id) makes a second run create nothing).
   */
  async meetingOpening(sessionId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO notifications (user_id, kind, meeting_id, session_id)
       SELECT r.user_id, 'meeting_opening', s.meeting_id, s.id
       FROM meeting_rsvps r JOIN meeting_sessions s ON s.id = r.session_id
       WHERE r.session_id = $1
       ON CONFLICT (user_id, session_id) WHERE session_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [sessionId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Items with each owner's unread count and saved language (null: not chosen), for live delivery:
   * one statement for the whole batch.
   */
  async findWithUnread(
    ids: string[],
  ): Promise<Array<NotificationRow & { unread: number; ownerLocale: string | null }>> {
    if (ids.length === 0) return [];
    const rows: Array<NotificationRow & { unread: string; ownerLocale: string | null }> = await this.db.query(
      `WITH items AS (${SELECT} WHERE n.id = ANY($1::uuid[])),
         counts AS (SELECT user_id, count(*) AS unread FROM notifications
                    WHERE user_id IN (SELECT "userId" FROM items) AND read_at IS NULL GROUP BY user_id)
       SELECT items.*, coalesce(counts.unread, 0) AS unread, u.locale AS "ownerLocale"
       FROM items LEFT JOIN counts ON counts.user_id = items."userId" JOIN users u ON u.id = items."userId"`,
      [ids],
    );
    return rows.map((r) => ({ ...r, unread: Number(r.unread) }));
  }

  /** One page of the centre, newest first (keyset on notifications_user_keyset_idx). */
  listForUser(userId: string, after: { micros: string; id: string } | null, limit: number): Promise<NotificationRow[]> {
    const params: unknown[] = [userId, limit];
    let where = `n.user_id = $1`;
    if (after) {
      params.push(after.micros, after.id);
      where += ` AND (n.created_at, n.id) < (${fromMicros('$3')}, $4::uuid)`;
    }
    return this.db.query(`${SELECT} WHERE ${where} ORDER BY n.created_at DESC, n.id DESC LIMIT $2`, params);
  }

  async countUnread(userId: string): Promise<number> {
    const rows: Array<{ count: string }> = await this.db.query(
      `SELECT count(*) AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return Number(rows[0].count);
  }

  /** Marks the member's own items read (ids null: all); returns the unread count after. */
  async markRead(userId: string, ids: string[] | null): Promise<number> {
    const rows: Array<{ count: string }> = await this.db.query(
      `WITH done AS (
         UPDATE notifications SET read_at = now()
         WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) RETURNING id)
       SELECT count(*) - (SELECT count(*) FROM done) AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId, ids],
    );
    return Number(rows[0].count);
  }

  /**
   * The names a thread shows that start with `prefix` (case-insensitive): the aliases of its
   * published anonymous posts and the usernames of its published signed ones. Only strings the
   * thread already displays, so nothing here links an alias to anyone. Aliases first, at most 8.
   */
  mentionable(threadId: string, prefix: string): Promise<Array<{ name: string; type: 'alias' | 'username' }>> {
    const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.db.query(
      `SELECT name, type FROM (
         SELECT DISTINCT p.alias AS name, 'alias' AS type FROM posts p
         WHERE p.thread_id = $1 AND p.anonymous AND p.status = 'published' AND p.alias ILIKE $2
         UNION
         SELECT DISTINCT u.username, 'username' FROM posts p JOIN users u ON u.id = p.author_id
         WHERE p.thread_id = $1 AND NOT p.anonymous AND p.status = 'published' AND u.username ILIKE $2
       ) x ORDER BY type, lower(name) LIMIT 8`,
      [threadId, like],
    );
  }

  async findThread(threadId: string): Promise<ThreadAccessRow | null> {
    const rows: ThreadAccessRow[] = await this.db.query(
      `SELECT t.id, t.title, t.status, t.author_id AS "authorId", b.slug AS "boardSlug"
       FROM threads t JOIN boards b ON b.id = t.board_id WHERE t.id = $1`,
      [threadId],
    );
    return rows[0] ?? null;
  }

  async findBoard(slug: string): Promise<{ id: string; slug: string } | null> {
    const rows: Array<{ id: string; slug: string }> = await this.db.query(
      `SELECT id, slug FROM boards WHERE slug = $1`,
      [slug],
    );
    return rows[0] ?? null;
  }

  async autoWatch(userId: string): Promise<boolean> {
    const rows: Array<{ autoWatch: boolean }> = await this.db.query(
      `SELECT auto_watch AS "autoWatch" FROM users WHERE id = $1`,
      [userId],
    );
    return rows[0]?.autoWatch ?? true;
  }

  async setAutoWatch(userId: string, on: boolean): Promise<void> {
    await this.db.query(`UPDATE users SET auto_watch = $2 WHERE id = $1`, [userId, on]);
  }

  async setThreadFollow(userId: string, threadId: string, level: FollowLevel): Promise<void> {
    await this.db.query(
      `INSERT INTO thread_follows (user_id, thread_id, level) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, thread_id) DO UPDATE SET level = EXCLUDED.level`,
      [userId, threadId, level],
    );
  }

  async threadFollow(userId: string, threadId: string): Promise<FollowLevel | null> {
    const rows: Array<{ level: FollowLevel }> = await this.db.query(
      `SELECT level FROM thread_follows WHERE user_id = $1 AND thread_id = $2`,
      [userId, threadId],
    );
    return rows[0]?.level ?? null;
  }

  async boardFollow(userId: string, boardId: string): Promise<BoardFollowLevel> {
    const rows: Array<{ level: BoardFollowLevel }> = await this.db.query(
      `SELECT level FROM board_follows WHERE user_id = $1 AND board_id = $2`,
      [userId, boardId],
    );
    return rows[0]?.level ?? 'normal';
  }

  /** 'normal' for a board is the same as not following it. */
  async setBoardFollow(userId: string, boardId: string, level: BoardFollowLevel): Promise<void> {
    if (level === 'normal') {
      await this.db.query(`DELETE FROM board_follows WHERE user_id = $1 AND board_id = $2`, [userId, boardId]);
      return;
    }
    await this.db.query(
      `INSERT INTO board_follows (user_id, board_id, level) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, board_id) DO UPDATE SET level = EXCLUDED.level`,
      [userId, boardId, level],
    );
  }

  /** `locale`: the boards' names are read in it where they have a translation. */
  following(
    userId: string,
    locale: string,
  ): Promise<{
    threads: Array<{ id: string; title: string; boardSlug: string; level: FollowLevel }>;
    boards: Array<{ slug: string; name: string; level: BoardFollowLevel }>;
  }> {
    return this.db
      .query(
        `SELECT
           coalesce((SELECT json_agg(x ORDER BY x."lastActivityAt" DESC) FROM (
             SELECT t.id, t.title, b.slug AS "boardSlug", f.level, t.last_activity_at AS "lastActivityAt"
             FROM thread_follows f JOIN threads t ON t.id = f.thread_id JOIN boards b ON b.id = t.board_id
             WHERE f.user_id = $1 AND (t.status = 'published' OR (t.status <> 'deleted' AND t.author_id = $1))
             ORDER BY t.last_activity_at DESC LIMIT 200) x), '[]') AS threads,
           coalesce((SELECT json_agg(y ORDER BY y.name) FROM (
             SELECT b.slug, coalesce(b.translations -> $2::text ->> 'name', b.name) AS name, f.level
             FROM board_follows f JOIN boards b ON b.id = f.board_id
             WHERE f.user_id = $1) y), '[]') AS boards`,
        [userId, locale],
      )
      .then((rows: Array<{ threads: never; boards: never }>) => {
        const threads = (
          rows[0].threads as Array<{ id: string; title: string; boardSlug: string; level: FollowLevel }>
        ).map(({ id, title, boardSlug, level }) => ({ id, title, boardSlug, level }));
        return { threads, boards: rows[0].boards };
      });
  }
}
