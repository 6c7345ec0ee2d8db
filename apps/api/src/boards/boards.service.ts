import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DEFAULT_LOCALE, type BoardView, type Locale } from '@kindred/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound } from '../common/app-error.js';
import { msg } from '../i18n/i18n.js';
import { toBoardView } from './boards.mapper.js';
import { BoardsRepository } from './boards.repository.js';
import { BOARD_SEEDS } from './boards.seeds.js';
import type { CreateBoardDto, UpdateBoardDto } from './dto/boards.dto.js';
import type { BoardEntity } from './entities/board.entity.js';

@Injectable()
export class BoardsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BoardsService.name);

  constructor(private readonly boards: BoardsRepository) {}

  /** Idempotent: only boards that do not exist yet are created; admin renames are kept. */
  async onApplicationBootstrap(): Promise<void> {
    const inserted = await this.boards.seed(BOARD_SEEDS);
    if (inserted > 0) this.logger.log(`Created ${inserted} starting boards`);
  }

  async list(
    viewer: AuthUser | null,
    includeArchived = false,
    locale: Locale = DEFAULT_LOCALE,
  ): Promise<{ items: BoardView[] }> {
    const boards = await this.boards.list(includeArchived && viewer?.role === 'admin');
    return { items: boards.map((board) => toBoardView(board, locale)) };
  }

  async get(slug: string, locale: Locale = DEFAULT_LOCALE): Promise<BoardView> {
    return toBoardView(await this.require(slug), locale);
  }

  async require(slug: string): Promise<BoardEntity> {
    const board = await this.boards.findBySlug(slug);
    if (!board) throw notFound('errors.notFound.board');
    return board;
  }

  /** Like require, for reads only: may answer from a copy up to a second old (see findBySlugForReading). */
  async requireForReading(slug: string): Promise<BoardEntity> {
    const board = await this.boards.findBySlugForReading(slug);
    if (!board) throw notFound('errors.notFound.board');
    return board;
  }

  async create(dto: CreateBoardDto, locale: Locale = DEFAULT_LOCALE): Promise<BoardView> {
    const board = await this.boards.create({
      slug: dto.slug,
      name: dto.name,
      description: dto.description ?? '',
      position: dto.position ?? (await this.boards.nextPosition()),
    });
    if (!board) {
      throw new AppError('conflict', msg('errors.boards.slugTaken', { slug: dto.slug }), {
        fields: [{ field: 'slug', reason: 'validation.boards.slugTaken' }],
      });
    }
    return toBoardView(board, locale);
  }

  async update(slug: string, dto: UpdateBoardDto, locale: Locale = DEFAULT_LOCALE): Promise<BoardView> {
    const board = await this.require(slug);
    // An admin reading in Spanish edits what they read: sending back the words they were shown
    // (the board's own or a translation) changes nothing, so the English is not overwritten.
    const shown = (field: 'name' | 'description', value: string): boolean =>
      value === board[field] || Object.values(board.translations ?? {}).some((words) => words?.[field] === value);
    const name = dto.name !== undefined && !shown('name', dto.name) ? dto.name : undefined;
    const description =
      dto.description !== undefined && !shown('description', dto.description) ? dto.description : undefined;
    const updated = await this.boards.update(board.id, {
      ...(name !== undefined ? { name } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(dto.position !== undefined ? { position: dto.position } : {}),
      ...(dto.archived !== undefined ? { archived: dto.archived } : {}),
    });
    if (!updated) throw notFound('errors.notFound.board');
    return toBoardView(updated, locale);
  }
}
