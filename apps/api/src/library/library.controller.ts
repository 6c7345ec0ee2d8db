import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  ArticleList,
  ArticleView,
  BoardArticleList,
  BoardPinsOverview,
  RelatedArticleList,
} from '@kindred/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import {
  ArticleListQuery,
  ArticleSlugParams,
  BoardSlugParams,
  SetBoardArticlesDto,
  ThreadIdParams,
} from './dto/library.dto.js';
import { LibraryService } from './library.service.js';
import { RelatedArticlesService } from './related-articles.service.js';

@ApiTags('library')
@Controller()
export class LibraryController {
  constructor(
    private readonly library: LibraryService,
    private readonly related: RelatedArticlesService,
  ) {}

  @Get('articles')
  @ApiOperation({ summary: 'Published articles, in library order; ?tag= filters by tag' })
  list(@Query() query: ArticleListQuery): Promise<ArticleList> {
    return this.library.list(query.tag);
  }

  @Get('articles/:slug')
  @ApiOperation({ summary: 'One article with its sanitised HTML and its sections (anchors)' })
  get(@Param() params: ArticleSlugParams): Promise<ArticleView> {
    return this.library.get(params.slug);
  }

  @Get('threads/:id/related')
  @Auth({ optional: true })
  @ApiOperation({ summary: 'Up to 3 article sections matching the thread, computed when it was written' })
  relatedForThread(@Param() params: ThreadIdParams, @CurrentUser() user: AuthUser | null): Promise<RelatedArticleList> {
    return this.related.forThread(params.id, user);
  }

  @Get('boards/:slug/articles')
  @ApiOperation({ summary: 'The articles pinned to a board, in board order' })
  boardArticles(@Param() params: BoardSlugParams): Promise<BoardArticleList> {
    return this.library.boardArticles(params.slug);
  }

  @Put('boards/:slug/articles')
  @Auth({ roles: ['admin'] })
  @ApiOperation({
    summary: 'Admin: set the articles pinned to a board, in order',
    description:
      'Pins, unpins and reorders in one call: the list replaces the current pins. Pins set here are never ' +
      'overwritten by the start-up import (front-matter `boards` apply only when an article is first imported).',
  })
  setBoardArticles(@Param() params: BoardSlugParams, @Body() dto: SetBoardArticlesDto): Promise<BoardArticleList> {
    return this.library.setBoardArticles(params.slug, dto.slugs);
  }

  @Get('admin/library/pins')
  @Auth({ roles: ['admin'] })
  @ApiOperation({ summary: 'Admin: every board with its pinned articles' })
  pins(): Promise<BoardPinsOverview> {
    return this.library.overview();
  }
}
