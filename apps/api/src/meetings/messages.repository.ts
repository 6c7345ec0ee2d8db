import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { ChatMessageEntity } from './entities/chat-message.entity.js';

export type NewMessage = Pick<
  ChatMessageEntity,
  'sessionId' | 'authorId' | 'displayName' | 'isFacilitator' | 'clientId' | 'body'
> & {
  /** `blocked`: refused by the safety rules and kept only for the moderators (never delivered). */
  status?: 'visible' | 'blocked';
};

/** Chat messages: one insert per message, keyset reads by (created_at, id). */
@Injectable()
export class MessagesRepository {
  constructor(
    @InjectRepository(ChatMessageEntity) private readonly repo: Repository<ChatMessageEntity>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /**
   * Stores a message once per (session, author, clientId). `created` is false when the same
   * clientId was already stored; the stored message is returned then.
   */
  async insertOnce(message: NewMessage): Promise<{ message: ChatMessageEntity; created: boolean }> {
    const status = message.status ?? 'visible';
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO chat_messages (session_id, author_id, display_name, is_facilitator, client_id, body, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (session_id, author_id, client_id) DO NOTHING
       RETURNING id, created_at`,
      [
        message.sessionId,
        message.authorId,
        message.displayName,
        message.isFacilitator,
        message.clientId,
        message.body,
        status,
      ],
    );
    if (rows.length > 0) {
      const row = rows[0] as { id: string; created_at: Date };
      return {
        created: true,
        message: this.repo.create({
          ...message,
          id: row.id,
          createdAt: row.created_at,
          status,
          removedReason: null,
        }),
      };
    }
    const existing = await this.findByClientId(message.sessionId, message.authorId ?? '', message.clientId);
    if (!existing) throw new Error('Idempotent insert found neither a new nor an existing message');
    return { created: false, message: existing };
  }

  findByClientId(sessionId: string, authorId: string, clientId: string): Promise<ChatMessageEntity | null> {
    return this.repo.findOne({ where: { sessionId, authorId, clientId } });
  }

  findById(id: string): Promise<ChatMessageEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  /** The last `limit` messages of a session, oldest first (never a blocked one). */
  async latest(sessionId: string, limit: number): Promise<ChatMessageEntity[]> {
    const rows = await this.repo
      .createQueryBuilder('m')
      .where('m.session_id = :sessionId', { sessionId })
      .andWhere(`m.status <> 'blocked'`)
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(limit)
      .getMany();
    return rows.reverse();
  }

  /** Messages after `afterId` in the same session, oldest first (never a blocked one); null when afterId is not in it. */
  async after(sessionId: string, afterId: string, limit: number): Promise<ChatMessageEntity[] | null> {
    const anchor = await this.repo.findOne({ where: { id: afterId, sessionId } });
    if (!anchor) return null;
    return (
      this.repo
        .createQueryBuilder('m')
        .where('m.session_id = :sessionId', { sessionId })
        .andWhere(`m.status <> 'blocked'`)
        // Compared in SQL: created_at has microseconds, a JS Date only milliseconds.
        .andWhere('(m.created_at, m.id) > (SELECT a.created_at, a.id FROM chat_messages a WHERE a.id = :id)', {
          id: anchor.id,
        })
        .orderBy('m.created_at', 'ASC')
        .addOrderBy('m.id', 'ASC')
        .limit(limit)
        .getMany()
    );
  }

  async markRemoved(id: string, reason: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `UPDATE chat_messages SET status = 'removed', removed_reason = $2 WHERE id = $1 AND status = 'visible' RETURNING id`,
      [id, reason],
    );
    return rows.length > 0;
  }

  /**
   * Deletes the messages of sessions that ended more than `hours` ago, keeping any message under
   * an open flag (when the moderation tables exist). Returns how many were deleted.
   */
  async deleteExpired(hours: number, now: Date): Promise<number> {
    const [{ flags }] = (await this.db.query(`SELECT to_regclass('flags') IS NOT NULL AS flags`)) as Array<{
      flags: boolean;
    }>;
    const keepFlagged = flags
      ? `AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.target_type = 'message' AND f.target_id = m.id AND f.status = 'open')`
      : '';
    const result: [unknown[], number] = await this.db.query(
      `DELETE FROM chat_messages m USING meeting_sessions s
       WHERE m.session_id = s.id
         AND coalesce(s.ended_early_at, s.ends_at) + make_interval(hours => $1) <= $2
         ${keepFlagged}`,
      [hours, now],
    );
    // The aliases of those sessions go with their messages (who was there is not kept).
    await this.db.query(
      `DELETE FROM meeting_session_aliases a USING meeting_sessions s
       WHERE a.session_id = s.id AND coalesce(s.ended_early_at, s.ends_at) + make_interval(hours => $1) <= $2`,
      [hours, now],
    );
    return result[1];
  }
}
