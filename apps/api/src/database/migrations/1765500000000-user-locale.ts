import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member's language (PATCH /api/me { locale }): their screens, and the texts the server writes
 * for them when no request is asking (notices, notifications, push), follow it. Null means "not
 * chosen": the browser's Accept-Language decides. No CHECK list, so a new language needs no migration;
 * the API accepts only the languages in @kindred/contracts LOCALES.
 */
export class UserLocale1765500000000 implements MigrationInterface {
  name = 'UserLocale1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN locale text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN locale`);
  }
}
