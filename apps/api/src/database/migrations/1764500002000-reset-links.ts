import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time password reset links an operator makes with `npm run kindred -- reset-link <username>`
 * for someone they know offline. Only a SHA-256 of the link's 256-bit token is kept; a link works
 * once, for 30 minutes. Making one is recorded in the moderation log (operator, account, time).
 */
export class ResetLinks1764500002000 implements MigrationInterface {
  name = 'ResetLinks1764500002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reset_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS reset_links`);
  }
}
