import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The recovery_codes table (migration 1764500001000). */
@Injectable()
export class RecoveryCodesRepository {
  constructor(private readonly db: DataSource) {}

  /** Replaces the account's codes with a new set, in one transaction (the old set stops working). */
  async replace(userId: string, codes: Array<{ selector: string; hash: string }>): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [userId]);
      await m.query(
        `INSERT INTO recovery_codes (user_id, selector, code_hash)
         SELECT $1, s, h FROM unnest($2::text[], $3::text[]) AS t(s, h)`,
        [userId, codes.map((c) => c.selector), codes.map((c) => c.hash)],
      );
    });
  }

  async findUnused(userId: string, selector: string): Promise<{ id: string; hash: string } | null> {
    const rows: Array<{ id: string; hash: string }> = await this.db.query(
      `SELECT id, code_hash AS hash FROM recovery_codes WHERE user_id = $1 AND selector = $2 AND used_at IS NULL LIMIT 1`,
      [userId, selector],
    );
    return rows[0] ?? null;
  }

  /** Marks a code used; false when another request used it first. */
  async burn(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH u AS (UPDATE recovery_codes SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id)
       SELECT id FROM u`,
      [id],
    );
    return rows.length > 0;
  }

  async status(userId: string): Promise<{ left: number; saved: boolean }> {
    const rows: Array<{ left: number; saved: boolean }> = await this.db.query(
      `SELECT count(*) FILTER (WHERE used_at IS NULL)::int AS left, coalesce(bool_and(saved), false) AS saved
         FROM recovery_codes WHERE user_id = $1`,
      [userId],
    );
    return rows[0];
  }

  async markSaved(userId: string): Promise<void> {
    await this.db.query(`UPDATE recovery_codes SET saved = true WHERE user_id = $1`, [userId]);
  }
}
