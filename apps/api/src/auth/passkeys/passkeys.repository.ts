import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface PasskeyRow {
  id: string;
  userId: string;
  publicKey: Buffer;
  counter: number;
  transports: string[];
  name: string;
  createdAt: Date;
}

const COLUMNS = `id, user_id AS "userId", public_key AS "publicKey", counter::int AS counter, transports, name, created_at AS "createdAt"`;
const CHALLENGE_MINUTES = 5;

/** The passkeys and webauthn_challenges tables (migration 1764500003000). */
@Injectable()
export class PasskeysRepository {
  constructor(private readonly db: DataSource) {}

  async saveChallenge(challenge: string, purpose: 'register' | 'sign-in', userId: string | null): Promise<void> {
    await this.db.query(`DELETE FROM webauthn_challenges WHERE expires_at < now()`);
    await this.db.query(
      `INSERT INTO webauthn_challenges (challenge, purpose, user_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
      [challenge, purpose, userId, CHALLENGE_MINUTES],
    );
  }

  /** Spends a challenge (once, on any process); false when unknown, expired, used or another account's. */
  async takeChallenge(challenge: string, purpose: 'register' | 'sign-in', userId: string | null): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH d AS (DELETE FROM webauthn_challenges
                   WHERE challenge = $1 AND purpose = $2 AND user_id IS NOT DISTINCT FROM $3 AND expires_at > now()
                   RETURNING 1)
       SELECT 1 FROM d`,
      [challenge, purpose, userId],
    );
    return rows.length > 0;
  }

  async add(row: Omit<PasskeyRow, 'createdAt'>): Promise<void> {
    await this.db.query(
      `INSERT INTO passkeys (id, user_id, public_key, counter, transports, name) VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, row.userId, row.publicKey, row.counter, row.transports, row.name],
    );
  }

  async find(id: string): Promise<PasskeyRow | null> {
    const rows: PasskeyRow[] = await this.db.query(`SELECT ${COLUMNS} FROM passkeys WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  listForUser(userId: string): Promise<PasskeyRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM passkeys WHERE user_id = $1 ORDER BY created_at, id`, [userId]);
  }

  async setCounter(id: string, counter: number): Promise<void> {
    await this.db.query(`UPDATE passkeys SET counter = $2 WHERE id = $1`, [id, counter]);
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH d AS (DELETE FROM passkeys WHERE id = $1 AND user_id = $2 RETURNING 1) SELECT 1 FROM d`,
      [id, userId],
    );
    return rows.length > 0;
  }
}
