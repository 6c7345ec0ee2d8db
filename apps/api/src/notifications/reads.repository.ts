import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ReadRow {
  lastReadPostId: string | null;
  firstUnreadPostId: string | null;
  unread: number;
}

/** Per member per thread, the last post read; counts of posts after it (range scans on posts_thread_keyset_idx). */
@Injectable()
export class ReadsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Moves the mark forward to a published post of this thread (never back). Returns false when
   * the post is not one of the thread's.
   */
  async markRead(userId: string, threadId: string, postId: string): Promise<boolean> {
    const rows: Array<{ found: boolean }> = await this.db.query(
      `WITH post AS (SELECT id, created_at FROM posts WHERE id = $3 AND thread_id = $2 AND status <> 'deleted'),
         up AS (
           INSERT INTO thread_reads AS r (user_id, thread_id, last_post_id, last_post_at)
           SELECT $1, $2, id, created_at FROM post
           ON CONFLICT (user_id, thread_id) DO UPDATE
             SET last_post_id = EXCLUDED.last_post_id, last_post_at = EXCLUDED.last_post_at, updated_at = now()
             WHERE (EXCLUDED.last_post_at, EXCLUDED.last_post_id) > (r.last_post_at, r.last_post_id)
           RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM post) AS found`,
      [userId, threadId, postId],
    );
    return rows[0]?.found ?? false;
  }

  /** One statement: the mark, the first published post after it, and how many there are. */
  async readState(userId: string, threadId: string): Promise<ReadRow> {
    const rows: ReadRow[] = await this.db.query(
      `SELECT r.last_post_id AS "lastReadPostId",
         (SELECT p.id FROM posts p WHERE p.thread_id = r.thread_id AND p.status = 'published'
            AND (p.created_at, p.id) > (r.last_post_at, r.last_post_id) ORDER BY p.created_at, p.id LIMIT 1)
           AS "firstUnreadPostId",
         (SELECT count(*)::int FROM posts p WHERE p.thread_id = r.thread_id AND p.status = 'published'
            AND (p.created_at, p.id) > (r.last_post_at, r.last_post_id)) AS unread
       FROM thread_reads r WHERE r.user_id = $1 AND r.thread_id = $2`,
      [userId, threadId],
    );
    return rows[0] ?? { lastReadPostId: null, firstUnreadPostId: null, unread: 0 };
  }

  /** New posts per thread, for the threads of a list the member has read before (one statement). */
  async unreadCounts(userId: string, threadIds: string[]): Promise<Record<string, number>> {
    const rows: Array<{ threadId: string; unread: number }> = await this.db.query(
      `SELECT r.thread_id AS "threadId",
         (SELECT count(*)::int FROM posts p WHERE p.thread_id = r.thread_id AND p.status = 'published'
            AND (p.created_at, p.id) > (r.last_post_at, r.last_post_id)) AS unread
       FROM thread_reads r WHERE r.user_id = $1 AND r.thread_id = ANY($2::uuid[])`,
      [userId, threadIds],
    );
    return Object.fromEntries(rows.filter((r) => r.unread > 0).map((r) => [r.threadId, r.unread]));
  }
}
