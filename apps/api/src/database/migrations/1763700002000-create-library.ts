import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The educational library. Article text lives in Markdown files in the repo and is imported at
 * start-up; these tables hold the imported copy, its sections (with a tsvector for matching),
 * the admin-managed board pins and the related sections computed once per thread.
 *
 * Pins refer to boards by slug (fixed in the boards seeds) rather than by id: the boards are
 * seeded at start-up, possibly after the library import has applied an article's default pins,
 * and a slug keeps those pins valid whichever runs first.
 */
export class CreateLibrary1763700002000 implements MigrationInterface {
  name = 'CreateLibrary1763700002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(100) NOT NULL UNIQUE,
        title varchar(200) NOT NULL,
        summary text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        sources text[] NOT NULL DEFAULT '{}',
        reviewed_at date NOT NULL,
        position int NOT NULL DEFAULT 0,
        body text NOT NULL,
        html text NOT NULL,
        published boolean NOT NULL DEFAULT true,
        content_hash char(64) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE article_sections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        anchor varchar(100) NOT NULL,
        heading varchar(300) NOT NULL,
        position int NOT NULL,
        body_text text NOT NULL,
        matchable boolean NOT NULL DEFAULT true,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', heading), 'A') || setweight(to_tsvector('english', body_text), 'B')
        ) STORED,
        UNIQUE (article_id, anchor)
      )`);
    await q.query(`CREATE INDEX article_sections_search_idx ON article_sections USING gin (search)`);
    await q.query(`
      CREATE TABLE board_articles (
        board_slug varchar(100) NOT NULL,
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position int NOT NULL,
        PRIMARY KEY (board_slug, article_id)
      )`);
    await q.query(`
      CREATE TABLE thread_related (
        thread_id uuid NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        position int NOT NULL,
        section_id uuid NOT NULL REFERENCES article_sections(id) ON DELETE CASCADE,
        snippet text NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (thread_id, position)
      )`);
    await q.query(`CREATE INDEX thread_related_section_idx ON thread_related (section_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE thread_related`);
    await q.query(`DROP TABLE board_articles`);
    await q.query(`DROP TABLE article_sections`);
    await q.query(`DROP TABLE articles`);
  }
}
