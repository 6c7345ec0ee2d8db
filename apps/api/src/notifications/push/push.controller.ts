import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { PushKeyView } from '@kindred/contracts';
import type { AuthUser } from '../../auth/auth-user.js';
import { Auth, CurrentUser } from '../../auth/auth.decorators.js';
import { PushEndpointDto, PushSubscriptionDto } from './push.dto.js';
import { PushService } from './push.service.js';

/** Web Push on this device: opt in (subscribe) and out. */
@ApiTags('push')
@Controller()
export class PushController {
  constructor(private readonly push: PushService) {}

  @Get('push/key')
  key(): PushKeyView {
    return this.push.key();
  }

  @Post('me/push-subscriptions')
  @HttpCode(201)
  @Auth()
  async subscribe(@CurrentUser() user: AuthUser, @Body() dto: PushSubscriptionDto): Promise<{ subscribed: true }> {
    await this.push.subscribe(user, dto);
    return { subscribed: true };
  }

  @Delete('me/push-subscriptions')
  @HttpCode(204)
  @Auth()
  async unsubscribe(@CurrentUser() user: AuthUser, @Body() dto: PushEndpointDto): Promise<void> {
    await this.push.unsubscribe(user, dto.endpoint);
  }
}
