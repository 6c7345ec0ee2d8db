import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ChatMessageRow {
  id: string;
  sessionId: string;
  meetingId: string;
  meetingName: string;
  authorId: string | null;
  body: string;
  /** `blocked`: refused by the safety rules when sent; never delivered, kept for review only. */
  status: 'visible' | 'removed' | 'blocked';
  createdAt: Date;
}

/**
 * Reads and updates the meetings feature's chat_messages for moderation. The meetings module
 * exports no moderation port, so this small repository is the one place moderation touches
 * that table (status and removed_reason only).
 */
@Injectable()
export class ChatMessagesRepository {
  constructor(private readonly db: DataSource) {}

  async find(id: string): Promise<ChatMessageRow | null> {
    const rows: ChatMessageRow[] = await this.db.query(
      `SELECT c.id, c.session_id AS "sessionId", s.meeting_id AS "meetingId", m.name AS "meetingName",
         c.author_id AS "authorId", c.body, c.status, c.created_at AS "createdAt"
       FROM chat_messages c JOIN meeting_sessions s ON s.id = c.session_id JOIN meetings m ON m.id = s.meeting_id
       WHERE c.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Up to `each` messages before and after, in order, for context. */
  surrounding(message: ChatMessageRow, each: number): Promise<Array<{ id: string; body: string; createdAt: Date }>> {
    return this.db.query(
      `(SELECT id, body, created_at AS "createdAt" FROM chat_messages
          WHERE session_id = $1 AND (created_at, id) < ($2, $3) AND status = 'visible'
          ORDER BY created_at DESC, id DESC LIMIT ${each})
       UNION ALL
       (SELECT id, body, created_at AS "createdAt" FROM chat_messages WHERE id = $3)
       UNION ALL
       (SELECT id, body, created_at AS "createdAt" FROM chat_messages
          WHERE session_id = $1 AND (created_at, id) > ($2, $3) AND status = 'visible'
          ORDER BY created_at, id LIMIT ${each})
       ORDER BY "createdAt", id`,
      [message.sessionId, message.createdAt, message.id],
    );
  }

  /** A blocked message stays blocked: approving or restoring it never delivers it late. */
  async setStatus(id: string, status: 'visible' | 'removed', reason: string | null): Promise<void> {
    await this.db.query(
      `UPDATE chat_messages SET status = $2, removed_reason = $3 WHERE id = $1 AND status <> 'blocked'`,
      [id, status, reason],
    );
  }
}
