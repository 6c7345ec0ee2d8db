import { Body, Controller, Delete, Get, HttpCode, Param, ParseEnumPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  MILESTONE_KINDS,
  type MilestoneDateView,
  type MilestoneKind,
  type MilestoneResetView,
  type MilestonesView,
} from '@kindred/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import { AppError } from '../common/app-error.js';
import { SetMilestoneDto } from './dto/milestones.dto.js';
import { MilestonesService } from './milestones.service.js';

const KIND = new ParseEnumPipe(Object.fromEntries(MILESTONE_KINDS.map((k) => [k, k])), {
  exceptionFactory: () => notFoundKind(),
});

/** A member's own clean-time and medication dates (nobody else can read them). */
@ApiTags('milestones')
@Controller('me/milestones')
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  @Get()
  @Auth()
  list(@CurrentUser() user: AuthUser): Promise<MilestonesView> {
    return this.milestones.list(user);
  }

  @Put(':kind')
  @Auth()
  set(
    @CurrentUser() user: AuthUser,
    @Param('kind', KIND) kind: MilestoneKind,
    @Body() dto: SetMilestoneDto,
  ): Promise<MilestoneDateView> {
    return this.milestones.set(user, kind, dto);
  }

  @Post(':kind/reset')
  @HttpCode(200)
  @Auth()
  reset(@CurrentUser() user: AuthUser, @Param('kind', KIND) kind: MilestoneKind): Promise<MilestoneResetView> {
    return this.milestones.reset(user, kind);
  }

  @Delete(':kind')
  @HttpCode(204)
  @Auth()
  async remove(@CurrentUser() user: AuthUser, @Param('kind', KIND) kind: MilestoneKind): Promise<void> {
    await this.milestones.remove(user, kind);
  }
}

function notFoundKind(): Error {
  return new AppError('not_found', 'errors.milestones.noSuchKind');
}
