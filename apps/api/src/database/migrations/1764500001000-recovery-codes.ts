import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recovery codes: ten per account, each usable once. Only a slow hash of a code is kept; the
 * first group of the code (`selector`, 4 characters) is kept in clear so that checking a code
 * costs one hash, the same whether or not the username exists. `saved` is set by "I've saved
 * them" (the account screen reminds until then).
 */
export class RecoveryCodes1764500001000 implements MigrationInterface {
  name = 'RecoveryCodes1764500001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recovery_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        selector varchar(8) NOT NULL,
        code_hash varchar(255) NOT NULL,
        saved boolean NOT NULL DEFAULT false,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id, selector)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS recovery_codes`);
  }
}
