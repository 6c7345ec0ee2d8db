import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface LogRow {
  id: string;
  at: Date;
  moderatorUsername: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  excerpt: string | null;
  reason: string | null;
  message: string | null;
  source: 'moderation' | 'meeting';
}

export interface NewLogEntry {
  moderatorId: string | null;
  moderatorUsername: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  excerpt: string | null;
  reason: string | null;
  message: string | null;
  /** The queue item the action was taken from, if any. */
  itemId?: string | null;
}

export interface ItemActionRow {
  itemId: string;
  action: string;
  moderatorUsername: string | null;
  at: Date;
  reason: string | null;
  message: string | null;
}

/**
 * The append-only moderation log (a trigger refuses UPDATE and DELETE). Rows never carry the
 * author of the content: only the content's type, id and an excerpt.
 */
@Injectable()
export class LogRepository {
  private meetingActions: boolean | null = null;

  constructor(private readonly db: DataSource) {}

  async append(entry: NewLogEntry, m: EntityManager = this.db.manager): Promise<void> {
    await m.query(
      `INSERT INTO moderation_log (moderator_id, moderator_username, action, target_type, target_id, excerpt, reason, message, item_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.moderatorId,
        entry.moderatorUsername,
        entry.action,
        entry.targetType,
        entry.targetId,
        entry.excerpt?.slice(0, 300) ?? null,
        entry.reason,
        // Whole: the summary plus the moderator's note (a text column), never cut.
        entry.message ?? null,
        entry.itemId ?? null,
      ],
    );
  }

  /**
   * What was done from these items, oldest first (one query for a page of the queue). Entries of one
   * request ("Remove and suspend") share a millisecond; the table is append-only (no update, delete
   * or truncate), so its row order is the order they were written.
   */
  async forItems(itemIds: string[]): Promise<Map<string, ItemActionRow[]>> {
    const result = new Map<string, ItemActionRow[]>();
    if (itemIds.length === 0) return result;
    const rows: ItemActionRow[] = await this.db.query(
      `SELECT item_id AS "itemId", action, moderator_username AS "moderatorUsername", at, reason, message
         FROM moderation_log WHERE item_id = ANY($1::uuid[]) ORDER BY at, ctid`,
      [itemIds],
    );
    for (const row of rows) result.set(row.itemId, [...(result.get(row.itemId) ?? []), row]);
    return result;
  }

  /** The latest reach-out to this content since `since` (any item), read inside the item's lock. */
  async lastReachOut(
    m: EntityManager,
    targetType: string,
    targetId: string,
    since: Date,
  ): Promise<{ moderatorUsername: string | null; at: Date } | null> {
    const rows: Array<{ moderatorUsername: string | null; at: Date }> = await m.query(
      `SELECT moderator_username AS "moderatorUsername", at FROM moderation_log
        WHERE action = 'reach_out' AND target_type = $1 AND target_id = $2 AND at > $3
        ORDER BY at DESC LIMIT 1`,
      [targetType, targetId, since],
    );
    return rows[0] ?? null;
  }

  /** Newest first, keyset on (at, id); moderator matched case-insensitively. */
  async page(
    filter: { action?: string; moderator?: string },
    after: [string, string] | null,
    limit: number,
  ): Promise<LogRow[]> {
    const source = (await this.hasMeetingActions())
      ? `(${MODERATION_ROWS} UNION ALL ${MEETING_ROWS})`
      : `(${MODERATION_ROWS})`;
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.action) {
      params.push(filter.action);
      where.push(`l.action = $${params.length}`);
    }
    if (filter.moderator) {
      params.push(filter.moderator);
      where.push(`lower(l."moderatorUsername") = lower($${params.length})`);
    }
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(l.at, l.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    return this.db.query(
      `SELECT * FROM ${source} l ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY l.at DESC, l.id DESC LIMIT ${limit}`,
      params,
    );
  }

  /** The meetings feature keeps its facilitators' actions in meeting_actions; the log shows both. */
  private async hasMeetingActions(): Promise<boolean> {
    if (this.meetingActions === null) {
      const rows: Array<{ found: boolean }> = await this.db.query(
        `SELECT to_regclass('public.meeting_actions') IS NOT NULL AS found`,
      );
      this.meetingActions = rows[0].found;
    }
    return this.meetingActions;
  }
}

const MODERATION_ROWS = `
  SELECT id, at, moderator_username AS "moderatorUsername", action, target_type AS "targetType",
    target_id AS "targetId", excerpt, reason, message, 'moderation' AS source
  FROM moderation_log`;

// Facilitators' actions in meetings (mute, remove message, end…), shown in the same log. The
// participant's display name is left out: a meeting alias must not be tied to an action here.
const MEETING_ROWS = `
  SELECT a.id, date_trunc('milliseconds', a.created_at) AS at, u.username AS "moderatorUsername", a.action,
    CASE WHEN a.message_id IS NULL THEN 'meeting' ELSE 'message' END AS "targetType",
    COALESCE(a.message_id, a.meeting_id) AS "targetId", left('Meeting: ' || m.name, 300) AS excerpt,
    NULL::varchar AS reason, a.reason::text AS message, 'meeting' AS source
  FROM meeting_actions a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN meetings m ON m.id = a.meeting_id`;
