import rrulePkg from 'rrule';
import type { SessionStatus } from '@kindred/contracts';
import type { MessageKey } from '../i18n/i18n.js';

// rrule ships CommonJS with ESM types; under nodenext its classes hang off the default export.
const { RRule, RRuleSet } = rrulePkg;

/**
 * Recurrence in the meeting's own time zone. The rule runs over "floating" wall-clock times
 * (UTC fields standing for local fields), and each occurrence is then placed in the zone, so
 * "weekly on Tuesday at 19:00 America/New_York" stays 19:00 in New York across DST changes.
 */

export interface Schedule {
  startsAt: Date;
  rrule: string | null;
  timezone: string;
  durationMinutes: number;
}

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
}

const MINUTE = 60_000;
const ALLOWED_FREQ = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Validates and normalises an RRULE body ("RRULE:" prefix optional). Returns the canonical
 * text, or a reason it was refused. DTSTART is not allowed: it comes from startsAt + timezone.
 */
export function normalizeRrule(text: string): { rrule: string } | { error: MessageKey } {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body === '' || body.length > 300) return { error: 'validation.meetings.rrule' };
  if (/DTSTART|\n|\r/i.test(body)) return { error: 'validation.meetings.rruleSingle' };
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(body);
  } catch {
    return { error: 'validation.meetings.rruleInvalidExample' };
  }
  if (options.freq === undefined || options.freq === null) return { error: 'validation.meetings.rruleFreq' };
  const freq = RRule.FREQUENCIES[options.freq];
  if (!freq || !ALLOWED_FREQ.has(freq)) return { error: 'validation.meetings.rruleFrequency' };
  if (options.byhour !== undefined || options.byminute !== undefined || options.bysecond !== undefined) {
    return { error: 'validation.meetings.rruleTime' };
  }
  try {
    const rule = new RRule(options);
    return { rrule: rule.toString().replace(/^RRULE:/, '') };
  } catch {
    return { error: 'validation.meetings.rruleInvalid' };
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
export function localParts(instant: Date, zone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour === 24 ? 0 : parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** An instant as a floating Date whose UTC fields are the zone's wall clock. */
export function toFloating(instant: Date, zone: string): Date {
  const p = localParts(instant, zone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

function offsetMs(instant: Date, zone: string): number {
  return toFloating(instant, zone).getTime() - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the zone's wall clock shows the floating date's UTC fields. A time that
 * does not exist (skipped by a spring-forward) moves later by the gap, as calendars do.
 */
export function fromFloating(floating: Date, zone: string): Date {
  const guess = floating.getTime();
  const first = guess - offsetMs(new Date(guess), zone);
  const second = guess - offsetMs(new Date(first), zone);
  if (first === second) return new Date(first);
  // Around a transition: prefer the candidate whose wall clock matches, else the later one.
  const matches = [first, second].filter((t) => toFloating(new Date(t), zone).getTime() === guess);
  return new Date(matches.length > 0 ? Math.min(...matches) : Math.max(first, second));
}

/**
 * The series as a set: the rule plus startsAt itself, because per RFC 5545 DTSTART is always the
 * first occurrence, even when the rule names other days ("weekly on Monday" starting a Thursday).
 */
function ruleFor(schedule: Schedule): InstanceType<typeof RRuleSet> | null {
  if (!schedule.rrule) return null;
  const options = RRule.parseString(schedule.rrule);
  const dtstart = toFloating(schedule.startsAt, schedule.timezone);
  const set = new RRuleSet();
  set.rrule(new RRule({ ...options, dtstart, tzid: null }));
  set.rdate(dtstart);
  return set;
}

const occurrence = (startsAt: Date, durationMinutes: number): Occurrence => ({
  startsAt,
  endsAt: new Date(startsAt.getTime() + durationMinutes * MINUTE),
});

/** Occurrences starting in [from, to], in order (at most `limit`). */
export function occurrencesBetween(schedule: Schedule, from: Date, to: Date, limit = 500): Occurrence[] {
  const rule = ruleFor(schedule);
  if (!rule) {
    const t = schedule.startsAt.getTime();
    return t >= from.getTime() && t <= to.getTime() ? [occurrence(schedule.startsAt, schedule.durationMinutes)] : [];
  }
  // Widen the floating window by a day on each side, then filter on real instants.
  const day = 24 * 3600_000;
  const floatingFrom = new Date(toFloating(from, schedule.timezone).getTime() - day);
  const floatingTo = new Date(toFloating(to, schedule.timezone).getTime() + day);
  const result: Occurrence[] = [];
  for (const f of rule.between(floatingFrom, floatingTo, true)) {
    const start = fromFloating(f, schedule.timezone);
    if (start >= from && start <= to) result.push(occurrence(start, schedule.durationMinutes));
    if (result.length >= limit) break;
  }
  return result;
}

/**
 * The first occurrence that has not finished by `now` (its scheduled end is after now) and is
 * not skipped (e.g. cancelled). Null when the series is over.
 */
export function currentOrNextOccurrence(
  schedule: Schedule,
  now: Date,
  skip: (startsAt: Date) => boolean = () => false,
): Occurrence | null {
  const rule = ruleFor(schedule);
  if (!rule) {
    const only = occurrence(schedule.startsAt, schedule.durationMinutes);
    return only.endsAt > now && !skip(only.startsAt) ? only : null;
  }
  let cursor = new Date(
    toFloating(now, schedule.timezone).getTime() - (schedule.durationMinutes * MINUTE + 24 * 3600_000),
  );
  for (let i = 0; i < 1000; i++) {
    const next = rule.after(cursor, false);
    if (!next) return null;
    cursor = next;
    const o = occurrence(fromFloating(next, schedule.timezone), schedule.durationMinutes);
    if (o.endsAt > now && !skip(o.startsAt)) return o;
  }
  return null;
}

/** The last occurrence that started at or before `now` (for a series that is over). */
export function lastOccurrenceBefore(schedule: Schedule, now: Date): Occurrence | null {
  const rule = ruleFor(schedule);
  if (!rule) return schedule.startsAt <= now ? occurrence(schedule.startsAt, schedule.durationMinutes) : null;
  const prev = rule.before(toFloating(now, schedule.timezone), true);
  return prev ? occurrence(fromFloating(prev, schedule.timezone), schedule.durationMinutes) : null;
}

export interface SessionTimes {
  startsAt: Date;
  endsAt: Date;
  endedEarlyAt: Date | null;
}

/** A session's status at `now`. */
export function sessionStatus(session: SessionTimes, lobbyMinutes: number, now: Date): SessionStatus {
  if (session.endedEarlyAt || now >= session.endsAt) return 'ended';
  if (now >= session.startsAt) return 'live';
  if (now.getTime() >= session.startsAt.getTime() - lobbyMinutes * MINUTE) return 'lobby';
  return 'scheduled';
}

/** When the session stops (ended early or at its scheduled end). */
export const effectiveEnd = (session: SessionTimes): Date => session.endedEarlyAt ?? session.endsAt;

export const lobbyOpensAt = (startsAt: Date, lobbyMinutes: number): Date =>
  new Date(startsAt.getTime() - lobbyMinutes * MINUTE);
