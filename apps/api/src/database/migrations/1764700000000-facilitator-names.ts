import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The role name a facilitator chooses to run meetings under ("Sam", shown as "Facilitator – Sam"),
 * the same in every session. Chosen by them, never derived from the username; deleted with the account.
 */
export class FacilitatorNames1764700000000 implements MigrationInterface {
  name = 'FacilitatorNames1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE facilitator_names (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        name varchar(40) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE facilitator_names`);
  }
}
