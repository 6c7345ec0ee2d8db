import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * New items of the centre enqueue one `send_push` job per statement (a statement-level trigger
 * with a transition table), only for members with a device subscribed: a reply fanned out to a
 * thousand watchers is one job that pushes in batches, in the transaction that made the items.
 * A collapsed reply (an UPDATE of the unread item) pushes nothing more until the item is read.
 */
export class PushJob1765200001000 implements MigrationInterface {
  name = 'PushJob1765200001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION kindred_enqueue_push() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ids uuid[];
      BEGIN
        IF current_setting('kindred.no_notify', true) = 'on' THEN
          RETURN NULL;
        END IF;
        SELECT array_agg(n.id) INTO ids FROM new_items n
        WHERE n.read_at IS NULL AND EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.user_id = n.user_id);
        IF ids IS NOT NULL THEN
          PERFORM kindred_add_job('send_push', json_build_object('ids', ids), NULL);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER notifications_push AFTER INSERT ON notifications REFERENCING NEW TABLE AS new_items
         FOR EACH STATEMENT EXECUTE FUNCTION kindred_enqueue_push()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER notifications_push ON notifications`);
    await q.query(`DROP FUNCTION kindred_enqueue_push()`);
  }
}
