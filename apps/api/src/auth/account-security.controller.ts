import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthResponse, RecoveryCodesResponse, DeviceSessionView } from '@kindred/contracts';
import type { Request } from 'express';
import { ClientKeyService } from '../common/client-key.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Auth, CurrentUser } from './auth.decorators.js';
import type { AuthUser } from './auth-user.js';
import type { RequestContext } from './auth.service.js';
import { AccountSecurityService } from './account-security.service.js';
import { ChangePasswordDto, CurrentPasswordDto, RecoverDto, ResetDto } from './dto/credentials.dto.js';

@ApiTags('auth')
@Controller()
export class AccountSecurityController {
  constructor(
    private readonly security: AccountSecurityService,
    private readonly clientKeys: ClientKeyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Where "Leave quickly" goes (QUICK_EXIT_URL). */
  @Get('quick-exit')
  quickExit(): { url: string } {
    return { url: this.config.quickExitUrl };
  }

  @Post('auth/recover')
  @HttpCode(200)
  async recover(@Body() dto: RecoverDto, @Req() req: Request): Promise<AuthResponse> {
    return this.security.recover(dto, await this.context(req));
  }

  @Post('auth/reset')
  @HttpCode(200)
  async reset(@Body() dto: ResetDto, @Req() req: Request): Promise<AuthResponse> {
    return this.security.reset(dto, await this.context(req));
  }

  @Post('me/password')
  @HttpCode(204)
  @Auth()
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() dto: ChangePasswordDto,
    @Req() req: Request,
  ): Promise<void> {
    await this.security.changePassword(user, dto, await this.context(req));
  }

  @Post('me/recovery-codes')
  @HttpCode(200)
  @Auth()
  async regenerateCodes(
    @CurrentUser() user: AuthUser,
    @Body() dto: CurrentPasswordDto,
    @Req() req: Request,
  ): Promise<RecoveryCodesResponse> {
    return { recoveryCodes: await this.security.regenerateCodes(user, dto.currentPassword, await this.context(req)) };
  }

  @Post('me/recovery-codes/saved')
  @HttpCode(204)
  @Auth()
  async codesSaved(@CurrentUser() user: AuthUser): Promise<void> {
    await this.security.markCodesSaved(user);
  }

  @Get('me/sessions')
  @Auth()
  sessions(@CurrentUser() user: AuthUser): Promise<DeviceSessionView[]> {
    return this.security.listSessions(user);
  }

  @Delete('me/sessions/:id')
  @HttpCode(204)
  @Auth()
  async endSession(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
  ): Promise<void> {
    await this.security.endSession(user, id);
  }

  @Post('me/sessions/end-others')
  @HttpCode(204)
  @Auth()
  async endOthers(@CurrentUser() user: AuthUser): Promise<void> {
    await this.security.endOtherSessions(user);
  }

  private async context(req: Request): Promise<RequestContext> {
    return { userAgent: req.headers['user-agent'], clientKey: await this.clientKeys.forRequest(req) };
  }
}
