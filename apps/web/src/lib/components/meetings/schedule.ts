import type { MeetingView, SessionStatus } from '@kindred/contracts';
import { i18n, t } from '../../i18n/i18n.svelte';
import { formatTime, readerLocales } from '../../time';

/** Schedule wording and time-zone arithmetic for the meetings screens (viewer's local time). */

/** The RRULE day codes, Monday first as the form lists them. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export type WeekdayCode = (typeof WEEKDAYS)[number];

/** JS getDay() (0 = Sunday) for each RRULE day code. */
const JS_DAY: Record<WeekdayCode, number> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };
const BY_JS_DAY: WeekdayCode[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** "Lunes" rather than "lunes": a label or the start of a line begins with a capital. */
function capitalized(text: string): string {
  return text.charAt(0).toLocaleUpperCase(i18n.intlLocale) + text.slice(1);
}

/** "Tuesday" / "Martes", from Intl in the reader's language (7 January 2024 was a Sunday). */
export function weekdayLabel(code: WeekdayCode): string {
  const day = new Date(Date.UTC(2024, 0, 7 + JS_DAY[code]));
  return capitalized(new Intl.DateTimeFormat(readerLocales(), { weekday: 'long', timeZone: 'UTC' }).format(day));
}

/** "Tuesdays & Thursdays" / "martes y jueves": the catalogue has the plural day names Intl lacks. */
function dayList(codes: WeekdayCode[]): string {
  const names = codes.map((day) => t('meetings.schedule.weekdays', { day }));
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(t('meetings.schedule.daySeparator'))}${t('meetings.schedule.lastDaySeparator')}${names.at(-1)}`;
}

/** The BYDAY days of a simple weekly rule ("FREQ=WEEKLY;BYDAY=TU,TH"), or null for anything else. */
export function weeklyDays(rrule: string | null): WeekdayCode[] | null {
  if (!rrule) return null;
  const parts = new Map(
    rrule
      .replace(/^RRULE:/, '')
      .split(';')
      .map((p) => p.split('=') as [string, string]),
  );
  if (parts.get('FREQ') !== 'WEEKLY') return null;
  const allowed = new Set(['FREQ', 'BYDAY', 'INTERVAL', 'WKST']);
  if ([...parts.keys()].some((k) => !allowed.has(k))) return null;
  if (parts.has('INTERVAL') && parts.get('INTERVAL') !== '1') return null;
  const days = (parts.get('BYDAY') ?? '').split(',').filter(Boolean);
  if (!days.every((d): d is WeekdayCode => d in JS_DAY)) return null;
  return days;
}

export function weeklyRrule(days: WeekdayCode[]): string {
  const ordered = WEEKDAYS.filter((c) => days.includes(c));
  return `FREQ=WEEKLY;BYDAY=${ordered.join(',')}`;
}

/** The day of the week (0 = Sunday) that the zone's calendar shows at an instant. */
function weekdayIn(date: Date, timeZone: string): number {
  const [y, mo, d] = partsIn(date, timeZone);
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
}

/** "7:00 PM" / "7:00 p.m.", in the reader's language and time zone. */
export const localTime = (iso: string | Date): string => formatTime(iso);

/** "Tue, Dec 3, 7:00 PM" / "mar, 3 dic, 7:00 p.m.". */
export const localDateTime = (iso: string | Date): string =>
  new Intl.DateTimeFormat(readerLocales(), {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));

/** "Tuesdays · 7:00 PM your time · 60 min", in the viewer's own time zone and language. */
export function describeSchedule(meeting: MeetingView): string {
  const { schedule, nextSession } = meeting;
  const anchor = new Date(nextSession?.startsAt ?? schedule.startsAt);
  const days = weeklyDays(schedule.rrule);
  let when: string;
  if (!schedule.rrule) {
    when = new Intl.DateTimeFormat(readerLocales(), { weekday: 'short', month: 'short', day: 'numeric' }).format(
      anchor,
    );
  } else if (days && days.length > 0) {
    // A day in the meeting's zone can be another day here (e.g. late evening in New York is
    // the next morning in Sydney): shift every day by the same amount as the next session.
    const shift = (anchor.getDay() - weekdayIn(anchor, schedule.timezone) + 7) % 7;
    when = dayList(days.map((d) => BY_JS_DAY[(JS_DAY[d] + shift) % 7]));
  } else if (/FREQ=DAILY/.test(schedule.rrule)) {
    when = t('meetings.schedule.daily');
  } else if (/FREQ=MONTHLY/.test(schedule.rrule)) {
    when = t('meetings.schedule.monthly');
  } else {
    when = t('meetings.schedule.repeats');
  }
  return t('meetings.schedule.summary', {
    when: capitalized(when),
    time: localTime(anchor),
    minutes: schedule.durationMinutes,
  });
}

/** "Opens in 5 min", "Opens in 3 h", "Opens in 2 days": the time until the lobby opens. */
function opensIn(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return t('meetings.status.opensInMinutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('meetings.status.opensInHours', { count: hours });
  return t('meetings.status.opensInDays', { count: Math.round(hours / 24) });
}

/** The status badge: "Opens in 2 h", "Lobby open", "Live now", "Ended". */
export function statusLabel(status: SessionStatus, lobbyOpensAt: string, now: number): string {
  switch (status) {
    case 'scheduled':
      return opensIn(new Date(lobbyOpensAt).getTime() - now);
    case 'lobby':
      return t('meetings.status.lobby');
    case 'live':
      return t('meetings.status.live');
    case 'ended':
      return t('meetings.status.ended');
  }
}

/** The status a session has at `now` (the server's word is refreshed on each load and push). */
export function statusAt(
  session: { startsAt: string; endsAt: string; lobbyOpensAt?: string; status: SessionStatus },
  now: number,
): SessionStatus {
  if (session.status === 'ended' || now >= new Date(session.endsAt).getTime()) return 'ended';
  if (now >= new Date(session.startsAt).getTime()) return 'live';
  if (session.lobbyOpensAt && now >= new Date(session.lobbyOpensAt).getTime()) return 'lobby';
  return session.status;
}

// ----------------------------------------------------------------- zone arithmetic for the form

/** Numbers only, read back as numbers: a fixed locale keeps the digits and their order known. */
function partsIn(instant: Date, timeZone: string): number[] {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return [p.year, p.month, p.day, p.hour === 24 ? 0 : p.hour, p.minute, p.second];
}

/** The instant when the zone's clock shows `date` (YYYY-MM-DD) at `time` (HH:MM). */
export function zonedToInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (t: number): number => {
    const [py, pmo, pd, ph, pmi, ps] = partsIn(new Date(t), timeZone);
    return Date.UTC(py, pmo - 1, pd, ph, pmi, ps) - t;
  };
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

/** The zone's wall-clock date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function instantToZoned(iso: string, timeZone: string): { date: string; time: string } {
  const [y, mo, d, h, mi] = partsIn(new Date(iso), timeZone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return { date: `${y}-${pad(mo)}-${pad(d)}`, time: `${pad(h)}:${pad(mi)}` };
}

/** The first date on or after `date` (YYYY-MM-DD) that falls on one of the days. */
export function firstMatchingDate(date: string, days: WeekdayCode[]): string {
  if (days.length === 0) return date;
  const wanted = new Set(days.map((d) => JS_DAY[d]));
  const [y, mo, d] = date.split('-').map(Number);
  for (let i = 0; i < 7; i++) {
    const candidate = new Date(Date.UTC(y, mo - 1, d + i));
    if (wanted.has(candidate.getUTCDay())) return candidate.toISOString().slice(0, 10);
  }
  return date;
}

export function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
