import { Injectable } from '@nestjs/common';
import type { MilestoneKind } from '@kindred/contracts';
import { DataSource } from 'typeorm';

export interface MilestoneDateRow {
  kind: MilestoneKind;
  label: string;
  since: string;
  days: number;
  showBadge: boolean;
}

const COLUMNS = `kind, label, to_char(since, 'YYYY-MM-DD') AS since, ($2::date - since) AS days, show_badge AS "showBadge"`;

/**
 * The daily check, one statement for every member: for each date, the latest milestone reached
 * (1, 7, 30, 60, 90 days, 6 months, 1 year and every year after) that falls in the last 7 days
 * (so a day the worker missed is caught, and setting a date long ago does not announce an old
 * milestone) and is later than the one last notified; it marks it notified and inserts the items.
 */
const CHECK = `
  WITH reached AS (
    SELECT d.user_id, d.kind, d.label, d.since, m.at, m.name
    FROM milestone_dates d
    CROSS JOIN LATERAL (
      SELECT c.at, c.name FROM (
        SELECT d.since + n AS at, CASE WHEN n = 1 THEN '1 day' ELSE n || ' days' END AS name
        FROM unnest(ARRAY[1, 7, 30, 60, 90]) n
        UNION ALL
        SELECT (d.since + interval '6 months')::date, '6 months'
        UNION ALL
        SELECT (d.since + y * interval '1 year')::date, CASE WHEN y = 1 THEN '1 year' ELSE y || ' years' END
        FROM generate_series(1, greatest(1, extract(year FROM age($1::date, d.since))::int)) y
      ) c
      WHERE c.at <= $1::date AND c.at > $1::date - 7 AND (d.notified_on IS NULL OR c.at > d.notified_on)
      ORDER BY c.at DESC LIMIT 1
    ) m
    WHERE d.since < $1::date
  ), marked AS (
    UPDATE milestone_dates d SET notified_on = r.at FROM reached r
    WHERE d.user_id = r.user_id AND d.kind = r.kind AND d.since = r.since
    RETURNING d.user_id
  )
  INSERT INTO notifications (user_id, kind, milestone)
  SELECT r.user_id, 'milestone', jsonb_build_object('kind', r.kind, 'label', r.label, 'days', r.at - r.since,
    'name', r.name, 'since', to_char(r.since, 'YYYY-MM-DD'))
  FROM reached r
  RETURNING id`;

/** A member's private dates; only the member reads them (and the badge, if they turn it on). */
@Injectable()
export class MilestonesRepository {
  constructor(private readonly db: DataSource) {}

  list(userId: string, today: string): Promise<MilestoneDateRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM milestone_dates WHERE user_id = $1 ORDER BY kind`, [userId, today]);
  }

  /** Sets (or moves) a date; a new date starts its milestones afresh. */
  async set(
    userId: string,
    kind: MilestoneKind,
    label: string,
    since: string,
    showBadge: boolean | undefined,
    today: string,
  ): Promise<MilestoneDateRow> {
    const rows: MilestoneDateRow[] = await this.db.query(
      `INSERT INTO milestone_dates AS d (user_id, kind, label, since, show_badge)
       VALUES ($1, $3, $4, $5, coalesce($6, false))
       ON CONFLICT (user_id, kind) DO UPDATE SET label = EXCLUDED.label, since = EXCLUDED.since,
         show_badge = coalesce($6, d.show_badge),
         notified_on = CASE WHEN d.since = EXCLUDED.since THEN d.notified_on END, updated_at = now()
       RETURNING ${COLUMNS}`,
      [userId, today, kind, label, since, showBadge ?? null],
    );
    return rows[0];
  }

  /** Resets the date to today; returns null when there was none. Nobody is told. */
  async reset(userId: string, kind: MilestoneKind, today: string): Promise<MilestoneDateRow | null> {
    const rows: MilestoneDateRow[] = await this.db.query(
      `WITH u AS (UPDATE milestone_dates SET since = $2::date, notified_on = NULL, updated_at = now()
         WHERE user_id = $1 AND kind = $3 RETURNING *)
       SELECT ${COLUMNS} FROM u`,
      [userId, today, kind],
    );
    return rows[0] ?? null;
  }

  async remove(userId: string, kind: MilestoneKind): Promise<void> {
    await this.db.query(`DELETE FROM milestone_dates WHERE user_id = $1 AND kind = $2`, [userId, kind]);
  }

  /** The daily check for every member at once; returns the new notification ids. */
  async check(today: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(CHECK, [today]);
    return rows.map((r) => r.id);
  }
}
