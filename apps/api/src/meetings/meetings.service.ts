import { ContentSafetyService } from '../safety/content-safety.service.js';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  facilitatorDisplayName,
  MEETING_LIMITS,
  type FacilitatorNameView,
  type MeetingListView,
  type MeetingView,
  type RsvpView,
  type SessionView,
} from '@kindred/contracts';
import { isModerator, isSuspended, type AuthUser } from '../auth/auth-user.js';
import { suspendedError } from '../auth/suspension.js';
import { AppError, fieldError, notFound } from '../common/app-error.js';
import { msg } from '../i18n/i18n.js';
import { MeetingActionsRepository } from './actions.repository.js';
import type { CreateMeetingDto, UpdateMeetingDto } from './dto/meeting.dto.js';
import type { MeetingEntity } from './entities/meeting.entity.js';
import { buildIcs } from './ics.js';
import { MeetingSessionsService, scheduleOf, type CurrentSession } from './meeting-sessions.service.js';
import { MeetingsRepository, type MeetingFields } from './meetings.repository.js';
import { currentOrNextOccurrence, isValidTimeZone, normalizeRrule } from './recurrence.js';
import { ChatService } from './room/chat.service.js';
import { SessionsRepository } from './sessions.repository.js';

/** Meetings over REST: schedule, list, RSVP and the calendar file. */
@Injectable()
export class MeetingsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MeetingsService.name);

  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly sessions: SessionsRepository,
    private readonly current: MeetingSessionsService,
    private readonly actions: MeetingActionsRepository,
    private readonly chat: ChatService,
    private readonly safety: ContentSafetyService,
  ) {}

  /** A fresh install starts with one example meeting (moderators add facilitators or cancel it). */
  async onApplicationBootstrap(): Promise<void> {
    const created = await this.meetings.createIfNoMeetings({
      name: "Newcomers' Circle",
      description:
        'A gentle weekly meeting for anyone new to recovery or to Kindred. Listen, share if you want to, and meet people walking the same road. Medication-assisted recovery is recovery.',
      tags: ['newcomers welcome', 'MAT-friendly'],
      audience: 'open',
      // Tuesday 6 January 2026, 19:00 in New York; weekly from there.
      startsAt: new Date('2026-01-07T00:00:00Z'),
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      timezone: 'America/New_York',
      durationMinutes: 60,
      lobbyMinutes: MEETING_LIMITS.lobbyDefault,
      capacity: MEETING_LIMITS.capacityDefault,
      slowModeSeconds: 0,
    });
    if (created) this.logger.log('Created the example meeting "Newcomers\' Circle"');
  }

  async list(viewer: AuthUser | null): Promise<MeetingListView> {
    const now = this.current.now();
    const meetings = await this.meetings.listActive();
    const currents = await this.current.currentFor(meetings, now);
    // A one-off meeting that has ended (even early) is over: only series and upcoming ones are listed.
    const upcoming = meetings.filter((m) => {
      const session = currents.get(m.id);
      return session && !(m.rrule === null && this.current.status(m, session, now) === 'ended');
    });
    const views = await this.toViews(
      upcoming.map((m) => ({ meeting: m, session: currents.get(m.id) ?? null })),
      viewer,
      now,
    );
    views.sort((a, b) => (a.nextSession?.startsAt ?? '').localeCompare(b.nextSession?.startsAt ?? ''));
    return { items: views };
  }

  async get(id: string, viewer: AuthUser | null): Promise<MeetingView> {
    const meeting = await this.find(id);
    const now = this.current.now();
    const session = (await this.current.ensureCurrent(meeting, now)) ?? (await this.current.last(meeting, now));
    const [view] = await this.toViews([{ meeting, session }], viewer, now);
    return view;
  }

  async create(dto: CreateMeetingDto, actor: AuthUser): Promise<MeetingView> {
    const fields = this.validatedFields(dto, null) as MeetingFields;
    const facilitatorIds = await this.facilitatorIds(dto.facilitators ?? []);
    const meeting = await this.meetings.create(
      {
        ...fields,
        description: fields.description ?? '',
        tags: fields.tags ?? [],
        rrule: fields.rrule ?? null,
        lobbyMinutes: fields.lobbyMinutes ?? MEETING_LIMITS.lobbyDefault,
        capacity: fields.capacity ?? MEETING_LIMITS.capacityDefault,
        slowModeSeconds: fields.slowModeSeconds ?? 0,
      },
      actor.id,
      facilitatorIds,
    );
    await this.actions.record({ meetingId: meeting.id, actorId: actor.id, action: 'meeting.create' });
    return this.get(meeting.id, actor);
  }

  async update(id: string, dto: UpdateMeetingDto, actor: AuthUser): Promise<MeetingView> {
    const meeting = await this.find(id);
    const fields = this.validatedFields(dto, meeting);
    const facilitatorIds = dto.facilitators ? await this.facilitatorIds(dto.facilitators) : undefined;
    await this.meetings.update(id, fields, facilitatorIds);
    if (fields.durationMinutes !== undefined && fields.durationMinutes !== meeting.durationMinutes) {
      await this.sessions.updateFutureEnds(id, fields.durationMinutes, this.current.now());
    }
    await this.actions.record({
      meetingId: id,
      actorId: actor.id,
      action: 'meeting.update',
      details: { fields: Object.keys(dto) },
    });
    return this.get(id, actor);
  }

  /** Cancels the whole series; a session in progress ends now. */
  async cancel(id: string, actor: AuthUser): Promise<void> {
    const meeting = await this.find(id);
    const now = this.current.now();
    const session = await this.current.current(meeting, now);
    if (session?.row) await this.chat.endSession(meeting, session.row.id, now);
    await this.meetings.cancel(id, now);
    await this.actions.record({ meetingId: id, actorId: actor.id, action: 'meeting.cancel' });
  }

  /** Cancels one occurrence; one that is open ends now instead. */
  async cancelSession(id: string, sessionId: string, actor: AuthUser): Promise<void> {
    const meeting = await this.find(id);
    const row = await this.sessions.findById(sessionId);
    if (!row || row.meetingId !== meeting.id) throw notFound('errors.notFound.session');
    const now = this.current.now();
    const status = this.current.status(meeting, { startsAt: row.startsAt, endsAt: row.endsAt, row }, now);
    if (status === 'ended') throw new AppError('conflict', 'errors.meetings.sessionAlreadyEnded');
    if (status === 'scheduled') await this.sessions.cancel(row.id);
    else await this.chat.endSession(meeting, row.id, now);
    await this.actions.record({ meetingId: id, sessionId, actorId: actor.id, action: 'session.cancel' });
  }

  async rsvp(id: string, user: AuthUser, going: boolean): Promise<RsvpView> {
    if (going && isSuspended(user)) throw suspendedError(user);
    const meeting = await this.find(id);
    const session = await this.current.ensureCurrent(meeting, this.current.now());
    if (!session) throw new AppError('not_open', 'errors.meetings.noUpcomingSession');
    if (going) await this.sessions.addRsvp(session.row.id, user.id);
    else await this.sessions.removeRsvp(session.row.id, user.id);
    const summary = (await this.sessions.rsvpSummary([session.row.id], user.id)).get(session.row.id);
    return { sessionId: session.row.id, rsvpd: summary?.mine ?? false, rsvpCount: summary?.count ?? 0 };
  }

  async setFacilitatorName(user: AuthUser, name: string): Promise<FacilitatorNameView> {
    if (!isModerator(user) && !(await this.meetings.facilitatesAny(user.id))) {
      throw new AppError('forbidden', 'errors.meetings.facilitatorNameOnly');
    }
    this.safety.refuseUnsafe(name, 'name', 'facilitatorName');
    await this.meetings.setFacilitatorName(user.id, name);
    return { displayName: facilitatorDisplayName(name) };
  }

  async calendar(id: string, baseUrl: string | null): Promise<{ filename: string; body: string }> {
    const meeting = await this.find(id);
    const cancelled = await this.sessions.findEndingAfter([meeting.id], new Date(0));
    const body = buildIcs({
      id: meeting.id,
      name: meeting.name,
      description: meeting.description,
      startsAt: meeting.startsAt,
      rrule: meeting.rrule,
      timezone: meeting.timezone,
      durationMinutes: meeting.durationMinutes,
      updatedAt: meeting.updatedAt,
      url: baseUrl ? `${baseUrl}/meetings/${meeting.id}` : null,
      cancelledStarts: cancelled.filter((s) => s.cancelled).map((s) => s.startsAt),
    });
    const slug =
      meeting.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'meeting';
    return { filename: `${slug}.ics`, body };
  }

  // ------------------------------------------------------------------ helpers

  private async find(id: string): Promise<MeetingEntity> {
    const meeting = await this.meetings.findActive(id);
    if (!meeting) throw notFound('errors.notFound.meeting');
    return meeting;
  }

  /** Checks what class-validator cannot (time zone, RRULE, start vs. existing values). */
  private validatedFields(dto: UpdateMeetingDto, existing: MeetingEntity | null): Partial<MeetingFields> {
    const fields: Partial<MeetingFields> = {};
    // Shown to everyone who opens the schedule: the same safety decision as a post, refused (422) not held.
    if (dto.name !== undefined) this.safety.refuseUnsafe(dto.name, 'name', 'meetingName');
    if (dto.description !== undefined) {
      this.safety.refuseUnsafe(dto.description, 'description', 'meetingDescription');
    }
    dto.tags?.forEach((tag, i) => this.safety.refuseUnsafe(tag, `tags.${i}`, 'meetingTag'));
    if (dto.name !== undefined) fields.name = dto.name;
    if (dto.description !== undefined) fields.description = dto.description;
    if (dto.tags !== undefined) fields.tags = [...new Set(dto.tags.filter((t) => t !== ''))];
    if (dto.audience !== undefined) fields.audience = dto.audience;
    if (dto.timezone !== undefined) {
      if (!isValidTimeZone(dto.timezone)) throw fieldError('timezone', 'validation.meetings.timezone');
      fields.timezone = dto.timezone;
    }
    if (dto.startsAt !== undefined) {
      const startsAt = new Date(dto.startsAt);
      if (Number.isNaN(startsAt.getTime())) throw fieldError('startsAt', 'validation.meetings.dateTime');
      const oneOff = dto.rrule === null || dto.rrule === '' || (dto.rrule === undefined && !existing?.rrule);
      const duration = dto.durationMinutes ?? existing?.durationMinutes ?? 0;
      if (oneOff && startsAt.getTime() + duration * 60_000 < this.current.now().getTime()) {
        throw fieldError('startsAt', 'validation.meetings.startsInPast');
      }
      fields.startsAt = startsAt;
    }
    if (dto.rrule !== undefined) {
      if (dto.rrule === null || dto.rrule.trim() === '') fields.rrule = null;
      else {
        const result = normalizeRrule(dto.rrule);
        if ('error' in result) throw fieldError('rrule', result.error);
        fields.rrule = result.rrule;
      }
    }
    if (dto.durationMinutes !== undefined) fields.durationMinutes = dto.durationMinutes;
    if (dto.lobbyMinutes !== undefined) fields.lobbyMinutes = dto.lobbyMinutes;
    if (dto.capacity !== undefined) fields.capacity = dto.capacity;
    if (dto.slowModeSeconds !== undefined) fields.slowModeSeconds = dto.slowModeSeconds;
    return fields;
  }

  private async facilitatorIds(usernames: string[]): Promise<string[]> {
    const ids = await this.meetings.userIdsByUsername(usernames);
    const missing = usernames.filter((u) => !ids.has(u.toLowerCase()));
    if (missing.length > 0) {
      throw fieldError(
        'facilitators',
        msg('validation.meetings.noSuchMembers', { names: missing.map((m) => `"${m}"`).join(', ') }),
      );
    }
    return [...new Set(ids.values())];
  }

  private async toViews(
    items: Array<{ meeting: MeetingEntity; session: CurrentSession | null }>,
    viewer: AuthUser | null,
    now: Date,
  ): Promise<MeetingView[]> {
    const ids = items.map((i) => i.meeting.id);
    const facilitators = await this.meetings.facilitatorNames(ids);
    const sessionIds = items.flatMap((i) => (i.session?.row ? [i.session.row.id] : []));
    const rsvps = await this.sessions.rsvpSummary(sessionIds, viewer?.id ?? null);
    return items.map(({ meeting, session }) => {
      const names = facilitators.get(meeting.id) ?? [];
      const rsvp = session?.row ? rsvps.get(session.row.id) : undefined;
      const nextSession: SessionView | null = session ? this.current.view(meeting, session, now) : null;
      // For the closing panel of an ended room: the session after this one.
      const following = session && meeting.rrule ? currentOrNextOccurrence(scheduleOf(meeting), session.endsAt) : null;
      return {
        id: meeting.id,
        name: meeting.name,
        description: meeting.description,
        tags: meeting.tags,
        audience: meeting.audience,
        schedule: {
          rrule: meeting.rrule,
          timezone: meeting.timezone,
          startsAt: meeting.startsAt.toISOString(),
          durationMinutes: meeting.durationMinutes,
          lobbyMinutes: meeting.lobbyMinutes,
        },
        capacity: meeting.capacity,
        slowModeSeconds: meeting.slowModeSeconds,
        nextSession,
        ...(following ? { followingStartsAt: following.startsAt.toISOString() } : {}),
        rsvpCount: rsvp?.count ?? 0,
        rsvpd: rsvp?.mine ?? false,
        facilitators: names,
        canManage: isModerator(viewer),
        isFacilitator: viewer !== null && names.some((n) => n.toLowerCase() === viewer.username.toLowerCase()),
      };
    });
  }
}
