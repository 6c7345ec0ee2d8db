import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A log row's message is the action's summary ("Post removed.") joined to the moderator's note
 * (up to 1000 characters) with " — ", so it can be longer than 1000 characters: the column was
 * varchar(1000) and the end of a long note was cut off. `text` keeps the whole message; widening
 * varchar to text is a catalogue change (no rewrite, no UPDATE, so the append-only trigger is
 * not involved).
 */
export class ModerationLogMessageText1763700009000 implements MigrationInterface {
  name = 'ModerationLogMessageText1763700009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE moderation_log ALTER COLUMN message TYPE text`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Narrowing would have to cut rows the append-only log must not change: refuse instead.
    const rows: Array<{ n: number }> = await q.query(
      `SELECT count(*)::int AS n FROM moderation_log WHERE length(message) > 1000`,
    );
    if (rows[0].n > 0) {
      throw new Error(
        `moderation_log has ${rows[0].n} messages over 1000 characters; they cannot be narrowed back to varchar(1000).`,
      );
    }
    await q.query(`ALTER TABLE moderation_log ALTER COLUMN message TYPE varchar(1000)`);
  }
}
