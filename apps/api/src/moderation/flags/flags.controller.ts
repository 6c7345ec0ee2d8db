import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FlagCreated } from '@kindred/contracts';
import type { AuthUser } from '../../auth/auth-user.js';
import { Auth, CurrentUser } from '../../auth/auth.decorators.js';
import { CreateFlagDto } from '../dto/moderation.dto.js';
import { FlagsService } from './flags.service.js';

@ApiTags('moderation')
@Controller('flags')
export class FlagsController {
  constructor(private readonly flags: FlagsService) {}

  @Post()
  @Auth({ write: true })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateFlagDto): Promise<FlagCreated> {
    return this.flags.flag(user, dto);
  }
}
