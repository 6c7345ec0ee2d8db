import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  BoardFollowView,
  FollowingList,
  MentionableView,
  NotificationList,
  NotificationSettings,
  ThreadFollowView,
  ThreadReadView,
  UnreadCounts,
} from '@kindred/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import { ThreadId } from '../boards/boards.pipes.js';
import {
  FollowBoardDto,
  FollowThreadDto,
  ListNotificationsQuery,
  MarkReadDto,
  MarkThreadReadDto,
  MentionableQuery,
  NotificationSettingsDto,
  UnreadQuery,
} from './dto/notifications.dto.js';
import { NotificationsService } from './notifications.service.js';

/** The member's notification centre and what they follow. */
@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('me/notifications')
  @Auth()
  list(@CurrentUser() user: AuthUser, @Query() query: ListNotificationsQuery): Promise<NotificationList> {
    return this.notifications.list(user, query.cursor, query.limit);
  }

  @Post('me/notifications/read')
  @HttpCode(200)
  @Auth()
  markRead(@CurrentUser() user: AuthUser, @Body() dto: MarkReadDto): Promise<{ unread: number }> {
    return this.notifications.markRead(user, dto);
  }

  @Get('me/notification-settings')
  @Auth()
  settings(@CurrentUser() user: AuthUser): Promise<NotificationSettings> {
    return this.notifications.settings(user);
  }

  @Put('me/notification-settings')
  @Auth()
  updateSettings(@CurrentUser() user: AuthUser, @Body() dto: NotificationSettingsDto): Promise<NotificationSettings> {
    return this.notifications.updateSettings(user, dto);
  }

  @Get('me/unread')
  @Auth()
  unread(@CurrentUser() user: AuthUser, @Query() query: UnreadQuery): Promise<UnreadCounts> {
    return this.notifications.unreadCounts(user, query.threads ?? []);
  }

  @Get('threads/:id/read')
  @Auth()
  threadRead(@CurrentUser() user: AuthUser, @Param('id', ThreadId) id: string): Promise<ThreadReadView> {
    return this.notifications.threadRead(user, id);
  }

  /** Sent by the client (debounced) as posts scroll into view. Not a write of content: no suspension check. */
  @Put('threads/:id/read')
  @Auth()
  markThreadRead(
    @CurrentUser() user: AuthUser,
    @Param('id', ThreadId) id: string,
    @Body() dto: MarkThreadReadDto,
  ): Promise<ThreadReadView> {
    return this.notifications.markThreadRead(user, id, dto.postId);
  }

  /** Names to complete after "@" in a reply: what the thread shows (aliases, usernames), nothing more. */
  @Get('threads/:id/mentionable')
  @Auth()
  mentionable(
    @CurrentUser() user: AuthUser,
    @Param('id', ThreadId) id: string,
    @Query() query: MentionableQuery,
  ): Promise<MentionableView> {
    return this.notifications.mentionable(user, id, query.prefix ?? '');
  }

  @Get('me/following')
  @Auth()
  following(@CurrentUser() user: AuthUser): Promise<FollowingList> {
    return this.notifications.following(user);
  }

  @Get('threads/:id/follow')
  @Auth()
  threadFollow(@CurrentUser() user: AuthUser, @Param('id', ThreadId) id: string): Promise<ThreadFollowView> {
    return this.notifications.threadFollow(user, id);
  }

  @Put('threads/:id/follow')
  @Auth({ write: true })
  followThread(
    @CurrentUser() user: AuthUser,
    @Param('id', ThreadId) id: string,
    @Body() dto: FollowThreadDto,
  ): Promise<ThreadFollowView> {
    return this.notifications.followThread(user, id, dto.level);
  }

  @Get('boards/:slug/follow')
  @Auth()
  boardFollow(@CurrentUser() user: AuthUser, @Param('slug') slug: string): Promise<BoardFollowView> {
    return this.notifications.boardFollow(user, slug);
  }

  @Put('boards/:slug/follow')
  @Auth({ write: true })
  followBoard(
    @CurrentUser() user: AuthUser,
    @Param('slug') slug: string,
    @Body() dto: FollowBoardDto,
  ): Promise<BoardFollowView> {
    return this.notifications.followBoard(user, slug, dto.level);
  }
}
