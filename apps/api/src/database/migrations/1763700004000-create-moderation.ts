import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Flags, the review queue, the append-only moderation log, notices and appeals. */
export class CreateModeration1763700004000 implements MigrationInterface {
  name = 'CreateModeration1763700004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE moderation_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(16) NOT NULL DEFAULT 'flag' CHECK (kind IN ('flag', 'appeal')),
        target_type varchar(16) NOT NULL CHECK (target_type IN ('thread', 'post', 'message')),
        target_id uuid NOT NULL,
        priority varchar(16) NOT NULL DEFAULT 'normal' CHECK (priority IN ('urgent', 'high', 'normal')),
        priority_rank smallint GENERATED ALWAYS AS (
          CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END
        ) STORED,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        claimed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        first_flagged_at timestamptz(3) NOT NULL DEFAULT now(),
        last_flagged_at timestamptz(3) NOT NULL DEFAULT now(),
        resolved_at timestamptz(3),
        hidden boolean NOT NULL DEFAULT false,
        content_warned boolean NOT NULL DEFAULT false,
        detection jsonb NOT NULL DEFAULT '[]'::jsonb,
        appeal_id uuid
      )`);
    // One open flag item per target; appeals are one item per appeal.
    await q.query(`
      CREATE UNIQUE INDEX moderation_items_open_target_key ON moderation_items (target_type, target_id)
      WHERE status = 'open' AND kind = 'flag'`);
    await q.query(
      `CREATE UNIQUE INDEX moderation_items_appeal_key ON moderation_items (appeal_id) WHERE appeal_id IS NOT NULL`,
    );
    await q.query(`
      CREATE INDEX moderation_items_queue_idx ON moderation_items (priority_rank, first_flagged_at, id)
      WHERE status = 'open'`);
    await q.query(`
      CREATE INDEX moderation_items_resolved_idx ON moderation_items (resolved_at DESC, id DESC)
      WHERE status = 'resolved'`);

    await q.query(`
      CREATE TABLE flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        target_type varchar(16) NOT NULL CHECK (target_type IN ('thread', 'post', 'message')),
        target_id uuid NOT NULL,
        item_id uuid NOT NULL REFERENCES moderation_items(id) ON DELETE CASCADE,
        flagger_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        reason varchar(32) NOT NULL,
        note varchar(500),
        weight smallint NOT NULL CHECK (weight > 0),
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'rejected')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT flags_one_per_member UNIQUE (target_type, target_id, flagger_id)
      )`);
    await q.query(`CREATE INDEX flags_item_idx ON flags (item_id)`);
    await q.query(`CREATE INDEX flags_flagger_idx ON flags (flagger_id, created_at)`);

    await q.query(`
      CREATE TABLE moderation_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        moderator_id uuid,
        moderator_username varchar(24),
        action varchar(32) NOT NULL,
        target_type varchar(16),
        target_id uuid,
        excerpt varchar(300),
        reason varchar(64),
        message varchar(1000)
      )`);
    await q.query(`CREATE INDEX moderation_log_at_idx ON moderation_log (at DESC, id DESC)`);
    // The log is append-only: the database itself refuses to change or delete a row.
    await q.query(`
      CREATE FUNCTION moderation_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'moderation_log is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER moderation_log_no_change BEFORE UPDATE OR DELETE ON moderation_log
      FOR EACH ROW EXECUTE FUNCTION moderation_log_append_only()`);
    await q.query(`
      CREATE TRIGGER moderation_log_no_truncate BEFORE TRUNCATE ON moderation_log
      FOR EACH STATEMENT EXECUTE FUNCTION moderation_log_append_only()`);

    await q.query(`
      CREATE TABLE notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('removal', 'warning', 'suspension', 'appeal_result')),
        target_type varchar(16),
        target_id uuid,
        excerpt varchar(300),
        reason varchar(64),
        message varchar(1000),
        suspended_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        appealable boolean NOT NULL DEFAULT false,
        appeal_id uuid
      )`);
    await q.query(`CREATE INDEX notices_user_idx ON notices (user_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE appeals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notice_id uuid NOT NULL UNIQUE REFERENCES notices(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        message varchar(1000) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'upheld', 'reversed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE appeals`);
    await q.query(`DROP TABLE notices`);
    await q.query(`DROP TABLE moderation_log`);
    await q.query(`DROP FUNCTION moderation_log_append_only()`);
    await q.query(`DROP TABLE flags`);
    await q.query(`DROP TABLE moderation_items`);
  }
}
