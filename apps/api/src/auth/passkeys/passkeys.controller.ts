import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthResponse, PasskeyView } from '@kindred/contracts';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Request } from 'express';
import { ClientKeyService } from '../../common/client-key.js';
import { Auth, CurrentUser } from '../auth.decorators.js';
import type { AuthUser } from '../auth-user.js';
import type { RequestContext } from '../auth.service.js';
import { PasskeyResponseDto } from './passkeys.dto.js';
import { PasskeysService } from './passkeys.service.js';

@ApiTags('auth')
@Controller()
export class PasskeysController {
  constructor(
    private readonly passkeys: PasskeysService,
    private readonly clientKeys: ClientKeyService,
  ) {}

  @Get('me/passkeys')
  @Auth()
  list(@CurrentUser() user: AuthUser): Promise<PasskeyView[]> {
    return this.passkeys.list(user);
  }

  @Post('me/passkeys/options')
  @HttpCode(200)
  @Auth()
  registrationOptions(@CurrentUser() user: AuthUser): Promise<PublicKeyCredentialCreationOptionsJSON> {
    return this.passkeys.registrationOptions(user);
  }

  @Post('me/passkeys')
  @Auth()
  async add(@CurrentUser() user: AuthUser, @Body() dto: PasskeyResponseDto, @Req() req: Request): Promise<PasskeyView> {
    return this.passkeys.register(user, dto.response as unknown as RegistrationResponseJSON, await this.context(req));
  }

  @Delete('me/passkeys/:id')
  @HttpCode(204)
  @Auth()
  async remove(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    await this.passkeys.remove(user, id);
  }

  @Post('auth/passkey/options')
  @HttpCode(200)
  signInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return this.passkeys.signInOptions();
  }

  @Post('auth/passkey')
  @HttpCode(200)
  async signIn(@Body() dto: PasskeyResponseDto, @Req() req: Request): Promise<AuthResponse> {
    return this.passkeys.signIn(dto.response as unknown as AuthenticationResponseJSON, await this.context(req));
  }

  private async context(req: Request): Promise<RequestContext> {
    return { userAgent: req.headers['user-agent'], clientKey: await this.clientKeys.forRequest(req) };
  }
}
