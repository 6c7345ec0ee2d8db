import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Delete my account and erase my posts" erases each post and chat message at its own random
 * moment (ERASE_WINDOW_SECONDS), so a reader polling several threads cannot link them by the
 * instant they changed. This is the queue. It names only the content, never the account (which
 * is deleted in the same transaction that fills it).
 */
export class Erasures1764100000000 implements MigrationInterface {
  name = 'Erasures1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE erasures (
        target_type varchar(16) NOT NULL CHECK (target_type IN ('post', 'chat_message')),
        target_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        PRIMARY KEY (target_type, target_id)
      )`);
    await q.query(`CREATE INDEX erasures_due_idx ON erasures (due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE erasures`);
  }
}
