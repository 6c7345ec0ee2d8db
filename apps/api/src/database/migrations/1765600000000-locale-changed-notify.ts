import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cached account behind a token (auth/user-cache) now carries the member's language, which
 * every request reads (texts written in it): a change of language notifies `kindred_users` too,
 * so every process drops its copy at once (as for role, suspension and token version).
 */
export class LocaleChangedNotify1765600000000 implements MigrationInterface {
  name = 'LocaleChangedNotify1765600000000';

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
