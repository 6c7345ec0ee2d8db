import type { MigrationInterface, QueryRunner } from 'typeorm';

const NOTICE_KINDS = `'removal', 'warning', 'suspension', 'appeal_result', 'approval'`;
const CENTRE_KINDS = `'reply', 'mention', 'thread', 'meeting_opening', 'milestone', 'removal', 'warning', 'suspension',
  'appeal_result', 'approval'`;

/**
 * Supportive crisis actions and further actions on an item (issue 15):
 * - `outreach`: a moderator's private, kind message with the crisis resources, sent to the author
 *   of the content (a notice, so the notices-to-centre trigger puts it in the centre too);
 * - `moderation_log.item_id`: which queue item an action was taken from, so an item shows what was
 *   done to it and by whom (plain column: the log is append-only, so no ON DELETE action on it);
 * - `moderation_items.crisis_checked`: a moderator checked on the person; a crisis detection no
 *   longer makes the item urgent (a new crisis flag still does).
 */
export class SupportiveActions1765000001000 implements MigrationInterface {
  name = 'SupportiveActions1765000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notices DROP CONSTRAINT IF EXISTS notices_kind_check`);
    await q.query(
      `ALTER TABLE notices ADD CONSTRAINT notices_kind_check CHECK (kind IN (${NOTICE_KINDS}, 'outreach'))`,
    );
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${CENTRE_KINDS}, 'outreach'))`,
    );
    await q.query(`ALTER TABLE moderation_log ADD COLUMN item_id uuid`);
    await q.query(`CREATE INDEX moderation_log_item_idx ON moderation_log (item_id, at) WHERE item_id IS NOT NULL`);
    await q.query(`ALTER TABLE moderation_items ADD COLUMN crisis_checked boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE moderation_items DROP COLUMN crisis_checked`);
    await q.query(`DROP INDEX moderation_log_item_idx`);
    await q.query(`ALTER TABLE moderation_log DROP COLUMN item_id`);
    await q.query(`DELETE FROM notifications WHERE kind = 'outreach'`);
    await q.query(`DELETE FROM notices WHERE kind = 'outreach'`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${CENTRE_KINDS}))`,
    );
    await q.query(`ALTER TABLE notices DROP CONSTRAINT IF EXISTS notices_kind_check`);
    await q.query(`ALTER TABLE notices ADD CONSTRAINT notices_kind_check CHECK (kind IN (${NOTICE_KINDS}))`);
  }
}
