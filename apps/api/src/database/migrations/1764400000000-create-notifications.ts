import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification centre, follow levels, and the outbox of a new post.
 *
 * A published post (or a held one once it is approved) enqueues its fan-out job from a trigger,
 * inside the transaction that stores it: the reply stays one statement for the request and a
 * crash after commit cannot lose the job. The job (notifications/fan-out.job.ts) runs in
 * graphile-worker, whose schema the app installs at start-up; until it exists jobs wait in job_backlog.
 * Moderation notices get a row in the centre from a trigger too, and read marks flow both ways.
 */
export class CreateNotifications1764400000000 implements MigrationInterface {
  name = 'CreateNotifications1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN auto_watch boolean NOT NULL DEFAULT true`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind varchar(24) NOT NULL CHECK (kind IN ('reply', 'mention', 'thread', 'meeting_opening', 'milestone',
          'removal', 'warning', 'suspension', 'appeal_result')),
        thread_id uuid REFERENCES threads (id) ON DELETE CASCADE,
        post_id uuid REFERENCES posts (id) ON DELETE CASCADE,
        notice_id uuid REFERENCES notices (id) ON DELETE CASCADE,
        actor_name varchar(60),
        count int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        read_at timestamptz
      )`);
    // The centre, newest first (keyset on the same columns), and the unread badge.
    await q.query(
      `CREATE INDEX notifications_user_keyset_idx ON notifications (user_id, created_at DESC, id DESC) INCLUDE (read_at)`,
    );
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);
    // Several replies to one thread collapse into one unread item until it is read.
    await q.query(
      `CREATE UNIQUE INDEX notifications_collapse_idx ON notifications (user_id, thread_id, kind)
         WHERE read_at IS NULL AND kind IN ('reply', 'thread')`,
    );
    await q.query(`CREATE INDEX notifications_notice_idx ON notifications (notice_id) WHERE notice_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE thread_follows (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        thread_id uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        level varchar(16) NOT NULL CHECK (level IN ('watching', 'normal', 'muted')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, thread_id)
      )`);
    await q.query(`CREATE INDEX thread_follows_thread_idx ON thread_follows (thread_id, level)`);
    await q.query(`
      CREATE TABLE board_follows (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        board_id uuid NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        level varchar(16) NOT NULL CHECK (level IN ('watching', 'normal')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, board_id)
      )`);
    await q.query(`CREATE INDEX board_follows_board_idx ON board_follows (board_id, level)`);
    // A post's notifications are created once, however often its job runs or it is re-published.
    await q.query(
      `CREATE TABLE notified_posts (post_id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())`,
    );

    // Jobs enqueued before this process has installed graphile-worker's schema (the first seconds
    // of a brand-new database) wait here; the job queue moves them over once it is installed.
    await q.query(`
      CREATE TABLE job_backlog (
        id bigserial PRIMARY KEY,
        identifier text NOT NULL,
        payload json NOT NULL,
        job_key text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE FUNCTION kindred_add_job(p_identifier text, p_payload json, p_job_key text) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        IF to_regprocedure('graphile_worker.add_job(text,json,text,timestamptz,integer,text,integer,text[],text)') IS NULL THEN
          INSERT INTO job_backlog (identifier, payload, job_key) VALUES (p_identifier, p_payload, p_job_key);
        ELSE
          PERFORM graphile_worker.add_job(p_identifier, p_payload, max_attempts := 10, job_key := p_job_key);
        END IF;
      END $$`);
    await q.query(`
      CREATE FUNCTION kindred_enqueue_post_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Bulk seeding (the benchmarks) sets kindred.no_notify so that made-up history notifies nobody.
        IF current_setting('kindred.no_notify', true) = 'on' THEN
          RETURN NULL;
        END IF;
        -- You watch the threads you start and reply to, unless you turned that off.
        IF TG_OP = 'INSERT' AND NEW.author_id IS NOT NULL THEN
          INSERT INTO thread_follows (user_id, thread_id, level)
          SELECT u.id, NEW.thread_id, 'watching' FROM users u WHERE u.id = NEW.author_id AND u.auto_watch
          ON CONFLICT DO NOTHING;
        END IF;
        IF NEW.status = 'published' THEN
          PERFORM kindred_add_job('notify_post', json_build_object('postId', NEW.id), 'notify_post:' || NEW.id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER posts_notifications_insert AFTER INSERT ON posts
         FOR EACH ROW EXECUTE FUNCTION kindred_enqueue_post_notifications()`,
    );
    // A held post notifies once a moderator approves it (and never again after hide/unhide).
    await q.query(
      `CREATE TRIGGER posts_notifications_publish AFTER UPDATE OF status ON posts
         FOR EACH ROW WHEN (OLD.status = 'held' AND NEW.status = 'published')
         EXECUTE FUNCTION kindred_enqueue_post_notifications()`,
    );

    // Moderation notices are kinds of the same centre; their appeal flow stays in /api/me/notices.
    await q.query(`
      CREATE FUNCTION kindred_notice_to_centre() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO notifications (user_id, kind, notice_id, created_at, read_at)
        VALUES (NEW.user_id, NEW.kind, NEW.id, NEW.created_at, NEW.read_at);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER notices_to_centre AFTER INSERT ON notices FOR EACH ROW EXECUTE FUNCTION kindred_notice_to_centre()`,
    );
    await q.query(`
      CREATE FUNCTION kindred_notice_read() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'notices' THEN
          UPDATE notifications SET read_at = NEW.read_at WHERE notice_id = NEW.id AND read_at IS NULL;
        ELSIF NEW.notice_id IS NOT NULL THEN
          UPDATE notices SET read_at = NEW.read_at WHERE id = NEW.notice_id AND read_at IS NULL;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER notices_read AFTER UPDATE OF read_at ON notices
         FOR EACH ROW WHEN (OLD.read_at IS NULL AND NEW.read_at IS NOT NULL) EXECUTE FUNCTION kindred_notice_read()`,
    );
    await q.query(
      `CREATE TRIGGER notifications_notice_read AFTER UPDATE OF read_at ON notifications
         FOR EACH ROW WHEN (OLD.read_at IS NULL AND NEW.read_at IS NOT NULL AND NEW.notice_id IS NOT NULL)
         EXECUTE FUNCTION kindred_notice_read()`,
    );
    // Notices that exist already join the centre.
    await q.query(
      `INSERT INTO notifications (user_id, kind, notice_id, created_at, read_at)
       SELECT user_id, kind, id, created_at, read_at FROM notices`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER notifications_notice_read ON notifications`);
    await q.query(`DROP TRIGGER notices_read ON notices`);
    await q.query(`DROP FUNCTION kindred_notice_read()`);
    await q.query(`DROP TRIGGER notices_to_centre ON notices`);
    await q.query(`DROP FUNCTION kindred_notice_to_centre()`);
    await q.query(`DROP TRIGGER posts_notifications_publish ON posts`);
    await q.query(`DROP TRIGGER posts_notifications_insert ON posts`);
    await q.query(`DROP FUNCTION kindred_enqueue_post_notifications()`);
    await q.query(`DROP FUNCTION kindred_add_job(text, json, text)`);
    await q.query(`DROP TABLE job_backlog`);
    await q.query(`DROP TABLE notified_posts`);
    await q.query(`DROP TABLE board_follows`);
    await q.query(`DROP TABLE thread_follows`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`ALTER TABLE users DROP COLUMN auto_watch`);
  }
}
