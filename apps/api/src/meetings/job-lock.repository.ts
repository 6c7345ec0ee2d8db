import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Runs a job in at most one process at a time with a PostgreSQL advisory lock, held on one
 * dedicated connection for the job's duration. When another process holds it, the job is skipped.
 */
@Injectable()
export class JobLockRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async runExclusive(key: string, job: () => Promise<void>): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [key])) as Array<{
        locked: boolean;
      }>;
      if (!locked) return false;
      try {
        await job();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [key]);
      }
      return true;
    } finally {
      await runner.release();
    }
  }
}
