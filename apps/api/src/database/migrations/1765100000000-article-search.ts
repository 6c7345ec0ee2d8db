import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search covers the library: an article's title (weight A) and summary (weight B) get a stored
 * tsvector with a GIN index, beside the sections' own. The sections' plain text used to keep
 * HTML entities ("&amp;"); clearing the content hashes makes the next start-up re-import every
 * article with the corrected text.
 */
export class ArticleSearch1765100000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')
      ) STORED`);
    await q.query(`CREATE INDEX articles_search_idx ON articles USING gin (search)`);
    await q.query(`UPDATE articles SET content_hash = repeat('0', 64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX articles_search_idx`);
    await q.query(`ALTER TABLE articles DROP COLUMN search`);
  }
}
