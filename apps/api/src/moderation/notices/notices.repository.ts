import { Injectable } from '@nestjs/common';
import type { AppealStatus, ModerationTargetType, NoticeKind } from '@kindred/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { returnedRows } from '../returning.js';

export interface NoticeRow {
  id: string;
  userId: string;
  kind: NoticeKind;
  targetType: ModerationTargetType | null;
  targetId: string | null;
  excerpt: string | null;
  reason: string | null;
  message: string | null;
  suspendedUntil: Date | null;
  createdAt: Date;
  readAt: Date | null;
  appealable: boolean;
  appealId: string | null;
  appealStatus: AppealStatus | null;
  appealMessage: string | null;
  appealCreatedAt: Date | null;
  appealDecidedAt: Date | null;
  /** The member's saved language (null: not chosen), for texts sent while no request asks (live delivery). */
  ownerLocale: string | null;
}

export interface AppealRow {
  id: string;
  noticeId: string;
  userId: string;
  message: string;
  status: AppealStatus;
  createdAt: Date;
  decidedAt: Date | null;
}

export type NewNotice = Pick<
  NoticeRow,
  'userId' | 'kind' | 'targetType' | 'targetId' | 'excerpt' | 'reason' | 'message' | 'suspendedUntil' | 'appealable'
>;

const NOTICE_SELECT = `
  SELECT n.id, n.user_id AS "userId", n.kind, n.target_type AS "targetType", n.target_id AS "targetId", n.excerpt,
    n.reason, n.message, n.suspended_until AS "suspendedUntil", n.created_at AS "createdAt", n.read_at AS "readAt",
    n.appealable, a.id AS "appealId", a.status AS "appealStatus", a.message AS "appealMessage",
    a.created_at AS "appealCreatedAt", a.decided_at AS "appealDecidedAt", u.locale AS "ownerLocale"
  FROM notices n LEFT JOIN appeals a ON a.notice_id = n.id JOIN users u ON u.id = n.user_id`;

const APPEAL_SELECT = `
  SELECT id, notice_id AS "noticeId", user_id AS "userId", message, status, created_at AS "createdAt",
    decided_at AS "decidedAt" FROM appeals`;

/** A member's notices from moderators, and their appeals. */
@Injectable()
export class NoticesRepository {
  constructor(private readonly db: DataSource) {}

  async create(notice: NewNotice, m: EntityManager = this.db.manager): Promise<string> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO notices (user_id, kind, target_type, target_id, excerpt, reason, message, suspended_until, appealable)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        notice.userId,
        notice.kind,
        notice.targetType,
        notice.targetId,
        notice.excerpt?.slice(0, 300) ?? null,
        notice.reason,
        notice.message,
        notice.suspendedUntil,
        notice.appealable,
      ],
    );
    return rows[0].id;
  }

  async findById(id: string, m: EntityManager = this.db.manager): Promise<NoticeRow | null> {
    const rows: NoticeRow[] = await m.query(`${NOTICE_SELECT} WHERE n.id = $1`, [id]);
    return rows[0] ?? null;
  }

  listForUser(userId: string, limit: number): Promise<NoticeRow[]> {
    return this.db.query(`${NOTICE_SELECT} WHERE n.user_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT ${limit}`, [
      userId,
    ]);
  }

  async countUnread(userId: string): Promise<number> {
    const rows: Array<{ count: string }> = await this.db.query(
      `SELECT count(*) AS count FROM notices WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return Number(rows[0].count);
  }

  async markRead(userId: string, id: string | null): Promise<void> {
    await this.db.query(
      `UPDATE notices SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid IS NULL OR id = $2)`,
      [userId, id],
    );
  }

  /** Creates the one appeal a notice may have; null when it already has one. */
  async createAppeal(m: EntityManager, notice: NoticeRow, message: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO appeals (notice_id, user_id, message) VALUES ($1, $2, $3)
       ON CONFLICT (notice_id) DO NOTHING RETURNING id`,
      [notice.id, notice.userId, message],
    );
    const id = rows[0]?.id ?? null;
    if (id) await m.query(`UPDATE notices SET appeal_id = $2 WHERE id = $1`, [notice.id, id]);
    return id;
  }

  async findAppeal(id: string, m: EntityManager = this.db.manager): Promise<AppealRow | null> {
    const rows: AppealRow[] = await m.query(`${APPEAL_SELECT} WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findAppeals(ids: string[]): Promise<Map<string, AppealRow & { notice: NoticeRow | null }>> {
    const result = new Map<string, AppealRow & { notice: NoticeRow | null }>();
    for (const id of ids) {
      const appeal = await this.findAppeal(id);
      if (appeal) result.set(id, { ...appeal, notice: await this.findById(appeal.noticeId) });
    }
    return result;
  }

  /** Decides a pending appeal once; false if it was already decided. */
  async decideAppeal(m: EntityManager, id: string, status: 'upheld' | 'reversed'): Promise<boolean> {
    const rows = returnedRows(
      await m.query(
        `UPDATE appeals SET status = $2, decided_at = now() WHERE id = $1 AND status = 'pending' RETURNING id`,
        [id, status],
      ),
    );
    return rows.length > 0;
  }
}
