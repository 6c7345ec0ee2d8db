import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSafety1763700005000 implements MigrationInterface {
  name = 'CreateSafety1763700005000';

  async up(q: QueryRunner): Promise<void> {
    // Admin-configured watched words: a word or phrase (with * wildcards) or a /regex/.
    await q.query(`
      CREATE TABLE watched_words (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pattern varchar(200) NOT NULL,
        action varchar(8) NOT NULL CHECK (action IN ('block', 'hold', 'flag', 'censor')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX watched_words_pattern_key ON watched_words (lower(pattern))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE watched_words`);
  }
}
