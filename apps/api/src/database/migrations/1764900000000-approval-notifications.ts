import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approval notices (held content a moderator published) are a kind of the notification centre
 * too: the notices-to-centre trigger copies every notice, so the centre must accept the kind.
 */
export class ApprovalNotifications1764900000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('reply', 'mention', 'thread',
        'meeting_opening', 'milestone', 'removal', 'warning', 'suspension', 'appeal_result', 'approval'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications WHERE kind = 'approval'`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('reply', 'mention', 'thread',
        'meeting_opening', 'milestone', 'removal', 'warning', 'suspension', 'appeal_result'))`,
    );
  }
}
