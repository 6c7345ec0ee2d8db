import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthResponse, UserView } from '@kindred/contracts';
import { Auth, CurrentUser } from './auth.decorators.js';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { LoginDto, RegisterDto, UpdateSettingsDto } from './dto/credentials.dto.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/register')
  register(@Body() dto: RegisterDto): Promise<AuthResponse> {
    return this.auth.register(dto);
  }

  @Post('auth/login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<AuthResponse> {
    return this.auth.login(dto);
  }

  @Post('auth/logout-everywhere')
  @HttpCode(204)
  @Auth()
  async logoutEverywhere(@CurrentUser() user: AuthUser): Promise<void> {
    await this.auth.signOutEverywhere(user);
  }

  @Get('me')
  @Auth()
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.auth.me(user);
  }

  @Patch('me')
  @Auth()
  updateSettings(@CurrentUser() user: AuthUser, @Body() dto: UpdateSettingsDto): Promise<UserView> {
    return this.auth.updateSettings(user, dto.anonymousByDefault);
  }
}
