import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BoardEntity } from './entities/board.entity.js';
import { GuestThreadPages } from './guest-thread-pages.js';

export interface BoardSeed {
  slug: string;
  name: string;
  description: string;
  position: number;
}

@Injectable()
export class BoardsRepository {
  constructor(
    @InjectRepository(BoardEntity) private readonly repo: Repository<BoardEntity>,
    /** A board's name and archived flag are part of every cached guest thread page. */
    private readonly guestPages: GuestThreadPages,
  ) {}

  list(includeArchived: boolean): Promise<BoardEntity[]> {
    return this.repo.find({
      where: includeArchived ? {} : { archived: false },
      order: { position: 'ASC', name: 'ASC' },
    });
  }

  findBySlug(slug: string): Promise<BoardEntity | null> {
    return this.repo.findOne({ where: { slug } });
  }

  /** Inserts boards that do not exist yet; an existing board (maybe renamed by an admin) is left alone. */
  async seed(boards: BoardSeed[]): Promise<number> {
    let inserted = 0;
    for (const board of boards) {
      const rows: unknown[] = await this.repo.query(
        `INSERT INTO boards (slug, name, description, position) VALUES ($1, $2, $3, $4)
         ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [board.slug, board.name, board.description, board.position],
      );
      inserted += rows.length;
    }
    return inserted;
  }

  /** Null when the slug is taken. */
  async create(board: BoardSeed): Promise<BoardEntity | null> {
    const rows: Array<{ id: string }> = await this.repo.query(
      `INSERT INTO boards (slug, name, description, position) VALUES ($1, $2, $3, $4)
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [board.slug, board.name, board.description, board.position],
    );
    return rows.length ? this.repo.findOne({ where: { id: rows[0].id } }) : null;
  }

  async update(
    id: string,
    fields: Partial<Pick<BoardEntity, 'name' | 'description' | 'position' | 'archived'>>,
  ): Promise<BoardEntity | null> {
    if (Object.keys(fields).length > 0) {
      await this.repo.update({ id }, fields);
      this.guestPages.clear();
    }
    return this.repo.findOne({ where: { id } });
  }

  async nextPosition(): Promise<number> {
    const rows: Array<{ next: number }> = await this.repo.query(
      `SELECT COALESCE(max(position), 0) + 1 AS next FROM boards`,
    );
    return rows[0].next;
  }
}
