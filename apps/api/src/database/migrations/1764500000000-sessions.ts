import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per signed-in device: a token names its session (`sid`), and deleting the row signs
 * that device out. `last_seen_at` is kept to the hour, so it cannot be lined up with posting
 * times; `label` is a coarse device description from the user agent ("Chrome on Android"). No
 * address, no location. A deleted row notifies `kindred_sessions` with its id, whichever path
 * deleted it (API on any process, CLI, SQL, an account deletion), so every process drops the
 * session from its cache and disconnects its sockets at once.
 */
export class Sessions1764500000000 implements MigrationInterface {
  name = 'Sessions1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT date_trunc('hour', now()),
        last_seen_at timestamptz NOT NULL DEFAULT date_trunc('hour', now()),
        label varchar(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
    await q.query(`
      CREATE FUNCTION kindred_sessions_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM pg_notify('kindred_sessions', OLD.id::text);
        RETURN NULL;
      END
      $fn$`);
    await q.query(
      `CREATE TRIGGER sessions_deleted AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION kindred_sessions_deleted()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sessions`);
    await q.query(`DROP FUNCTION IF EXISTS kindred_sessions_deleted()`);
  }
}
