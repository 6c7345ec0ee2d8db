import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthResponse, MeView, RegisterResponse } from '@kindred/contracts';
import type { Request } from 'express';
import { ClientKeyService } from '../common/client-key.js';
import { Auth, CurrentUser } from './auth.decorators.js';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { LoginDto, RegisterDto, UpdateSettingsDto } from './dto/credentials.dto.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly clientKeys: ClientKeyService,
  ) {}

  @Post('auth/register')
  register(@Body() dto: RegisterDto, @Req() req: Request): Promise<RegisterResponse> {
    return this.auth.register(dto, { userAgent: req.headers['user-agent'] });
  }

  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() req: Request): Promise<AuthResponse> {
    return this.auth.login(dto, {
      userAgent: req.headers['user-agent'],
      clientKey: await this.clientKeys.forRequest(req),
    });
  }

  @Post('auth/logout')
  @HttpCode(204)
  @Auth()
  async logout(@CurrentUser() user: AuthUser): Promise<void> {
    await this.auth.signOut(user);
  }

  @Post('auth/logout-everywhere')
  @HttpCode(204)
  @Auth()
  async logoutEverywhere(@CurrentUser() user: AuthUser): Promise<void> {
    await this.auth.signOutEverywhere(user);
  }

  @Get('me')
  @Auth()
  me(@CurrentUser() user: AuthUser): Promise<MeView> {
    return this.auth.me(user);
  }

  @Patch('me')
  @Auth()
  updateSettings(@CurrentUser() user: AuthUser, @Body() dto: UpdateSettingsDto): Promise<MeView> {
    return this.auth.updateSettings(user, dto);
  }
}
