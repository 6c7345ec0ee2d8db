import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BoardEntity, type BoardTranslations } from './entities/board.entity.js';
import { GuestThreadPages } from './guest-thread-pages.js';

/** How long the board page may use a board read by slug. */
const BOARD_READ_TTL_MS = 1_000;

export interface BoardSeed {
  slug: string;
  name: string;
  description: string;
  position: number;
  translations?: BoardTranslations;
}

@Injectable()
export class BoardsRepository {
  private readonly bySlug = new Map<string, { board: BoardEntity; expiresAt: number }>();
  private epoch = 0;

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

  /**
   * For reads only (the board page): the board by slug, kept for at most a second and dropped when
   * this process changes a board. Writes (new threads: archived?) use findBySlug.
   */
  async findBySlugForReading(slug: string): Promise<BoardEntity | null> {
    const hit = this.bySlug.get(slug);
    if (hit && hit.expiresAt > Date.now()) return hit.board;
    const epoch = this.epoch;
    const board = await this.findBySlug(slug);
    if (board && epoch === this.epoch) {
      if (this.bySlug.size >= 1_000) this.bySlug.clear();
      this.bySlug.set(slug, { board, expiresAt: Date.now() + BOARD_READ_TTL_MS });
    }
    return board;
  }

  private changed(): void {
    this.epoch++;
    this.bySlug.clear();
    this.guestPages.clear();
  }

  /** Inserts boards that do not exist yet; an existing board (maybe renamed by an admin) is left alone. */
  async seed(boards: BoardSeed[]): Promise<number> {
    let inserted = 0;
    for (const board of boards) {
      const rows: unknown[] = await this.repo.query(
        `INSERT INTO boards (slug, name, description, position, translations) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [board.slug, board.name, board.description, board.position, JSON.stringify(board.translations ?? {})],
      );
      inserted += rows.length;
    }
    this.changed();
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

  /**
   * A new name or description is the admin's own words, for every reader: the translations of
   * that field are dropped with it (they translated the old words).
   */
  async update(
    id: string,
    fields: Partial<Pick<BoardEntity, 'name' | 'description' | 'position' | 'archived'>>,
  ): Promise<BoardEntity | null> {
    if (Object.keys(fields).length > 0) {
      await this.repo.update({ id }, fields);
      const dropped = (['name', 'description'] as const).filter((f) => fields[f] !== undefined);
      if (dropped.length > 0) {
        await this.repo.query(
          `UPDATE boards SET translations = coalesce(
             (SELECT jsonb_object_agg(lang, words - $2::text[]) FROM jsonb_each(translations) AS e(lang, words)), '{}')
           WHERE id = $1`,
          [id, dropped],
        );
      }
      this.changed();
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
