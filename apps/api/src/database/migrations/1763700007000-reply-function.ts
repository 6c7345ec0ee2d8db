import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reply in one statement. Replies to a thread serialise on the thread's row (its counters, and
 * the anonymous alias must be unique per thread); doing that over several client round trips
 * held the lock while the API's event loop got round to the next statement — under load about
 * 25 ms per reply, capping one thread at ~40 replies a second. This function takes the lock,
 * checks the thread, picks the alias from the caller's candidates (each statement of a VOLATILE
 * function sees what the previous lock holder committed), inserts the post, bumps the thread's
 * counters and — at most once a second — the board's last activity, all inside PostgreSQL.
 *
 * Outcomes: `created`, `missing` (no such thread), `refused` (not writable: the caller's rules
 * decide the message), `target_missing` (replyToId not in the thread), `no_alias` (every
 * candidate is taken by someone else; the caller retries with the full search).
 */
export class ReplyFunction1763700007000 implements MigrationInterface {
  name = 'ReplyFunction1763700007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION kindred_create_reply(
        p_id uuid, p_thread uuid, p_author uuid, p_anonymous boolean, p_body text, p_html text,
        p_reply_to uuid, p_content_warning text, p_status text, p_status_reason text,
        p_candidates text[], p_moderator boolean
      ) RETURNS TABLE (
        outcome text, board_id uuid, board_slug text, board_archived boolean, author_id uuid,
        status text, locked boolean, alias text, created_at timestamptz, cursor_micros text,
        reply_count int, last_activity_at timestamptz
      ) LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      DECLARE
        t record;
        chosen text;
        counted boolean := p_status <> 'held';
      BEGIN
        SELECT th.board_id, b.slug, b.archived, th.author_id, th.status, th.locked INTO t
          FROM threads th JOIN boards b ON b.id = th.board_id
         WHERE th.id = p_thread FOR UPDATE OF th;
        IF NOT FOUND THEN
          outcome := 'missing';
          RETURN NEXT;
          RETURN;
        END IF;
        board_id := t.board_id; board_slug := t.slug; board_archived := t.archived;
        author_id := t.author_id; status := t.status; locked := t.locked;
        IF t.archived OR t.locked OR t.status IN ('removed', 'deleted')
           OR NOT (t.status IN ('published', 'hidden') OR p_moderator OR t.author_id IS NOT DISTINCT FROM p_author) THEN
          outcome := 'refused';
          RETURN NEXT;
          RETURN;
        END IF;
        IF p_reply_to IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM posts r WHERE r.id = p_reply_to AND r.thread_id = p_thread) THEN
          outcome := 'target_missing';
          RETURN NEXT;
          RETURN;
        END IF;
        IF p_anonymous THEN
          SELECT o.alias INTO chosen FROM posts o
           WHERE o.thread_id = p_thread AND o.anonymous AND o.author_id = p_author LIMIT 1;
          IF chosen IS NULL THEN
            SELECT c.alias INTO chosen FROM unnest(p_candidates) WITH ORDINALITY AS c(alias, n)
             WHERE NOT EXISTS (SELECT 1 FROM posts o
                                WHERE o.thread_id = p_thread AND o.anonymous AND o.alias = c.alias
                                  AND o.author_id IS DISTINCT FROM p_author)
             ORDER BY c.n LIMIT 1;
          END IF;
          IF chosen IS NULL THEN
            outcome := 'no_alias';
            RETURN NEXT;
            RETURN;
          END IF;
        END IF;
        INSERT INTO posts AS p (id, thread_id, author_id, anonymous, alias, body, html, reply_to_id,
                                content_warning, status, status_reason)
        VALUES (p_id, p_thread, p_author, p_anonymous, chosen, p_body, p_html, p_reply_to,
                p_content_warning, p_status, p_status_reason)
        RETURNING p.alias, p.created_at, ((extract(epoch FROM p.created_at) * 1000000)::bigint)::text
          INTO alias, created_at, cursor_micros;
        IF counted THEN
          UPDATE threads th SET reply_count = th.reply_count + 1, last_activity_at = now()
           WHERE th.id = p_thread
          RETURNING th.reply_count, th.last_activity_at INTO reply_count, last_activity_at;
          -- The board's last activity moves at most once a second (all its threads' replies would
          -- otherwise queue on the one board row).
          UPDATE boards b SET last_activity_at = now()
           WHERE b.id = t.board_id AND (b.last_activity_at IS NULL OR b.last_activity_at < now() - interval '1 second');
        END IF;
        outcome := 'created';
        RETURN NEXT;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION IF EXISTS kindred_create_reply(uuid, uuid, uuid, boolean, text, text, uuid, text, text, text, text[], boolean)`,
    );
  }
}
