import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BoardView, BoardWithArticles, Locale, Page, ThreadSummary, ThreadView } from '@kindred/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import { ReaderLocale } from '../i18n/message.js';
import { LibraryService } from '../library/library.service.js';
import { BoardsService } from './boards.service.js';
import { CreateBoardDto, ListBoardsQuery, ListThreadsQuery, UpdateBoardDto } from './dto/boards.dto.js';
import { CreateThreadDto } from './dto/threads.dto.js';
import { ThreadsService } from './threads.service.js';

@ApiTags('boards')
@Controller('boards')
export class BoardsController {
  constructor(
    private readonly boards: BoardsService,
    private readonly threadsService: ThreadsService,
    private readonly library: LibraryService,
  ) {}

  @Get()
  @Auth({ optional: true })
  @ApiOperation({ summary: 'Boards in order, with thread counts and last activity (admins may include archived)' })
  list(
    @CurrentUser() user: AuthUser | null,
    @Query() query: ListBoardsQuery,
    @ReaderLocale() locale: Locale,
  ): Promise<{ items: BoardView[] }> {
    return this.boards.list(user, query.includeArchived, locale);
  }

  @Post()
  @Auth({ roles: ['admin'] })
  @ApiOperation({ summary: 'Create a board (admins)' })
  create(@Body() dto: CreateBoardDto, @ReaderLocale() locale: Locale): Promise<BoardView> {
    return this.boards.create(dto, locale);
  }

  @Get(':slug')
  @Auth({ optional: true })
  @ApiOperation({ summary: "One board, with the library articles pinned to it in board order (reader's language)" })
  async get(@Param('slug') slug: string, @ReaderLocale() locale: Locale): Promise<BoardWithArticles> {
    const board = await this.boards.get(slug, locale);
    return { ...board, pinnedArticles: await this.library.pinnedForBoard(board.slug, locale) };
  }

  @Patch(':slug')
  @Auth({ roles: ['admin'] })
  @ApiOperation({ summary: 'Rename, describe, reorder or archive a board (admins)' })
  update(@Param('slug') slug: string, @Body() dto: UpdateBoardDto, @ReaderLocale() locale: Locale): Promise<BoardView> {
    return this.boards.update(slug, dto, locale);
  }

  @Get(':slug/threads')
  @Auth({ optional: true })
  @ApiOperation({
    summary: 'Threads, pinned first then latest activity; keyset-paginated; unanswered=true for no replies',
  })
  threads(
    @Param('slug') slug: string,
    @Query() query: ListThreadsQuery,
    @CurrentUser() user: AuthUser | null,
    @ReaderLocale() locale: Locale,
  ): Promise<Page<ThreadSummary>> {
    return this.threadsService.listBoardThreads(slug, query, user, locale);
  }

  @Post(':slug/threads')
  @HttpCode(201)
  @Auth({ write: true })
  @ApiOperation({ summary: 'Start a thread (anonymous defaults to the account setting)' })
  createThread(
    @Param('slug') slug: string,
    @Body() dto: CreateThreadDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ThreadView> {
    return this.threadsService.createThread(slug, dto, user);
  }
}
