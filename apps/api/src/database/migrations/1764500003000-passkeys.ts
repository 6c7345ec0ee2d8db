import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Passkeys (WebAuthn credentials): a second way in, never a requirement. `webauthn_challenges`
 * holds each ceremony's challenge for five minutes; verifying deletes it, so a challenge works
 * once on every process.
 */
export class Passkeys1764500003000 implements MigrationInterface {
  name = 'Passkeys1764500003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE passkeys (
        id text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        public_key bytea NOT NULL,
        counter bigint NOT NULL DEFAULT 0,
        transports text[] NOT NULL DEFAULT '{}',
        name varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('hour', now())
      )`);
    await q.query(`CREATE INDEX passkeys_user_idx ON passkeys (user_id)`);
    await q.query(`
      CREATE TABLE webauthn_challenges (
        challenge text PRIMARY KEY,
        purpose varchar(16) NOT NULL CHECK (purpose IN ('register', 'sign-in')),
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS webauthn_challenges`);
    await q.query(`DROP TABLE IF EXISTS passkeys`);
  }
}
