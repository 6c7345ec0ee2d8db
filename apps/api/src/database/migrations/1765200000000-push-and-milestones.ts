import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web Push subscriptions (one per device that opted in), the member's choice of naming the
 * thread in a push, the private milestone dates, and what a `meeting_opening` or `milestone`
 * item of the centre points at.
 */
export class PushAndMilestones1765200000000 implements MigrationInterface {
  name = 'PushAndMilestones1765200000000';

  async up(q: QueryRunner): Promise<void> {
    // Discreet by default: a push says only "you have a new reply" unless the member opts in.
    await q.query(`ALTER TABLE users ADD COLUMN push_titles boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE push_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        endpoint text NOT NULL UNIQUE,
        p256dh varchar(200) NOT NULL,
        auth varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id)`);

    // A member's own dates (never shown to anyone else unless they turn the badge on).
    await q.query(`
      CREATE TABLE milestone_dates (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('clean', 'medication')),
        label varchar(60) NOT NULL,
        since date NOT NULL,
        -- The milestone (its date) last notified, so the daily check sends each one once.
        notified_on date,
        show_badge boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      )`);

    await q.query(`ALTER TABLE notifications ADD COLUMN meeting_id uuid REFERENCES meetings (id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE notifications ADD COLUMN milestone jsonb`);
    // One stored "opening" per member and session, however often the scheduler runs.
    await q.query(
      `ALTER TABLE notifications ADD COLUMN session_id uuid REFERENCES meeting_sessions (id) ON DELETE CASCADE`,
    );
    await q.query(
      `CREATE UNIQUE INDEX notifications_session_idx ON notifications (user_id, session_id) WHERE session_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_session_idx`);
    await q.query(`ALTER TABLE notifications DROP COLUMN session_id`);
    await q.query(`ALTER TABLE notifications DROP COLUMN milestone`);
    await q.query(`ALTER TABLE notifications DROP COLUMN meeting_id`);
    await q.query(`DROP TABLE milestone_dates`);
    await q.query(`DROP TABLE push_subscriptions`);
    await q.query(`ALTER TABLE users DROP COLUMN push_titles`);
  }
}
