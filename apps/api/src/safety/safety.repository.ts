import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DetectionHit, ModerationTargetType, QueuePriority } from '@kindred/contracts';
import { DataSource } from 'typeorm';

export interface RecentActivity {
  /** Threads started in the last 24 h, and when the oldest of them was. */
  threads: number;
  oldestThreadAt: Date | null;
  /** Replies (not opening posts) in the last 24 h, and the oldest. */
  replies: number;
  oldestReplyAt: Date | null;
  /** The latest post of any kind. */
  lastPostAt: Date | null;
}

@Injectable()
export class SafetyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Which of these mentions name someone on Kindred: usernames (lower-cased) of existing members,
   * and aliases shown in the thread. Usernames are public (member pages) and aliases are on the
   * page, so this tells a writer nothing they could not see.
   */
  async mentionTargets(usernames: string[], aliases: string[], threadId: string | null): Promise<Set<string>> {
    const rows: Array<{ name: string }> = await this.db.query(
      `SELECT lower(u.username) AS name FROM users u WHERE lower(u.username) = ANY($1::text[])
       UNION
       SELECT DISTINCT p.alias FROM posts p WHERE $3::uuid IS NOT NULL AND p.thread_id = $3 AND p.anonymous
         AND p.alias = ANY($2::text[])`,
      [usernames, aliases, threadId],
    );
    return new Set(rows.map((r) => r.name));
  }

  /** What the new-member limits count, from the boards tables. */
  async recentActivity(userId: string): Promise<RecentActivity> {
    const rows: Array<Record<string, string | Date | null>> = await this.db.query(
      `SELECT
         (SELECT count(*) FROM threads WHERE author_id = $1 AND created_at > now() - interval '24 hours') AS threads,
         (SELECT min(created_at) FROM threads WHERE author_id = $1 AND created_at > now() - interval '24 hours') AS oldest_thread,
         (SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id
           WHERE p.author_id = $1 AND p.id IS DISTINCT FROM t.opening_post_id
             AND p.created_at > now() - interval '24 hours') AS replies,
         (SELECT min(p.created_at) FROM posts p JOIN threads t ON t.id = p.thread_id
           WHERE p.author_id = $1 AND p.id IS DISTINCT FROM t.opening_post_id
             AND p.created_at > now() - interval '24 hours') AS oldest_reply,
         (SELECT max(created_at) FROM posts WHERE author_id = $1) AS last_post`,
      [userId],
    );
    const r = rows[0];
    const date = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));
    return {
      threads: Number(r.threads),
      oldestThreadAt: date(r.oldest_thread),
      replies: Number(r.replies),
      oldestReplyAt: date(r.oldest_reply),
      lastPostAt: date(r.last_post),
    };
  }

  /**
   * Puts detection hits on the target's open queue item (creating it when there is none),
   * raising its priority when the new hits are more urgent. Returns the item id.
   */
  async recordDetection(
    targetType: ModerationTargetType,
    targetId: string,
    priority: QueuePriority,
    hits: DetectionHit[],
  ): Promise<string> {
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO moderation_items (kind, target_type, target_id, priority, detection)
       VALUES ('flag', $1, $2, $3, $4::jsonb)
       ON CONFLICT (target_type, target_id) WHERE status = 'open' AND kind = 'flag'
       DO UPDATE SET
         detection = moderation_items.detection || EXCLUDED.detection,
         last_flagged_at = now(),
         -- A new urgent detection (an edit, a new message) asks for a new check on the person.
         crisis_checked = moderation_items.crisis_checked AND EXCLUDED.priority <> 'urgent',
         priority = CASE
           WHEN EXCLUDED.priority_rank < moderation_items.priority_rank THEN EXCLUDED.priority
           ELSE moderation_items.priority END
       RETURNING id`,
      [targetType, targetId, priority, JSON.stringify(hits)],
    );
    return rows[0].id;
  }
}
