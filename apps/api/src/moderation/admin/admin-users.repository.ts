import { Injectable } from '@nestjs/common';
import type { Role } from '@kindred/contracts';
import { DataSource } from 'typeorm';

export interface AdminUserRow {
  username: string;
  role: Role;
  createdAt: Date;
}

/** The admin screen's username search (prefix, case-insensitive), keyset-paged on lower(username). */
@Injectable()
export class AdminUsersRepository {
  constructor(private readonly db: DataSource) {}

  /** `limit + 1` rows after `after` (a lower-cased username), in lower(username) order. */
  search(q: string, limit: number, after: string | null = null): Promise<AdminUserRow[]> {
    const pattern = `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.db.query(
      `SELECT username, role, created_at AS "createdAt" FROM users
       WHERE lower(username) LIKE $1 AND ($2::text IS NULL OR lower(username) > $2)
       ORDER BY lower(username) LIMIT $3`,
      [pattern, after, limit + 1],
    );
  }
}
