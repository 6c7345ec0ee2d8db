import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Locale, MemberProfileView, Page, SearchResult } from '@kindred/contracts';
import { ReaderLocale } from '../i18n/message.js';
import { Auth } from '../auth/auth.decorators.js';
import { ClientKeyService } from '../common/client-key.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { msg } from '../i18n/i18n.js';
import { RateLimitService, type RateRule } from '../safety/limits/rate-limit.service.js';
import { MemberPostsQuery, SearchQuery } from './dto/search.dto.js';
import { SearchService } from './search.service.js';

@ApiTags('search')
@Controller()
export class SearchController {
  private readonly searches: RateRule;

  constructor(
    private readonly search: SearchService,
    private readonly limits: RateLimitService,
    private readonly clientKeys: ClientKeyService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.searches = {
      name: 'search-client',
      limit: config.limits.searchesPerMinute,
      windowMs: 60_000,
      message: msg('errors.limits.searches'),
    };
  }

  @Get('search')
  @Auth({ optional: true })
  @ApiOperation({ summary: 'Full-text search of published threads and posts, ranked, with highlighted snippets' })
  async find(
    @Req() req: Request,
    @Query() query: SearchQuery,
    @ReaderLocale() locale: Locale,
  ): Promise<Page<SearchResult>> {
    // Each search costs the database real work, and guests may search: limited per client.
    await this.limits.consume(this.searches, await this.clientKeys.forRequest(req));
    // The library's part of the results is in the reader's language.
    return this.search.find(query, locale);
  }

  @Get('members/:username')
  @Auth({ optional: true })
  @ApiOperation({ summary: "A member's profile: only the posts they signed with their name" })
  member(
    @Param('username') username: string,
    @Query() query: MemberPostsQuery,
    @ReaderLocale() locale: Locale,
  ): Promise<MemberProfileView> {
    return this.search.member(username, query, locale);
  }
}
