import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A meeting chat message refused by the safety rules (sourcing `likely`, personal details, a
 * watched word to review) is kept as `blocked` for the moderators' queue item: never delivered,
 * never in history, deleted with the rest of the session's chat.
 */
export class ChatBlockedMessages1763700006000 implements MigrationInterface {
  name = 'ChatBlockedMessages1763700006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE chat_messages DROP CONSTRAINT IF EXISTS chat_messages_status_check`);
    await q.query(
      `ALTER TABLE chat_messages ADD CONSTRAINT chat_messages_status_check CHECK (status IN ('visible', 'removed', 'blocked'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM chat_messages WHERE status = 'blocked'`);
    await q.query(`ALTER TABLE chat_messages DROP CONSTRAINT IF EXISTS chat_messages_status_check`);
    await q.query(
      `ALTER TABLE chat_messages ADD CONSTRAINT chat_messages_status_check CHECK (status IN ('visible', 'removed'))`,
    );
  }
}
