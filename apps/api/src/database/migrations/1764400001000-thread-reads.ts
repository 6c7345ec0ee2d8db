import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Unread tracking: per member per thread, the last post they read (its time and id, so "posts
 * after it" is a range on posts_thread_keyset_idx). Guests get nothing stored.
 */
export class ThreadReads1764400001000 implements MigrationInterface {
  name = 'ThreadReads1764400001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE thread_reads (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        thread_id uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        last_post_id uuid NOT NULL,
        last_post_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, thread_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE thread_reads`);
  }
}
