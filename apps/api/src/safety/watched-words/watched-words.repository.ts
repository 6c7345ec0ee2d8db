import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { WatchedWordAction } from '@kindred/contracts';
import { Repository } from 'typeorm';
import { WatchedWordEntity } from './watched-word.entity.js';

@Injectable()
export class WatchedWordsRepository {
  constructor(@InjectRepository(WatchedWordEntity) private readonly repo: Repository<WatchedWordEntity>) {}

  list(): Promise<WatchedWordEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Null when the same pattern (case-insensitively) is already there. */
  async add(pattern: string, action: WatchedWordAction): Promise<WatchedWordEntity | null> {
    const rows: WatchedWordEntity[] = await this.repo.query(
      `INSERT INTO watched_words (pattern, action) VALUES ($1, $2)
       ON CONFLICT (lower(pattern)) DO NOTHING
       RETURNING id, pattern, action, created_at AS "createdAt"`,
      [pattern, action],
    );
    return rows[0] ?? null;
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.repo.delete({ id });
    return (result.affected ?? 0) > 0;
  }
}
