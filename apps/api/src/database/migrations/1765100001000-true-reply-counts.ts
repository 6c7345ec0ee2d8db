import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A thread's reply count is the replies a reader can read: published, or hidden while a
 * moderator looks. Deleted and removed replies used to stay counted, so a board said "3 replies"
 * over a thread showing two; this recounts every thread once.
 */
export class TrueReplyCounts1765100001000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE threads t SET reply_count = c.n
        FROM (SELECT t2.id, count(p.id)::int AS n
                FROM threads t2
                LEFT JOIN posts p ON p.thread_id = t2.id AND p.id IS DISTINCT FROM t2.opening_post_id
                                 AND p.status IN ('published', 'hidden')
               GROUP BY t2.id) c
       WHERE c.id = t.id AND t.reply_count <> c.n`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE threads t SET reply_count = c.n
        FROM (SELECT t2.id, count(p.id)::int AS n
                FROM threads t2
                LEFT JOIN posts p ON p.thread_id = t2.id AND p.id IS DISTINCT FROM t2.opening_post_id
                                 AND p.status <> 'held'
               GROUP BY t2.id) c
       WHERE c.id = t.id AND t.reply_count <> c.n`);
  }
}
