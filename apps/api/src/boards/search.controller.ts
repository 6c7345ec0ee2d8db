import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MemberProfileView, Page, SearchResult } from '@kindred/contracts';
import { Auth } from '../auth/auth.decorators.js';
import { MemberPostsQuery, SearchQuery } from './dto/search.dto.js';
import { SearchService } from './search.service.js';

@ApiTags('search')
@Controller()
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get('search')
  @Auth({ optional: true })
  @ApiOperation({ summary: 'Full-text search of published threads and posts, ranked, with highlighted snippets' })
  find(@Query() query: SearchQuery): Promise<Page<SearchResult>> {
    return this.search.find(query);
  }

  @Get('members/:username')
  @Auth({ optional: true })
  @ApiOperation({ summary: "A member's profile: only the posts they signed with their name" })
  member(@Param('username') username: string, @Query() query: MemberPostsQuery): Promise<MemberProfileView> {
    return this.search.member(username, query);
  }
}
