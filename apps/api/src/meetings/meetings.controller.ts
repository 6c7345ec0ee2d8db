import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FacilitatorNameView, MeetingListView, MeetingView, RsvpView } from '@kindred/contracts';
import type { Request, Response } from 'express';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import {
  CreateMeetingDto,
  FacilitatorNameDto,
  MeetingParams,
  MeetingSessionParams,
  UpdateMeetingDto,
} from './dto/meeting.dto.js';
import { MeetingsService } from './meetings.service.js';

const MANAGERS = { roles: ['moderator', 'admin'] as AuthUser['role'][] };

@ApiTags('meetings')
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @Auth({ optional: true })
  list(@CurrentUser() user: AuthUser | null): Promise<MeetingListView> {
    return this.meetings.list(user);
  }

  @Post()
  @Auth(MANAGERS)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateMeetingDto): Promise<MeetingView> {
    return this.meetings.create(dto, user);
  }

  /** The role name a facilitator runs meetings under, the same in every session. */
  @Put('facilitator-name')
  @Auth({ write: true })
  setFacilitatorName(@CurrentUser() user: AuthUser, @Body() dto: FacilitatorNameDto): Promise<FacilitatorNameView> {
    return this.meetings.setFacilitatorName(user, dto.name);
  }

  @Get(':id/calendar.ics')
  @Auth({ optional: true })
  @ApiProduces('text/calendar')
  async calendar(@Param() params: MeetingParams, @Req() req: Request, @Res() res: Response): Promise<void> {
    const host = req.get('host');
    const { filename, body } = await this.meetings.calendar(params.id, host ? `${req.protocol}://${host}` : null);
    res
      .status(200)
      .type('text/calendar; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${filename}"`)
      .send(body);
  }

  @Get(':id')
  @Auth({ optional: true })
  get(@Param() params: MeetingParams, @CurrentUser() user: AuthUser | null): Promise<MeetingView> {
    return this.meetings.get(params.id, user);
  }

  @Patch(':id')
  @Auth(MANAGERS)
  update(
    @Param() params: MeetingParams,
    @CurrentUser() user: AuthUser,
    @Body() dto: UpdateMeetingDto,
  ): Promise<MeetingView> {
    return this.meetings.update(params.id, dto, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth(MANAGERS)
  cancel(@Param() params: MeetingParams, @CurrentUser() user: AuthUser): Promise<void> {
    return this.meetings.cancel(params.id, user);
  }

  @Delete(':id/sessions/:sessionId')
  @HttpCode(204)
  @Auth(MANAGERS)
  cancelSession(@Param() params: MeetingSessionParams, @CurrentUser() user: AuthUser): Promise<void> {
    return this.meetings.cancelSession(params.id, params.sessionId, user);
  }

  @Put(':id/rsvp')
  @Auth({ write: true })
  rsvp(@Param() params: MeetingParams, @CurrentUser() user: AuthUser): Promise<RsvpView> {
    return this.meetings.rsvp(params.id, user, true);
  }

  @Delete(':id/rsvp')
  @Auth()
  unRsvp(@Param() params: MeetingParams, @CurrentUser() user: AuthUser): Promise<RsvpView> {
    return this.meetings.rsvp(params.id, user, false);
  }
}
