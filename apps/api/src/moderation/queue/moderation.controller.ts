import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Locale, LogPage, ModerationActionResult, QueueItemView, QueuePage } from '@kindred/contracts';
import { ReaderLocale } from '../../i18n/message.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { Auth, CurrentUser } from '../../auth/auth.decorators.js';
import { AdminUsersService } from '../admin/admin-users.service.js';
import {
  ActionDto,
  IdParamDto,
  LogQueryDto,
  QueueQueryDto,
  TargetParamsDto,
  UnmaskDto,
} from '../dto/moderation.dto.js';
import { LogService } from '../log/log.service.js';
import { ActionsService } from './actions.service.js';
import { QueueService } from './queue.service.js';

/** Everything under /api/moderation: guests get 401, members 403. */
@ApiTags('moderation')
@Controller('moderation')
@Auth({ roles: ['moderator', 'admin'] })
export class ModerationController {
  constructor(
    private readonly queue: QueueService,
    private readonly actions: ActionsService,
    private readonly log: LogService,
    private readonly admin: AdminUsersService,
  ) {}

  @Get('queue')
  list(@Query() query: QueueQueryDto): Promise<QueuePage> {
    return this.queue.list(query);
  }

  @Get('items/:id')
  get(@Param() params: IdParamDto): Promise<QueueItemView> {
    return this.queue.get(params.id);
  }

  @Post('items/:id/claim')
  @HttpCode(200)
  claim(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<QueueItemView> {
    return this.queue.claim(user, params.id);
  }

  @Delete('items/:id/claim')
  unclaim(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<QueueItemView> {
    return this.queue.unclaim(user, params.id);
  }

  @Post('items/:id/actions')
  @HttpCode(200)
  act(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() dto: ActionDto,
    @ReaderLocale() locale: Locale,
  ): Promise<ModerationActionResult> {
    return this.actions.act(user, params.id, dto, locale);
  }

  @Post('targets/:type/:id/actions')
  @HttpCode(200)
  actOnTarget(
    @CurrentUser() user: AuthUser,
    @Param() params: TargetParamsDto,
    @Body() dto: ActionDto,
    @ReaderLocale() locale: Locale,
  ): Promise<ModerationActionResult> {
    return this.actions.actOnTarget(user, params.type, params.id, dto, locale);
  }

  @Get('log')
  logPage(@Query() query: LogQueryDto): Promise<LogPage> {
    return this.log.page(query);
  }

  @Post('unmask')
  @HttpCode(200)
  @Auth({ roles: ['admin'] })
  unmask(@CurrentUser() user: AuthUser, @Body() dto: UnmaskDto): Promise<{ username: string | null }> {
    return this.admin.unmask(user, dto);
  }
}
