import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { NoticeList, NoticeView } from '@kindred/contracts';
import type { AuthUser } from '../../auth/auth-user.js';
import { Auth, CurrentUser } from '../../auth/auth.decorators.js';
import { AppealDto, IdParamDto } from '../dto/moderation.dto.js';
import { NoticesService } from './notices.service.js';

/** The member's own notices. Suspended members can read them and appeal. */
@ApiTags('notices')
@Controller('me/notices')
@Auth()
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<NoticeList> {
    return this.notices.list(user);
  }

  @Post('read')
  @HttpCode(204)
  markAllRead(@CurrentUser() user: AuthUser): Promise<void> {
    return this.notices.markRead(user, null);
  }

  @Post(':id/read')
  @HttpCode(204)
  markRead(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<void> {
    return this.notices.markRead(user, params.id);
  }

  @Post(':id/appeal')
  appeal(@CurrentUser() user: AuthUser, @Param() params: IdParamDto, @Body() dto: AppealDto): Promise<NoticeView> {
    return this.notices.appeal(user, params.id, dto.message);
  }
}
