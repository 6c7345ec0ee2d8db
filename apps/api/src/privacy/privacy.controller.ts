import { Body, Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ExportDocument } from '@kindred/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import { DeleteAccountDto } from './dto/delete-account.dto.js';
import { PrivacyService } from './privacy.service.js';

@ApiTags('privacy')
@Controller('me')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get('export')
  @Auth()
  export(@CurrentUser() user: AuthUser): Promise<ExportDocument> {
    return this.privacy.export(user);
  }

  @Delete()
  @HttpCode(204)
  @Auth()
  async deleteAccount(@CurrentUser() user: AuthUser, @Body() dto: DeleteAccountDto): Promise<void> {
    await this.privacy.deleteAccount(user, dto);
  }
}
