import { Injectable } from '@nestjs/common';
import type {
  DetectionHit,
  FlagReason,
  ModerationTargetType,
  QueueItemKind,
  QueueItemStatus,
  QueuePriority,
} from '@kindred/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { returnedRows } from '../returning.js';

export interface ItemRow {
  id: string;
  kind: QueueItemKind;
  targetType: ModerationTargetType;
  targetId: string;
  priority: QueuePriority;
  priorityRank: number;
  status: QueueItemStatus;
  claimedBy: string | null;
  claimedByUsername: string | null;
  firstFlaggedAt: Date;
  lastFlaggedAt: Date;
  resolvedAt: Date | null;
  hidden: boolean;
  contentWarned: boolean;
  detection: DetectionHit[];
  appealId: string | null;
  crisisChecked: boolean;
}

export interface FlagRow {
  id: string;
  reason: FlagReason;
  note: string | null;
  weight: number;
  status: 'open' | 'upheld' | 'rejected';
  createdAt: Date;
}

const ITEM_COLUMNS = `
  i.id, i.kind, i.target_type AS "targetType", i.target_id AS "targetId", i.priority,
  i.priority_rank AS "priorityRank", i.status, i.claimed_by AS "claimedBy", c.username AS "claimedByUsername",
  i.first_flagged_at AS "firstFlaggedAt", i.last_flagged_at AS "lastFlaggedAt", i.resolved_at AS "resolvedAt",
  i.hidden, i.content_warned AS "contentWarned", i.detection, i.appeal_id AS "appealId",
  i.crisis_checked AS "crisisChecked"`;

const ITEM_FROM = `moderation_items i LEFT JOIN users c ON c.id = i.claimed_by`;

