import { Inject, Injectable } from '@nestjs/common';
import type { SessionView } from '@kindred/contracts';
import { CLOCK, type Clock } from './clock.js';
import type { MeetingSessionEntity } from './entities/meeting-session.entity.js';
import type { MeetingEntity } from './entities/meeting.entity.js';
import {
  currentOrNextOccurrence,
  lastOccurrenceBefore,
  lobbyOpensAt,
  sessionStatus,
  type Schedule,
} from './recurrence.js';
import { SessionsRepository } from './sessions.repository.js';

/** An occurrence, with its stored row when it has one. */
export interface CurrentSession {
  startsAt: Date;
  endsAt: Date;
  row: MeetingSessionEntity | null;
}

export const scheduleOf = (m: MeetingEntity): Schedule => ({
  startsAt: m.startsAt,
  rrule: m.rrule,
  timezone: m.timezone,
  durationMinutes: m.durationMinutes,
});

const DAY = 24 * 3600_000;

/** Which occurrence of a meeting is "the session" now, and its status. */
@Injectable()
export class MeetingSessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /**
   * For each meeting, the occurrence that is running or comes next (cancelled ones skipped; one
   * that a facilitator ended early stays "the session", as ended, until its scheduled end).
   */
  async currentFor(meetings: MeetingEntity[], now: Date): Promise<Map<string, CurrentSession | null>> {
    const rows = await this.sessions.findEndingAfter(
      meetings.map((m) => m.id),
      new Date(now.getTime() - DAY),
    );
    const byMeeting = new Map<string, Map<number, MeetingSessionEntity>>();
    for (const row of rows) {
      const map = byMeeting.get(row.meetingId) ?? new Map<number, MeetingSessionEntity>();
      map.set(row.startsAt.getTime(), row);
      byMeeting.set(row.meetingId, map);
    }
    const result = new Map<string, CurrentSession | null>();
    for (const meeting of meetings) {
      const stored = byMeeting.get(meeting.id) ?? new Map<number, MeetingSessionEntity>();
      const occurrence = currentOrNextOccurrence(
        scheduleOf(meeting),
        now,
        (startsAt) => stored.get(startsAt.getTime())?.cancelled === true,
      );
      if (!occurrence) {
        result.set(meeting.id, null);
        continue;
      }
      const row = stored.get(occurrence.startsAt.getTime()) ?? null;
      result.set(meeting.id, { startsAt: occurrence.startsAt, endsAt: row?.endsAt ?? occurrence.endsAt, row });
    }
    return result;
  }

  async current(meeting: MeetingEntity, now: Date): Promise<CurrentSession | null> {
    return (await this.currentFor([meeting], now)).get(meeting.id) ?? null;
  }

  /** The current session with its row stored (created if needed); null when the series is over. */
  async ensureCurrent(
    meeting: MeetingEntity,
    now: Date,
  ): Promise<(CurrentSession & { row: MeetingSessionEntity }) | null> {
    const current = await this.current(meeting, now);
    if (!current) return null;
    const row = current.row ?? (await this.sessions.ensure(meeting.id, current.startsAt, current.endsAt));
    return { ...current, row };
  }

  /** The last occurrence of a series that is over (shown as ended). */
  async last(meeting: MeetingEntity, now: Date): Promise<CurrentSession | null> {
    const occurrence = lastOccurrenceBefore(scheduleOf(meeting), now);
    if (!occurrence) return null;
    const row = await this.sessions.ensure(meeting.id, occurrence.startsAt, occurrence.endsAt);
    return { startsAt: row.startsAt, endsAt: row.endsAt, row };
  }

  status(meeting: MeetingEntity, session: CurrentSession, now: Date) {
    return sessionStatus(
      { startsAt: session.startsAt, endsAt: session.endsAt, endedEarlyAt: session.row?.endedEarlyAt ?? null },
      meeting.lobbyMinutes,
      now,
    );
  }

  view(meeting: MeetingEntity, session: CurrentSession, now: Date): SessionView {
    return {
      ...(session.row ? { id: session.row.id } : {}),
      startsAt: session.startsAt.toISOString(),
      endsAt: (session.row?.endedEarlyAt ?? session.endsAt).toISOString(),
      status: this.status(meeting, session, now),
      lobbyOpensAt: lobbyOpensAt(session.startsAt, meeting.lobbyMinutes).toISOString(),
    };
  }
}
