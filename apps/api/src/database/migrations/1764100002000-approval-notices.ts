import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A notice of kind `approval`: held content a moderator approved is published, and its author is told. */
export class ApprovalNotices1764100002000 implements MigrationInterface {
  name = 'ApprovalNotices1764100002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notices DROP CONSTRAINT IF EXISTS notices_kind_check`);
    await q.query(
      `ALTER TABLE notices ADD CONSTRAINT notices_kind_check CHECK (kind IN ('removal', 'warning', 'suspension', 'appeal_result', 'approval'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notices WHERE kind = 'approval'`);
    await q.query(`ALTER TABLE notices DROP CONSTRAINT IF EXISTS notices_kind_check`);
    await q.query(
      `ALTER TABLE notices ADD CONSTRAINT notices_kind_check CHECK (kind IN ('removal', 'warning', 'suspension', 'appeal_result'))`,
    );
  }
}