/** Queue items and the flags aggregated into them. */
@Injectable()
export class ItemsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async findById(id: string, m: EntityManager = this.db.manager): Promise<ItemRow | null> {
    const rows: ItemRow[] = await m.query(`SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM} WHERE i.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findOpenForTarget(type: ModerationTargetType, targetId: string): Promise<ItemRow | null> {
    const rows: ItemRow[] = await this.db.query(
      `SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM}
       WHERE i.target_type = $1 AND i.target_id = $2 AND i.status = 'open' AND i.kind = 'flag'`,
      [type, targetId],
    );
    return rows[0] ?? null;
  }

  /** The open flag item for a target, created if there is none (race-safe), locked for this transaction. */
  async openItemFor(m: EntityManager, type: ModerationTargetType, targetId: string): Promise<string> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO moderation_items (kind, target_type, target_id) VALUES ('flag', $1, $2)
       ON CONFLICT (target_type, target_id) WHERE status = 'open' AND kind = 'flag'
       DO UPDATE SET last_flagged_at = moderation_items.last_flagged_at
       RETURNING id`,
      [type, targetId],
    );
    await m.query(`SELECT id FROM moderation_items WHERE id = $1 FOR UPDATE`, [rows[0].id]);
    return rows[0].id;
  }

  async createAppealItem(
    m: EntityManager,
    fields: { targetType: ModerationTargetType; targetId: string; appealId: string },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO moderation_items (kind, target_type, target_id, appeal_id) VALUES ('appeal', $1, $2, $3) RETURNING id`,
      [fields.targetType, fields.targetId, fields.appealId],
    );
    return rows[0].id;
  }

  /** Inserts a flag; false when this member already flagged this target. */
  async insertFlag(
    m: EntityManager,
    flag: {
      targetType: ModerationTargetType;
      targetId: string;
      itemId: string;
      flaggerId: string;
      reason: FlagReason;
      note: string | null;
      weight: number;
    },
  ): Promise<string | null> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO flags (target_type, target_id, item_id, flagger_id, reason, note, weight)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT flags_one_per_member DO NOTHING
       RETURNING id`,
      [flag.targetType, flag.targetId, flag.itemId, flag.flaggerId, flag.reason, flag.note, flag.weight],
    );
    return rows[0]?.id ?? null;
  }

  async hasFlagged(type: ModerationTargetType, targetId: string, flaggerId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM flags WHERE target_type = $1 AND target_id = $2 AND flagger_id = $3`,
      [type, targetId, flaggerId],
    );
    return rows.length > 0;
  }

  async flagsOf(itemId: string, m: EntityManager = this.db.manager): Promise<FlagRow[]> {
    return m.query(
      `SELECT id, reason, note, weight, status, created_at AS "createdAt" FROM flags WHERE item_id = $1
       ORDER BY created_at, id`,
      [itemId],
    );
  }

  async flagsOfMany(itemIds: string[]): Promise<Map<string, FlagRow[]>> {
    const result = new Map<string, FlagRow[]>();
    if (itemIds.length === 0) return result;
    const rows: Array<FlagRow & { itemId: string }> = await this.db.query(
      `SELECT item_id AS "itemId", id, reason, note, weight, status, created_at AS "createdAt" FROM flags
       WHERE item_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [itemIds],
    );
    for (const row of rows) {
      const list = result.get(row.itemId) ?? [];
      list.push(row);
      result.set(row.itemId, list);
    }
    return result;
  }

  async update(
    id: string,
    fields: Partial<{ priority: QueuePriority; hidden: boolean; contentWarned: boolean; touch: boolean }>,
    m: EntityManager = this.db.manager,
  ): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    if (fields.priority !== undefined) {
      params.push(fields.priority);
      sets.push(`priority = $${params.length}`);
    }
    if (fields.hidden !== undefined) {
      params.push(fields.hidden);
      sets.push(`hidden = $${params.length}`);
    }
    if (fields.contentWarned !== undefined) {
      params.push(fields.contentWarned);
      sets.push(`content_warned = $${params.length}`);
    }
    if (fields.touch) sets.push(`last_flagged_at = now()`);
    if (sets.length === 0) return;
    await m.query(`UPDATE moderation_items SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  /** Claims an item unless another moderator holds it; returns who holds it now. */
  async claim(id: string, moderatorId: string): Promise<string | null> {
    const rows = returnedRows<{ claimedBy: string | null }>(
      await this.db.query(
        `UPDATE moderation_items SET claimed_by = CASE WHEN claimed_by IS NULL THEN $2::uuid ELSE claimed_by END
       WHERE id = $1 RETURNING claimed_by AS "claimedBy"`,
        [id, moderatorId],
      ),
    );
    return rows[0]?.claimedBy ?? null;
  }

  async unclaim(id: string): Promise<void> {
    await this.db.query(`UPDATE moderation_items SET claimed_by = NULL WHERE id = $1`, [id]);
  }

  /** Resolves an item once: false if it was already resolved (a second moderator's click). */
  async resolve(m: EntityManager, id: string, flagStatus: 'upheld' | 'rejected' | null): Promise<boolean> {
    const rows = returnedRows(
      await m.query(
        `UPDATE moderation_items SET status = 'resolved', resolved_at = now(), hidden = false
         WHERE id = $1 AND status = 'open' RETURNING id`,
        [id],
      ),
    );
    if (rows.length === 0) return false;
    if (flagStatus) {
      await m.query(`UPDATE flags SET status = $2 WHERE item_id = $1 AND status = 'open'`, [id, flagStatus]);
    }
    return true;
  }

  /** Locks an item for this transaction (two moderators acting at once are taken one after the other). */
  async lock(m: EntityManager, id: string): Promise<void> {
    await m.query(`SELECT id FROM moderation_items WHERE id = $1 FOR UPDATE`, [id]);
  }

  /**
   * "Mark as checked": the crisis flags are settled (upheld, or rejected for "not a crisis"), a crisis
   * detection no longer makes the item urgent, and the item is resolved when nothing else is open.
   * Returns whether it was resolved.
   */
  async markCrisisChecked(
    m: EntityManager,
    id: string,
    flagStatus: 'upheld' | 'rejected',
    priority: (openReasons: FlagReason[], hidden: boolean) => QueuePriority,
  ): Promise<boolean> {
    await m.query(`UPDATE flags SET status = $2 WHERE item_id = $1 AND status = 'open' AND reason = 'crisis'`, [
      id,
      flagStatus,
    ]);
    const open: Array<{ reason: FlagReason }> = await m.query(
      `SELECT reason FROM flags WHERE item_id = $1 AND status = 'open'`,
      [id],
    );
    const [item] = (await m.query(`SELECT hidden, status FROM moderation_items WHERE id = $1`, [id])) as Array<{
      hidden: boolean;
      status: QueueItemStatus;
    }>;
    await m.query(`UPDATE moderation_items SET crisis_checked = true, priority = $2 WHERE id = $1`, [
      id,
      priority(
        open.map((f) => f.reason),
        item?.hidden ?? false,
      ),
    ]);
    if (open.length > 0 || item?.status !== 'open') return false;
    return this.resolve(m, id, null);
  }

  /** Open items: urgent, high, normal, then oldest first. Resolved: newest first. Keyset, never OFFSET. */
  async page(status: QueueItemStatus, after: Array<string | number> | null, limit: number): Promise<ItemRow[]> {
    if (status === 'open') {
      const where = after
        ? `AND (i.priority_rank, i.first_flagged_at, i.id) > ($1::smallint, $2::timestamptz, $3::uuid)`
        : '';
      return this.db.query(
        `SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM} WHERE i.status = 'open' ${where}
         ORDER BY i.priority_rank, i.first_flagged_at, i.id LIMIT ${limit}`,
        after ?? [],
      );
    }
    const where = after ? `AND (i.resolved_at, i.id) < ($1::timestamptz, $2::uuid)` : '';
    return this.db.query(
      `SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM} WHERE i.status = 'resolved' ${where}
       ORDER BY i.resolved_at DESC, i.id DESC LIMIT ${limit}`,
      after ?? [],
    );
  }

  async countFlagsSince(flaggerId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
    const rows: Array<{ count: string; oldest: Date | null }> = await this.db.query(
      `SELECT count(*) AS count, min(created_at) AS oldest FROM flags WHERE flagger_id = $1 AND created_at > $2`,
      [flaggerId, since],
    );
    return { count: Number(rows[0].count), oldest: rows[0].oldest };
  }

  /** What trust is computed from: account age, posts written and the record of past flags. */
  async flaggerStats(
    userId: string,
  ): Promise<{ createdAt: Date; postCount: number; resolvedFlags: number; upheldFlags: number } | null> {
    const rows: Array<{ createdAt: Date; postCount: string; resolvedFlags: string; upheldFlags: string }> =
      await this.db.query(
        `SELECT u.created_at AS "createdAt",
           (SELECT count(*) FROM posts p WHERE p.author_id = u.id AND p.status <> 'deleted') AS "postCount",
           (SELECT count(*) FROM flags f WHERE f.flagger_id = u.id AND f.status <> 'open') AS "resolvedFlags",
           (SELECT count(*) FROM flags f WHERE f.flagger_id = u.id AND f.status = 'upheld') AS "upheldFlags"
         FROM users u WHERE u.id = $1`,
        [userId],
      );
    const row = rows[0];
    if (!row) return null;
    return {
      createdAt: row.createdAt,
      postCount: Number(row.postCount),
      resolvedFlags: Number(row.resolvedFlags),
      upheldFlags: Number(row.upheldFlags),
    };
  }

  /** Adds automatic-detection hits to a target's open item (used by the safety detectors). */
  async addDetection(m: EntityManager, itemId: string, hits: DetectionHit[]): Promise<void> {
    await m.query(`UPDATE moderation_items SET detection = detection || $2::jsonb WHERE id = $1`, [
      itemId,
      JSON.stringify(hits),
    ]);
  }
}
