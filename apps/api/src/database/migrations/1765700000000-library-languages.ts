import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The text-search configuration for an article's language (a new language adds a branch here, in a new migration). */
const CONFIG = `(CASE locale WHEN 'es' THEN 'spanish'::regconfig ELSE 'english'::regconfig END)`;

/**
 * The library in several languages. An article is its slug; each language it is written in is one row
 * (`locale`: 'en' for the files in content/articles, 'es' for content/articles/es), so the English slugs
 * and URLs stay as they were. Board pins keep pointing at the English row, and are shown in the reader's
 * language by slug.
 *
 * Sections carry their article's language too (a generated column cannot read another table), and both
 * tsvectors are rebuilt with the stemmer of the row's language: Spanish text stemmed as English would
 * never match "recaídas" to "recaída".
 */
export class LibraryLanguages1765700000000 implements MigrationInterface {
  name = 'LibraryLanguages1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE articles ADD COLUMN locale text NOT NULL DEFAULT 'en'`);
    await q.query(`ALTER TABLE articles DROP CONSTRAINT articles_slug_key`);
    await q.query(`ALTER TABLE articles ADD CONSTRAINT articles_slug_locale_key UNIQUE (slug, locale)`);
    await q.query(`ALTER TABLE articles DROP COLUMN search`);
    await q.query(`
      ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(${CONFIG}, title), 'A') || setweight(to_tsvector(${CONFIG}, summary), 'B')
      ) STORED`);
    await q.query(`CREATE INDEX articles_search_idx ON articles USING gin (search)`);

    await q.query(`ALTER TABLE article_sections ADD COLUMN locale text NOT NULL DEFAULT 'en'`);
    await q.query(`ALTER TABLE article_sections DROP COLUMN search`);
    await q.query(`
      ALTER TABLE article_sections ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(${CONFIG}, heading), 'A') || setweight(to_tsvector(${CONFIG}, body_text), 'B')
      ) STORED`);
    await q.query(`CREATE INDEX article_sections_search_idx ON article_sections USING gin (search)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Only the English rows fit the old shape.
    await q.query(`DELETE FROM articles WHERE locale <> 'en'`);
    await q.query(`ALTER TABLE article_sections DROP COLUMN search`);
    await q.query(`ALTER TABLE article_sections DROP COLUMN locale`);
    await q.query(`
      ALTER TABLE article_sections ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', heading), 'A') || setweight(to_tsvector('english', body_text), 'B')
      ) STORED`);
    await q.query(`CREATE INDEX article_sections_search_idx ON article_sections USING gin (search)`);
    await q.query(`ALTER TABLE articles DROP COLUMN search`);
    await q.query(`ALTER TABLE articles DROP CONSTRAINT articles_slug_locale_key`);
    await q.query(`ALTER TABLE articles DROP COLUMN locale`);
    await q.query(`ALTER TABLE articles ADD CONSTRAINT articles_slug_key UNIQUE (slug)`);
    await q.query(`
      ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')
      ) STORED`);
    await q.query(`CREATE INDEX articles_search_idx ON articles USING gin (search)`);
  }
}
