import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export const RESET_LINK_MINUTES = 30;

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export type ResetLinkUse = { ok: true; userId: string } | { ok: false };

/**
 * Reset links (migration 1764500002000). Used by the CLI, which makes them with its own
 * DataSource, and by the API, which spends them.
 */
@Injectable()
export class ResetLinksRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Makes a link for the account and records it in the moderation log, in one transaction.
   * Returns the token (shown once) and the account's exact username, or null when there is none.
   */
  async create(username: string, operator: string): Promise<{ token: string; username: string } | null> {
    return this.db.transaction(async (m) => {
      const users: Array<{ id: string; username: string }> = await m.query(
        `SELECT id, username FROM users WHERE lower(username) = lower($1)`,
        [username],
      );
      const user = users[0];
      if (!user) return null;
      const token = randomBytes(32).toString('base64url');
      await m.query(
        `INSERT INTO reset_links (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`,
        [user.id, hashOf(token), RESET_LINK_MINUTES],
      );
      // An account action, not content: naming the account links nothing anonymous.
      await m.query(
        `INSERT INTO moderation_log (moderator_id, moderator_username, action, target_type, target_id, excerpt, message)
         VALUES (NULL, $1, 'reset_link', 'user', $2, $3, $4)`,
        [
          operator.slice(0, 24),
          user.id,
          user.username,
          `An operator (${operator}) made a one-time password reset link for ${user.username}, valid for ${RESET_LINK_MINUTES} minutes.`,
        ],
      );
      return { token, username: user.username };
    });
  }

  /** Spends a link: it must exist, be unused and unexpired. Atomic against two uses at once. */
  async use(token: string): Promise<ResetLinkUse> {
    const rows: Array<{ userId: string }> = await this.db.query(
      `WITH u AS (
         UPDATE reset_links SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING user_id)
       SELECT user_id AS "userId" FROM u`,
      [hashOf(token)],
    );
    return rows[0] ? { ok: true, userId: rows[0].userId } : { ok: false };
  }
}
