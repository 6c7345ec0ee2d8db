import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The account cache (auth/user-cache) now carries the member's language, so that errors are said in
 * it without a query per request: a change of users.locale notifies `kindred_users` too, like a
 * change of role or suspension (migration 1763700008000), and every process drops its copy.
 */
export class UsersChangedLocale1765500001000 implements MigrationInterface {
  name = 'UsersChangedLocale1765500001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS users_changed_update ON users`);
    await q.query(`
      CREATE TRIGGER users_changed_update AFTER UPDATE ON users FOR EACH ROW
        WHEN (OLD.role IS DISTINCT FROM NEW.role
              OR OLD.suspended_until IS DISTINCT FROM NEW.suspended_until
              OR OLD.token_version IS DISTINCT FROM NEW.token_version
              OR OLD.username IS DISTINCT FROM NEW.username
              OR OLD.locale IS DISTINCT FROM NEW.locale
              OR OLD.id IS DISTINCT FROM NEW.id)
        EXECUTE FUNCTION kindred_users_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS users_changed_update ON users`);
    await q.query(`
      CREATE TRIGGER users_changed_update AFTER UPDATE ON users FOR EACH ROW
        WHEN (OLD.role IS DISTINCT FROM NEW.role
              OR OLD.suspended_until IS DISTINCT FROM NEW.suspended_until
              OR OLD.token_version IS DISTINCT FROM NEW.token_version
              OR OLD.username IS DISTINCT FROM NEW.username
              OR OLD.id IS DISTINCT FROM NEW.id)
        EXECUTE FUNCTION kindred_users_changed()`);
  }
}
