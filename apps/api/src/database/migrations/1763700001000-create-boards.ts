import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUS_CHECK = `CHECK (status IN ('published', 'hidden', 'held', 'removed', 'deleted'))`;

export class CreateBoards1763700001000 implements MigrationInterface {
  name = 'CreateBoards1763700001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE boards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(60) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name varchar(80) NOT NULL,
        description varchar(300) NOT NULL DEFAULT '',
        position int NOT NULL DEFAULT 0,
        archived boolean NOT NULL DEFAULT false,
        thread_count int NOT NULL DEFAULT 0,
        last_activity_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE threads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        board_id uuid NOT NULL REFERENCES boards (id) ON DELETE RESTRICT,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        title varchar(150) NOT NULL,
        content_warning varchar(100),
        pinned boolean NOT NULL DEFAULT false,
        locked boolean NOT NULL DEFAULT false,
        status varchar(16) NOT NULL DEFAULT 'published' ${STATUS_CHECK},
        status_reason text,
        anonymous boolean NOT NULL,
        reply_count int NOT NULL DEFAULT 0,
        opening_post_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        search tsvector GENERATED ALWAYS AS (to_tsvector('english', title)) STORED
      )`);
    // Board listing: pinned first, then latest activity (keyset on the same columns).
    await q.query(
      `CREATE INDEX threads_board_keyset_idx ON threads (board_id, pinned DESC, last_activity_at DESC, id DESC)`,
    );
    // "Nobody has answered yet", across boards.
    await q.query(
      `CREATE INDEX threads_unanswered_idx ON threads (last_activity_at DESC, id DESC)
         WHERE reply_count = 0 AND status = 'published' AND NOT locked`,
    );
    await q.query(`CREATE INDEX threads_search_idx ON threads USING gin (search)`);
    await q.query(`CREATE INDEX threads_author_idx ON threads (author_id)`);

    await q.query(`
      CREATE TABLE posts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        thread_id uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        anonymous boolean NOT NULL,
        alias varchar(60),
        body text NOT NULL,
        html text NOT NULL,
        reply_to_id uuid REFERENCES posts (id) ON DELETE SET NULL,
        status varchar(16) NOT NULL DEFAULT 'published' ${STATUS_CHECK},
        status_reason text,
        content_warning varchar(100),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        edited_at timestamptz,
        search tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED,
        CONSTRAINT posts_anonymous_alias CHECK (NOT anonymous OR alias IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX posts_thread_keyset_idx ON posts (thread_id, created_at, id)`);
    await q.query(`CREATE INDEX posts_thread_alias_idx ON posts (thread_id, alias) WHERE anonymous`);
    await q.query(`CREATE INDEX posts_member_idx ON posts (author_id, created_at DESC, id DESC) WHERE NOT anonymous`);
    await q.query(`CREATE INDEX posts_search_idx ON posts USING gin (search)`);
    await q.query(
      `ALTER TABLE threads ADD CONSTRAINT threads_opening_post_fk
         FOREIGN KEY (opening_post_id) REFERENCES posts (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED`,
    );

    await q.query(`
      CREATE TABLE reactions (
        post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('support', 'relate', 'proud')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (post_id, user_id, kind)
      )`);
    await q.query(`CREATE INDEX reactions_user_idx ON reactions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reactions`);
    await q.query(`ALTER TABLE threads DROP CONSTRAINT threads_opening_post_fk`);
    await q.query(`DROP TABLE posts`);
    await q.query(`DROP TABLE threads`);
    await q.query(`DROP TABLE boards`);
  }
}
