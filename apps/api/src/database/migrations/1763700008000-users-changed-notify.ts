import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every API process keeps a short-lived cache of the accounts behind tokens (auth/user-cache).
 * A change that matters to a session — role, suspension, token version ("sign out everywhere"),
 * username, deletion — notifies channel `kindred_users` with the account id, whichever path made
 * it (the API on any process, the CLI, an operator's SQL), so each process drops its copy at once.
 */
export class UsersChangedNotify1763700008000 implements MigrationInterface {
  name = 'UsersChangedNotify1763700008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION kindred_users_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM pg_notify('kindred_users', OLD.id::text);
        RETURN NULL;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER users_changed_update AFTER UPDATE ON users FOR EACH ROW
        WHEN (OLD.role IS DISTINCT FROM NEW.role
              OR OLD.suspended_until IS DISTINCT FROM NEW.suspended_until
              OR OLD.token_version IS DISTINCT FROM NEW.token_version
              OR OLD.username IS DISTINCT FROM NEW.username
              OR OLD.id IS DISTINCT FROM NEW.id)
        EXECUTE FUNCTION kindred_users_changed()`);
    await q.query(
      `CREATE TRIGGER users_changed_delete AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION kindred_users_changed()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS users_changed_delete ON users`);
    await q.query(`DROP TRIGGER IF EXISTS users_changed_update ON users`);
    await q.query(`DROP FUNCTION IF EXISTS kindred_users_changed()`);
  }
}
