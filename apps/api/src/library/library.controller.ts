import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  ArticleList,
  ArticleView,
  BoardArticleList,
  BoardPinsOverview,
  Locale,
  RelatedArticleList,
} from '@kindred/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import { ReaderLocale } from '../i18n/message.js';
import {
  ArticleLanguageQuery,
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

  // The library reads in the reader's language: the member's saved one, or Accept-Language.
  @Get('articles')
  @Auth({ optional: true })
  @ApiOperation({ summary: "Published articles, in library order, in the reader's language; ?tag= filters by tag" })
  list(@Query() query: ArticleListQuery, @ReaderLocale() locale: Locale): Promise<ArticleList> {
    return this.library.list(locale, query.tag);
  }

  @Get('articles/:slug')
  @Auth({ optional: true })
  @ApiOperation({
    summary: 'One article with its sanitised HTML and its sections (anchors)',
    description:
      "In ?lang= when given, otherwise in the reader's language, when the article is written in it (else English). " +
      '`translations` lists the other languages it can be read in.',
  })
  get(
    @Param() params: ArticleSlugParams,
    @Query() query: ArticleLanguageQuery,
    @ReaderLocale() locale: Locale,
  ): Promise<ArticleView> {
    return this.library.get(params.slug, query.lang ?? locale);
  }

  @Get('threads/:id/related')
  @Auth({ optional: true })
  @ApiOperation({ summary: 'Up to 3 article sections matching the thread, computed when it was written' })
  relatedForThread(@Param() params: ThreadIdParams, @CurrentUser() user: AuthUser | null): Promise<RelatedArticleList> {
    return this.related.forThread(params.id, user);
  }

  @Get('boards/:slug/articles')
  @Auth({ optional: true })
  @ApiOperation({ summary: "The articles pinned to a board, in board order, in the reader's language" })
  boardArticles(@Param() params: BoardSlugParams, @ReaderLocale() locale: Locale): Promise<BoardArticleList> {
    return this.library.boardArticles(params.slug, locale);
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
