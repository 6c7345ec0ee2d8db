import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alias each member carries in one meeting session, unique within the session (two members
 * were both "Mending Reed"). Deleted with the session, the account, and by chat retention.
 */
export class SessionAliases1764100001000 implements MigrationInterface {
  name = 'SessionAliases1764100001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_session_aliases (
        session_id uuid NOT NULL REFERENCES meeting_sessions(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        alias varchar(64) NOT NULL,
        PRIMARY KEY (session_id, user_id),
        CONSTRAINT meeting_session_aliases_unique UNIQUE (session_id, alias)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_session_aliases`);
  }
}
