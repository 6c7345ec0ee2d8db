import { Injectable } from '@nestjs/common';
import type { Role } from '@kindred/contracts';
import { DataSource } from 'typeorm';

export interface AdminUserRow {
  username: string;
  role: Role;
  createdAt: Date;
}

/** The admin screen's username search (prefix, case-insensitive). */
@Injectable()
export class AdminUsersRepository {
  constructor(private readonly db: DataSource) {}

  search(q: string, limit: number): Promise<AdminUserRow[]> {
    const pattern = `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.db.query(
      `SELECT username, role, created_at AS "createdAt" FROM users
       WHERE lower(username) LIKE $1 ORDER BY lower(username) LIMIT ${limit}`,
      [pattern],
    );
  }
}
