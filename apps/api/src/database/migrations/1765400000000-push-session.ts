import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A device's push subscription belongs to the session it was made in: ending that session (sign
 * out, "end this session", "sign out everywhere", a new password, a recovery) ends its pushes,
 * so a phone someone else holds stops hearing from Kindred at once. Subscriptions made before
 * this (no session) stay until their device unsubscribes or its push service answers 404/410.
 */
export class PushSession1765400000000 implements MigrationInterface {
  name = 'PushSession1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE push_subscriptions ADD COLUMN session_id uuid REFERENCES sessions (id) ON DELETE CASCADE`,
    );
    await q.query(`CREATE INDEX push_subscriptions_session_idx ON push_subscriptions (session_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE push_subscriptions DROP COLUMN session_id`);
  }
}
