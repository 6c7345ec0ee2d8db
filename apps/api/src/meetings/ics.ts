import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod } from 'ical-generator';

/**
 * RFC 5545 iCalendar output for a meeting, written by ical-generator: one VEVENT with a local
 * DTSTART;TZID, RRULE and EXDATEs, and a VTIMEZONE for the meeting's zone (from the bundled
 * @touch4it/ical-timezones data, so nothing is fetched at run time).
 */

export interface IcsMeeting {
  id: string;
  name: string;
  description: string;
  startsAt: Date;
  rrule: string | null;
  timezone: string;
  durationMinutes: number;
  updatedAt: Date;
  url: string | null;
  /** Occurrences cancelled on their own (written as EXDATE). */
  cancelledStarts: Date[];
}

export function buildIcs(meeting: IcsMeeting): string {
  const zone = meeting.timezone;
  const local = (d: Date): TZDate => new TZDate(d, zone);
  // No calendar-wide zone name: each event's zone gets its VTIMEZONE, and DTSTAMP stays in UTC.
  const calendar = ical({
    prodId: { company: 'Kindred', product: 'Meetings', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  const exdates =
    meeting.rrule && meeting.cancelledStarts.length > 0
      ? `\nEXDATE;TZID=${zone}:${meeting.cancelledStarts.map((d) => localStamp(d, zone)).join(',')}`
      : '';
  calendar.createEvent({
    id: `meeting-${meeting.id}@kindred`,
    stamp: meeting.updatedAt,
    start: local(meeting.startsAt),
    end: local(new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000)),
    timezone: zone,
    summary: meeting.name,
    ...(meeting.description ? { description: meeting.description } : {}),
    ...(meeting.url ? { url: meeting.url } : {}),
    // The stored rule is already validated and canonical (normalizeRrule).
    repeating: meeting.rrule ? `RRULE:${meeting.rrule}${exdates}` : null,
  });
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function localStamp(d: Date, zone: string): string {
  const t = new TZDate(d, zone);
  return `${t.getFullYear()}${pad(t.getMonth() + 1)}${pad(t.getDate())}T${pad(t.getHours())}${pad(t.getMinutes())}${pad(t.getSeconds())}`;
}
