import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMeetings1763700003000 implements MigrationInterface {
  name = 'CreateMeetings1763700003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        description text NOT NULL DEFAULT '',
        tags text[] NOT NULL DEFAULT '{}',
        audience varchar(8) NOT NULL CHECK (audience IN ('members', 'open')),
        starts_at timestamptz NOT NULL,
        rrule varchar(300),
        timezone varchar(64) NOT NULL,
        duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 15 AND 180),
        lobby_minutes int NOT NULL DEFAULT 10 CHECK (lobby_minutes BETWEEN 0 AND 30),
        capacity int NOT NULL DEFAULT 50 CHECK (capacity BETWEEN 2 AND 500),
        slow_mode_seconds int NOT NULL DEFAULT 0 CHECK (slow_mode_seconds BETWEEN 0 AND 300),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX meetings_active_idx ON meetings (starts_at) WHERE cancelled_at IS NULL`);
    await q.query(`
      CREATE TABLE meeting_facilitators (
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (meeting_id, user_id)
      )`);
    await q.query(`CREATE INDEX meeting_facilitators_user_idx ON meeting_facilitators (user_id)`);
    await q.query(`
      CREATE TABLE meeting_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        ended_early_at timestamptz,
        cancelled boolean NOT NULL DEFAULT false,
        announced_status varchar(16) NOT NULL DEFAULT 'scheduled',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT meeting_sessions_meeting_start_key UNIQUE (meeting_id, starts_at)
      )`);
    await q.query(`CREATE INDEX meeting_sessions_ends_at_idx ON meeting_sessions (ends_at)`);
    await q.query(`
      CREATE TABLE meeting_rsvps (
        session_id uuid NOT NULL REFERENCES meeting_sessions(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE chat_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES meeting_sessions(id) ON DELETE CASCADE,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        display_name varchar(64) NOT NULL,
        is_facilitator boolean NOT NULL DEFAULT false,
        client_id varchar(64) NOT NULL,
        body text NOT NULL,
        status varchar(8) NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'removed')),
        removed_reason varchar(500),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT chat_messages_idempotency_key UNIQUE (session_id, author_id, client_id)
      )`);
    await q.query(`CREATE INDEX chat_messages_session_order_idx ON chat_messages (session_id, created_at, id)`);
    await q.query(`
      CREATE TABLE meeting_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        session_id uuid REFERENCES meeting_sessions(id) ON DELETE SET NULL,
        actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        action varchar(32) NOT NULL,
        target_display_name varchar(64),
        message_id uuid,
        reason varchar(500),
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX meeting_actions_created_idx ON meeting_actions (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_actions`);
    await q.query(`DROP TABLE chat_messages`);
    await q.query(`DROP TABLE meeting_rsvps`);
    await q.query(`DROP TABLE meeting_sessions`);
    await q.query(`DROP TABLE meeting_facilitators`);
    await q.query(`DROP TABLE meetings`);
  }
}
