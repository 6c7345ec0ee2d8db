import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moderators' verdicts on automatic detections (was the crisis / sourcing / personal-info
 * detection right?), kept as future training data for the safety model. A row holds the text as
 * the moderator judged it, the detector's label, evidence and scores, and the day — never the
 * author, the moderator, or a time finer than the day. `item_id` only keeps one verdict per item
 * and detector (a second verdict replaces the first); it is cleared when the item goes.
 */
export class DetectionVerdicts1764300000000 implements MigrationInterface {
  name = 'DetectionVerdicts1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE detection_verdicts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid REFERENCES moderation_items(id) ON DELETE SET NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('crisis', 'sourcing', 'personal_info')),
        label varchar(200),
        upheld boolean NOT NULL,
        text text NOT NULL,
        evidence jsonb NOT NULL DEFAULT '[]',
        scores jsonb NOT NULL DEFAULT '{}',
        decided_on date NOT NULL DEFAULT current_date,
        UNIQUE (item_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE detection_verdicts`);
  }
}
