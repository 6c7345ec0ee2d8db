import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A thread's opening post is the thread, for moderation (issue 15): a flag or a detection on the
 * opening post joins the thread's one open queue item, and removing or hiding it takes down the
 * whole thread. A trigger rewrites ('post', opening post) to ('thread', its thread) on every new
 * flag item and flag, so every path (flags, moderator actions, the safety detectors) meets the one
 * partial unique index on open items per target, and the upserts there join the item.
 *
 * Existing data is merged: open items on an opening post are folded into the thread's open item
 * (flags, detections, priority, hidden state), the rest re-pointed; a thread whose opening post was
 * removed or hidden takes that status itself; boards count published threads only.
 */
export class OneItemPerTarget1765000000000 implements MigrationInterface {
  name = 'OneItemPerTarget1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION kindred_moderation_target() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE thread uuid;
      BEGIN
        -- Appeals (kind 'appeal') keep the target of the notice they appeal.
        IF TG_TABLE_NAME = 'moderation_items' THEN
          IF to_jsonb(NEW) ->> 'kind' <> 'flag' THEN
            RETURN NEW;
          END IF;
        END IF;
        IF NEW.target_type = 'post' THEN
          SELECT t.id INTO thread FROM posts p JOIN threads t ON t.id = p.thread_id AND t.opening_post_id = p.id
           WHERE p.id = NEW.target_id;
          IF thread IS NOT NULL THEN
            NEW.target_type := 'thread';
            NEW.target_id := thread;
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER moderation_items_target BEFORE INSERT ON moderation_items
      FOR EACH ROW EXECUTE FUNCTION kindred_moderation_target()`);
    await q.query(`CREATE TRIGGER flags_target BEFORE INSERT ON flags
      FOR EACH ROW EXECUTE FUNCTION kindred_moderation_target()`);
    await mergeOpeningPostItems(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER flags_target ON flags`);
    await q.query(`DROP TRIGGER moderation_items_target ON moderation_items`);
    await q.query(`DROP FUNCTION kindred_moderation_target()`);
  }
}

/** Folds items and flags on opening posts into their threads' (idempotent; also used by a test). */
export async function mergeOpeningPostItems(q: { query(sql: string): Promise<unknown> }): Promise<void> {
  await q.query(`DROP TABLE IF EXISTS opening_item_merge`);
  await q.query(`
    CREATE TEMP TABLE opening_item_merge AS
    SELECT pi.id AS from_id, t.id AS thread_id,
      (SELECT ti.id FROM moderation_items ti
        WHERE ti.target_type = 'thread' AND ti.target_id = t.id AND ti.kind = 'flag' AND ti.status = 'open'
          AND pi.status = 'open') AS into_id
    FROM moderation_items pi
    JOIN posts p ON pi.target_type = 'post' AND p.id = pi.target_id
    JOIN threads t ON t.id = p.thread_id AND t.opening_post_id = p.id
    WHERE pi.kind = 'flag'`);
  // Two open items for one thread: the thread's keeps everything of the post's.
  await q.query(`
    UPDATE moderation_items ti SET
      detection = ti.detection || pi.detection,
      priority = CASE WHEN pi.priority_rank < ti.priority_rank THEN pi.priority ELSE ti.priority END,
      first_flagged_at = least(ti.first_flagged_at, pi.first_flagged_at),
      last_flagged_at = greatest(ti.last_flagged_at, pi.last_flagged_at),
      hidden = ti.hidden OR pi.hidden,
      content_warned = ti.content_warned OR pi.content_warned,
      claimed_by = coalesce(ti.claimed_by, pi.claimed_by)
    FROM opening_item_merge m JOIN moderation_items pi ON pi.id = m.from_id
    WHERE m.into_id IS NOT NULL AND ti.id = m.into_id`);
  await q.query(`UPDATE flags f SET item_id = m.into_id FROM opening_item_merge m
    WHERE m.into_id IS NOT NULL AND f.item_id = m.from_id`);
  await q.query(`UPDATE detection_verdicts v SET item_id = m.into_id FROM opening_item_merge m
    WHERE m.into_id IS NOT NULL AND v.item_id = m.from_id
      AND NOT EXISTS (SELECT 1 FROM detection_verdicts w WHERE w.item_id = m.into_id AND w.kind = v.kind)`);
  await q.query(
    `DELETE FROM moderation_items i USING opening_item_merge m WHERE m.into_id IS NOT NULL AND i.id = m.from_id`,
  );
  // The others simply become the thread's item (at most one of them is open: see the partial index).
  await q.query(`UPDATE moderation_items i SET target_type = 'thread', target_id = m.thread_id
    FROM opening_item_merge m WHERE m.into_id IS NULL AND i.id = m.from_id`);
  // A member's flag on the opening post is their flag on the thread (unless they flagged both).
  await q.query(`
    UPDATE flags f SET target_type = 'thread', target_id = t.id
    FROM posts p JOIN threads t ON t.id = p.thread_id AND t.opening_post_id = p.id
    WHERE f.target_type = 'post' AND p.id = f.target_id
      AND NOT EXISTS (SELECT 1 FROM flags g WHERE g.target_type = 'thread' AND g.target_id = t.id
                       AND g.flagger_id = f.flagger_id)`);
  // A removed or hidden opening post takes its thread down with it; the post itself is the thread's.
  await q.query(`
    WITH down AS (
      UPDATE threads t SET status = p.status, status_reason = p.status_reason
      FROM posts p WHERE p.id = t.opening_post_id AND p.status IN ('removed', 'hidden') AND t.status = 'published'
      RETURNING t.opening_post_id
    )
    UPDATE posts p SET status = 'published', status_reason = NULL FROM down WHERE p.id = down.opening_post_id`);
  // Boards count the threads their readers can see.
  await q.query(`
    UPDATE boards b SET thread_count = (SELECT count(*) FROM threads t WHERE t.board_id = b.id AND t.status = 'published')`);
  await q.query(`DROP TABLE opening_item_merge`);
}
