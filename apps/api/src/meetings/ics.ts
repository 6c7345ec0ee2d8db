import { localParts } from './recurrence.js';

/** RFC 5545 iCalendar output for a meeting: one VEVENT with DTSTART;TZID, RRULE and DURATION. */

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

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function utcStamp(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(
    d.getUTCMinutes(),
  )}${pad(d.getUTCSeconds())}Z`;
}

export function localStamp(d: Date, zone: string): string {
  const p = localParts(d, zone);
  return `${p.year}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

export function buildIcs(meeting: IcsMeeting): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kindred//Meetings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:meeting-${meeting.id}@kindred`,
    `DTSTAMP:${utcStamp(meeting.updatedAt)}`,
    `DTSTART;TZID=${meeting.timezone}:${localStamp(meeting.startsAt, meeting.timezone)}`,
    `DURATION:PT${meeting.durationMinutes}M`,
    ...(meeting.rrule ? [`RRULE:${meeting.rrule}`] : []),
    ...(meeting.rrule && meeting.cancelledStarts.length > 0
      ? [
          `EXDATE;TZID=${meeting.timezone}:${meeting.cancelledStarts
            .map((d) => localStamp(d, meeting.timezone))
            .join(',')}`,
        ]
      : []),
    `SUMMARY:${escapeText(meeting.name)}`,
    ...(meeting.description ? [`DESCRIPTION:${escapeText(meeting.description)}`] : []),
    ...(meeting.url ? [`URL:${meeting.url}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
