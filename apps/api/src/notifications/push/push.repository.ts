import { Injectable } from '@nestjs/common';
import type { NotificationKind } from '@kindred/contracts';
import { DataSource } from 'typeorm';

export interface PushTarget {
  subscriptionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  kind: NotificationKind;
  titles: boolean;
  threadTitle: string | null;
  meetingName: string | null;
  milestoneName: string | null;
  /** The owner's saved language (null: not chosen, English). */
  locale: string | null;
}

/** Devices that opted in to push, and what to push to them. */
@Injectable()
export class PushRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * A device's subscription, tied to the session it was made in (ending the session deletes it);
   * an endpoint that moves to another account (a shared device) moves with it.
   */
  async upsert(
    userId: string,
    sessionId: string | null,
    endpoint: string,
    p256dh: string,
    auth: string,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO push_subscriptions (user_id, session_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, session_id = EXCLUDED.session_id,
         p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, created_at = now()`,
      [userId, sessionId, endpoint, p256dh, auth],
    );
  }

  async remove(userId: string, endpoint: string): Promise<void> {
    await this.db.query(`DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2`, [userId, endpoint]);
  }

  async count(userId: string): Promise<number> {
    const rows: Array<{ n: string }> = await this.db.query(
      `SELECT count(*) AS n FROM push_subscriptions WHERE user_id = $1`,
      [userId],
    );
    return Number(rows[0].n);
  }

  /** Every (still unread) item × its owner's devices, with the owner's language, in one read. Titles only of published threads. */
  targets(ids: string[]): Promise<PushTarget[]> {
    return this.db.query(
      `SELECT s.id AS "subscriptionId", s.endpoint, s.p256dh, s.auth, n.kind, u.push_titles AS titles,
         CASE WHEN t.status = 'published' THEN t.title END AS "threadTitle", m.name AS "meetingName",
         n.milestone->>'name' AS "milestoneName", u.locale
       FROM notifications n
       JOIN users u ON u.id = n.user_id
       JOIN push_subscriptions s ON s.user_id = n.user_id
       LEFT JOIN threads t ON t.id = n.thread_id
       LEFT JOIN meetings m ON m.id = n.meeting_id
       WHERE n.id = ANY($1::uuid[]) AND n.read_at IS NULL`,
      [ids],
    );
  }

  /** Endpoints the push service called gone (404/410), deleted in one statement. */
  async removeGone(subscriptionIds: string[]): Promise<void> {
    if (subscriptionIds.length === 0) return;
    await this.db.query(`DELETE FROM push_subscriptions WHERE id = ANY($1::uuid[])`, [subscriptionIds]);
  }
}
