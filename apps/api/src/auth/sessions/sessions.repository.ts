import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SessionRow {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  label: string;
}

const COLUMNS = `id, user_id AS "userId", created_at AS "createdAt", last_seen_at AS "lastSeenAt", label`;

// UPDATE/DELETE … RETURNING are wrapped in a CTE: TypeORM answers a bare one with [rows, count].

/** The sessions table (migration 1764500000000). Deleting a row signs that device out. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: DataSource) {}

  async create(userId: string, label: string): Promise<SessionRow> {
    const rows: SessionRow[] = await this.db.query(
      `INSERT INTO sessions (user_id, label) VALUES ($1, $2) RETURNING ${COLUMNS}`,
      [userId, label],
    );
    return rows[0];
  }

  async find(id: string): Promise<SessionRow | null> {
    const rows: SessionRow[] = await this.db.query(`SELECT ${COLUMNS} FROM sessions WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  listForUser(userId: string): Promise<SessionRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM sessions WHERE user_id = $1 ORDER BY last_seen_at DESC, created_at DESC`,
      [userId],
    );
  }

  /** Marks the session seen in the current hour (at most one write per session per hour). */
  async touch(id: string): Promise<void> {
    await this.db.query(
      `UPDATE sessions SET last_seen_at = date_trunc('hour', now()) WHERE id = $1 AND last_seen_at < date_trunc('hour', now())`,
      [id],
    );
  }

  /** Deletes one of this account's sessions; false when there was none. */
  async delete(userId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH d AS (DELETE FROM sessions WHERE id = $1 AND user_id = $2 RETURNING id) SELECT id FROM d`,
      [id, userId],
    );
    return rows.length > 0;
  }

  /** Deletes every session of the account except `keep` (null: all); returns the ids deleted. */
  async deleteAllBut(userId: string, keep: string | null): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `WITH d AS (DELETE FROM sessions WHERE user_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid) RETURNING id)
       SELECT id FROM d`,
      [userId, keep],
    );
    return rows.map((r) => r.id);
  }
}
