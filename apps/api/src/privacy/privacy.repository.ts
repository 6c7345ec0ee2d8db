import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExportDocument } from '@kindred/contracts';
import { DataSource, type EntityManager } from 'typeorm';

type Rows<K extends keyof ExportDocument> = ExportDocument[K];

const iso = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString();

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

  async threads(userId: string): Promise<Rows<'threads'>> {
    if (!(await this.existing(['threads', 'boards', 'posts'])).has('threads')) return [];
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT t.id, b.slug AS board, t.title, t.anonymous, op.alias, t.status, t.created_at
         FROM threads t
         JOIN boards b ON b.id = t.board_id
         LEFT JOIN posts op ON op.id = t.opening_post_id
        WHERE t.author_id = $1
        ORDER BY t.created_at, t.id`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      board: r.board as string,
      title: r.title as string,
      anonymous: r.anonymous as boolean,
      alias: r.anonymous ? ((r.alias as string | null) ?? null) : null,
      status: r.status as string,
      createdAt: iso(r.created_at as Date)!,
    }));
  }

  async posts(userId: string): Promise<Rows<'posts'>> {
    if (!(await this.existing(['posts'])).has('posts')) return [];
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT p.id, p.thread_id, t.title AS thread_title, p.anonymous, p.alias, p.body, p.status,
              p.created_at, p.edited_at
         FROM posts p
         JOIN threads t ON t.id = p.thread_id
        WHERE p.author_id = $1
        ORDER BY p.created_at, p.id`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      threadId: r.thread_id as string,
      threadTitle: r.thread_title as string,
      anonymous: r.anonymous as boolean,
      alias: r.anonymous ? ((r.alias as string | null) ?? null) : null,
      body: r.body as string,
      status: r.status as string,
      createdAt: iso(r.created_at as Date)!,
      editedAt: iso(r.edited_at as Date | null),
    }));
  }

  async reactions(userId: string): Promise<Rows<'reactions'>> {
    if (!(await this.existing(['reactions'])).has('reactions')) return [];
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT post_id, kind, created_at FROM reactions WHERE user_id = $1 ORDER BY created_at, post_id`,
      [userId],
    );
    return rows.map((r) => ({
      postId: r.post_id as string,
      kind: r.kind as string,
      createdAt: iso(r.created_at as Date)!,
    }));
  }

  async flags(userId: string): Promise<Rows<'flags'>> {
    if (!(await this.existing(['flags'])).has('flags')) return [];
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT target_type, target_id, reason, note, status, created_at
         FROM flags WHERE flagger_id = $1 ORDER BY created_at, id`,
      [userId],
    );
    return rows.map((r) => ({
      targetType: r.target_type as string,
      targetId: r.target_id as string,
      reason: r.reason as string,
      note: (r.note as string | null) ?? null,
      status: r.status as string,
      createdAt: iso(r.created_at as Date)!,
    }));
  }

  async rsvps(userId: string): Promise<Rows<'rsvps'>> {
    const have = await this.existing(['meeting_rsvps', 'meeting_sessions', 'meetings']);
    if (have.size < 3) return [];
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT r.session_id, m.name, s.starts_at, r.created_at
         FROM meeting_rsvps r
         JOIN meeting_sessions s ON s.id = r.session_id
         JOIN meetings m ON m.id = s.meeting_id
        WHERE r.user_id = $1
        ORDER BY s.starts_at, r.session_id`,
      [userId],
    );
    return rows.map((r) => ({
      sessionId: r.session_id as string,
      meeting: r.name as string,
      startsAt: iso(r.starts_at as Date)!,
      createdAt: iso(r.created_at as Date)!,
    }));
  }

  async chatMessages(userId: string): Promise<Rows<'chatMessages'>> {
    const have = await this.existing(['chat_messages', 'meeting_sessions', 'meetings']);
    if (have.size < 3) return [];
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT c.session_id, m.name, c.display_name, c.body, c.created_at
         FROM chat_messages c
         JOIN meeting_sessions s ON s.id = c.session_id
         JOIN meetings m ON m.id = s.meeting_id
        WHERE c.author_id = $1
        ORDER BY c.created_at, c.id`,
      [userId],
    );
    return rows.map((r) => ({
      sessionId: r.session_id as string,
      meeting: r.name as string,
      displayName: r.display_name as string,
      body: r.body as string,
      createdAt: iso(r.created_at as Date)!,
    }));
  }

  async notices(userId: string): Promise<Rows<'notices'>> {
    if (!(await this.existing(['notices'])).has('notices')) return [];
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT kind, reason, message, excerpt, created_at, read_at
         FROM notices WHERE user_id = $1 ORDER BY created_at, id`,
      [userId],
    );
    return rows.map((r) => ({
      kind: r.kind as string,
      reason: (r.reason as string | null) ?? null,
      message: (r.message as string | null) ?? null,
      excerpt: (r.excerpt as string | null) ?? null,
      createdAt: iso(r.created_at as Date)!,
      readAt: iso(r.read_at as Date | null),
    }));
  }

  /**
   * Deletes the account in one transaction. Content rows keep existing with author_id set to
   * NULL by their foreign keys ("former member"; anonymous posts keep their alias). With
   * `erase`, every post, thread title and chat message they wrote first becomes "deleted".
   * Returns false when the account was already gone.
   */
  deleteAccount(userId: string, erase: boolean): Promise<boolean> {
    return this.db.transaction(async (m) => {
      if (erase) {
        const have = await this.existing(['posts', 'threads', 'chat_messages'], m);
        if (have.has('posts')) {
          await m.query(
            `UPDATE posts SET body = 'deleted', html = '<p>deleted</p>', edited_at = now() WHERE author_id = $1`,
            [userId],
          );
        }
        if (have.has('threads')) {
          await m.query(`UPDATE threads SET title = 'deleted' WHERE author_id = $1`, [userId]);
        }
        if (have.has('chat_messages')) {
          await m.query(`UPDATE chat_messages SET body = 'deleted' WHERE author_id = $1`, [userId]);
        }
      }
      const result: [unknown, number] = await m.query(`DELETE FROM users WHERE id = $1`, [userId]);
      return result[1] > 0;
    });
  }
}
