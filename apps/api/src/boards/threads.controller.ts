import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  AliasView,
  Locale,
  Page,
  PostView,
  PreviewView,
  ReactionCounts,
  ReactionKind,
  ThreadSummary,
  ThreadView,
} from '@kindred/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import { AppError } from '../common/app-error.js';
import { renderMarkdown } from '../common/markdown.js';
import { ReaderLocale } from '../i18n/message.js';
import { ListThreadsQuery } from './dto/boards.dto.js';
import { PostId, ReactionKindParam, ThreadId } from './boards.pipes.js';
import { CreatePostDto, EditPostDto, ListPostsQuery, PreviewDto, UpdateThreadDto } from './dto/threads.dto.js';
import { ThreadsService } from './threads.service.js';

@ApiTags('threads')
@Controller('threads')
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get()
  @Auth({ optional: true })
  @ApiOperation({ summary: 'Open threads nobody has answered yet, across boards (newest activity first)' })
  unanswered(@Query() query: ListThreadsQuery, @ReaderLocale() locale: Locale): Promise<Page<ThreadSummary>> {
    if (query.unanswered !== true) {
      throw new AppError('validation_failed', 'errors.boards.unansweredOnly', {
        fields: [{ field: 'unanswered', reason: 'validation.boards.unansweredOnly' }],
      });
    }
    return this.threads.listUnanswered(query, locale);
  }

  @Get(':id')
  @Auth({ optional: true })
  @ApiOperation({ summary: 'A thread with its first page of posts (opening post first)' })
  get(
    @Param('id', ThreadId) id: string,
    @CurrentUser() user: AuthUser | null,
    @ReaderLocale() locale: Locale,
  ): Promise<ThreadView> {
    return this.threads.getThread(id, user, {}, locale);
  }

  @Patch(':id')
  @Auth({ roles: ['moderator', 'admin'] })
  @ApiOperation({ summary: 'Pin, unpin, lock or unlock a thread (moderators)' })
  update(
    @Param('id', ThreadId) id: string,
    @Body() dto: UpdateThreadDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ThreadSummary> {
    return this.threads.updateThread(id, dto, user);
  }

  @Get(':id/posts')
  @Auth({ optional: true })
  posts(
    @Param('id', ThreadId) id: string,
    @Query() query: ListPostsQuery,
    @CurrentUser() user: AuthUser | null,
  ): Promise<Page<PostView>> {
    return this.threads.listPosts(id, query, user);
  }

  @Post(':id/posts')
  @HttpCode(201)
  @Auth({ write: true })
  @ApiOperation({ summary: 'Reply (anonymous defaults to the account setting; 403 in a locked thread)' })
  reply(
    @Param('id', ThreadId) id: string,
    @Body() dto: CreatePostDto,
    @CurrentUser() user: AuthUser,
  ): Promise<PostView> {
    return this.threads.createPost(id, dto, user);
  }

  @Get(':id/alias')
  @Auth()
  @ApiOperation({ summary: 'The alias you would have in this thread if you post anonymously' })
  alias(@Param('id', ThreadId) id: string, @CurrentUser() user: AuthUser): Promise<AliasView> {
    return this.threads.aliasPreview(id, user);
  }
}

@ApiTags('threads')
@Controller('posts')
export class PostsController {
  constructor(private readonly threads: ThreadsService) {}

  @Patch(':id')
  @Auth({ write: true })
  @ApiOperation({ summary: 'Edit your post (shows "edited")' })
  edit(@Param('id', PostId) id: string, @Body() dto: EditPostDto, @CurrentUser() user: AuthUser): Promise<PostView> {
    return this.threads.editPost(id, dto.body, user);
  }

  @Delete(':id')
  @Auth({ write: true })
  @ApiOperation({ summary: 'Delete your post (shows "deleted by author"; replies stay)' })
  remove(@Param('id', PostId) id: string, @CurrentUser() user: AuthUser): Promise<PostView> {
    return this.threads.deletePost(id, user);
  }

  @Put(':id/reactions/:kind')
  @Auth({ write: true })
  @ApiOperation({ summary: 'Add a reaction: support ("sending strength"), relate ("me too"), proud ("proud of you")' })
  react(
    @Param('id', PostId) id: string,
    @Param('kind', ReactionKindParam) kind: ReactionKind,
    @CurrentUser() user: AuthUser,
  ): Promise<ReactionCounts> {
    return this.threads.react(id, kind, user, true);
  }

  @Delete(':id/reactions/:kind')
  @Auth({ write: true })
  unreact(
    @Param('id', PostId) id: string,
    @Param('kind', ReactionKindParam) kind: ReactionKind,
    @CurrentUser() user: AuthUser,
  ): Promise<ReactionCounts> {
    return this.threads.react(id, kind, user, false);
  }
}

@ApiTags('threads')
@Controller('preview')
export class PreviewController {
  @Post()
  @HttpCode(200)
  @Auth()
  @ApiOperation({ summary: 'Render Markdown exactly as a post would be rendered (sanitised HTML)' })
  preview(@Body() dto: PreviewDto): PreviewView {
    return { html: renderMarkdown(dto.body) };
  }
}
