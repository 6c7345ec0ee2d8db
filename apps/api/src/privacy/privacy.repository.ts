import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExportDocument } from '@kindred/contracts';
import { DataSource, type EntityManager } from 'typeorm';

type Rows<K extends keyof ExportDocument> = ExportDocument[K];

const iso = (value: Date): string => value.toISOString();

/**
 * Everything tied to one account, across features. Each feature's tables are read only when
 * they exist (to_regclass), so export and deletion keep working whichever features are present.
 */
@Injectable()
export class PrivacyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private async existing(tables: string[], m: EntityManager = this.db.manager): Promise<Set<string>> {
    const rows: Array<{ name: string }> = await m.query(
      `SELECT t AS name FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NOT NULL`,
      [tables],
    );
    return new Set(rows.map((r) => r.name));
  }

  /**
   * One export section: the rows of `sql` (which names its columns as the contract does) for
   * this user, with every timestamp as an ISO string; empty when a table it reads is missing.
   */
  private async section<T>(tables: string[], sql: string, userId: string): Promise<T[]> {
    if ((await this.existing(tables)).size < tables.length) return [];
    const rows: Array<Record<string, unknown>> = await this.db.query(sql, [userId]);
    for (const row of rows) {
      for (const [key, value] of Object.entries(row)) if (value instanceof Date) row[key] = iso(value);
    }
    return rows as T[];
  }

  threads(userId: string): Promise<Rows<'threads'>> {
    return this.section(
      ['threads', 'boards', 'posts'],
      `SELECT t.id, b.slug AS board, t.title, t.anonymous,
              CASE WHEN t.anonymous THEN op.alias END AS alias, t.status, t.created_at AS "createdAt"
         FROM threads t
         JOIN boards b ON b.id = t.board_id
         LEFT JOIN posts op ON op.id = t.opening_post_id
        WHERE t.author_id = $1
        ORDER BY t.created_at, t.id`,
      userId,
    );
  }

  posts(userId: string): Promise<Rows<'posts'>> {
    return this.section(
      ['posts', 'threads'],
      `SELECT p.id, p.thread_id AS "threadId", t.title AS "threadTitle", p.anonymous,
              CASE WHEN p.anonymous THEN p.alias END AS alias, p.body, p.status,
              p.created_at AS "createdAt", p.edited_at AS "editedAt"
         FROM posts p
         JOIN threads t ON t.id = p.thread_id
        WHERE p.author_id = $1
        ORDER BY p.created_at, p.id`,
      userId,
    );
  }

  reactions(userId: string): Promise<Rows<'reactions'>> {
    return this.section(
      ['reactions'],
      `SELECT post_id AS "postId", kind, created_at AS "createdAt"
         FROM reactions WHERE user_id = $1 ORDER BY created_at, post_id`,
      userId,
    );
  }

  flags(userId: string): Promise<Rows<'flags'>> {
    return this.section(
      ['flags'],
      `SELECT target_type AS "targetType", target_id AS "targetId", reason, note, status,
              created_at AS "createdAt"
         FROM flags WHERE flagger_id = $1 ORDER BY created_at, id`,
      userId,
    );
  }

  rsvps(userId: string): Promise<Rows<'rsvps'>> {
    return this.section(
      ['meeting_rsvps', 'meeting_sessions', 'meetings'],
      `SELECT r.session_id AS "sessionId", m.name AS meeting, s.starts_at AS "startsAt",
              r.created_at AS "createdAt"
         FROM meeting_rsvps r
         JOIN meeting_sessions s ON s.id = r.session_id
         JOIN meetings m ON m.id = s.meeting_id
        WHERE r.user_id = $1
        ORDER BY s.starts_at, r.session_id`,
      userId,
    );
  }

  chatMessages(userId: string): Promise<Rows<'chatMessages'>> {
    return this.section(
      ['chat_messages', 'meeting_sessions', 'meetings'],
      `SELECT c.session_id AS "sessionId", m.name AS meeting, c.display_name AS "displayName", c.body,
              c.created_at AS "createdAt"
         FROM chat_messages c
         JOIN meeting_sessions s ON s.id = c.session_id
         JOIN meetings m ON m.id = s.meeting_id
        WHERE c.author_id = $1
        ORDER BY c.created_at, c.id`,
      userId,
    );
  }

  milestones(userId: string): Promise<Rows<'milestones'>> {
    return this.section(
      ['milestone_dates'],
      `SELECT kind, label, to_char(since, 'YYYY-MM-DD') AS since, show_badge AS "showBadge"
         FROM milestone_dates WHERE user_id = $1 ORDER BY kind`,
      userId,
    );
  }

  notices(userId: string): Promise<Rows<'notices'>> {
    return this.section(
      ['notices'],
      `SELECT kind, reason, message, excerpt, created_at AS "createdAt", read_at AS "readAt"
         FROM notices WHERE user_id = $1 ORDER BY created_at, id`,
      userId,
    );
  }

  /**
   * Deletes the account in one transaction. Content rows keep existing with author_id set to
   * NULL by their foreign keys ("former member"; anonymous posts keep their alias), and chat
   * rows shown under the username say "Former member" (the username does not outlive the
   * account). With `erase`, every post and chat message is queued for erasure, each at its own
   * random moment within `windowSeconds`: nothing a reader sees changes now, and later each one
   * changes alone, exactly as a post its author deleted by hand (see PrivacyEraser). Returns
   * false when the account was already gone.
   */
  deleteAccount(userId: string, erase: boolean, windowSeconds: number): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const have = await this.existing(['posts', 'chat_messages', 'meeting_actions', 'erasures', 'notifications'], m);
      if (erase && have.has('erasures')) {
        const due = `now() + random() * ($2::int * interval '1 second')`;
        if (have.has('posts')) {
          await m.query(
            `INSERT INTO erasures (target_type, target_id, due_at)
             SELECT 'post', id, ${due} FROM posts WHERE author_id = $1 AND status <> 'deleted'
             ON CONFLICT DO NOTHING`,
            [userId, windowSeconds],
          );
        }
        if (have.has('chat_messages')) {
          await m.query(
            `INSERT INTO erasures (target_type, target_id, due_at)
             SELECT 'chat_message', id, ${due} FROM chat_messages WHERE author_id = $1 AND status = 'visible'
             ON CONFLICT DO NOTHING`,
            [userId, windowSeconds],
          );
        }
      }
      const [account] = (await m.query(`SELECT username FROM users WHERE id = $1`, [userId])) as Array<{
        username: string;
      }>;
      if (account && have.has('chat_messages')) {
        await m.query(
          `UPDATE chat_messages SET display_name = 'Former member' WHERE author_id = $1 AND display_name = $2`,
          [userId, account.username],
        );
      }
      if (account && have.has('meeting_actions')) {
        await m.query(
          `UPDATE meeting_actions SET target_display_name = 'Former member' WHERE target_display_name = $1`,
          [account.username],
        );
      }
      if (account && have.has('notifications')) {
        // Other members' notifications named the author of signed replies by username (an alias
        // has a space, a username never does, so only the username is matched).
        await m.query(`UPDATE notifications SET actor_name = 'Former member' WHERE actor_name = $1`, [
          account.username,
        ]);
      }
      const result: [unknown, number] = await m.query(`DELETE FROM users WHERE id = $1`, [userId]);
      return result[1] > 0;
    });
  }

  /**
   * Takes up to `limit` erasures that are due (another process never takes the same ones) and
   * erases the chat messages among them; answers the post ids, which the boards erase.
   */
  takeDueErasures(limit: number): Promise<{ posts: string[]; chatMessages: number }> {
    return this.db.transaction(async (m) => {
      // A DELETE … RETURNING answers [rows, count] through TypeORM.
      const [rows] = (await m.query(
        `DELETE FROM erasures WHERE (target_type, target_id) IN (
           SELECT target_type, target_id FROM erasures WHERE due_at <= now()
            ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING target_type AS type, target_id AS id`,
        [limit],
      )) as [Array<{ type: string; id: string }>, number];
      const chat = rows.filter((r) => r.type === 'chat_message').map((r) => r.id);
      if (chat.length > 0) {
        // As a message a facilitator removed: no text, no reason (a reason would mark it as erased).
        await m.query(
          `UPDATE chat_messages SET body = '', status = 'removed', removed_reason = NULL WHERE id = ANY($1::uuid[])`,
          [chat],
        );
      }
      return { posts: rows.filter((r) => r.type === 'post').map((r) => r.id), chatMessages: chat.length };
    });
  }
}
