/**
 * Dates and times in the reader's own locale and time zone, in one place: every screen that shows
 * a time uses these (or <RelativeTime>), so nothing ever prints a bare numeric date such as
 * "12/3/2026" that reads differently in different countries.
 */
import { i18n } from './i18n/i18n.svelte';

/**
 * The reader's locales: the words in Kindred's chosen language, the formats of the reader's region.
 * The browser's own regional form when it speaks that language ("en-GB" writes 3 Dec 2026); else
 * that language as used in the browser's region (a German browser reading Kindred in English gets
 * "2 hours ago" and "Thursday, 3 December 2026 at 18:54", en-DE); else that language for the US.
 */
export const readerLocales = (): readonly string[] => {
  const browser = typeof navigator !== 'undefined' && navigator.languages?.length ? navigator.languages : [];
  const same = browser.filter((tag) => tag.toLowerCase().split('-')[0] === i18n.locale);
  if (same.length > 0) return same;
  const region = browser.map((tag) => /^[a-z]{2,3}-([a-z]{2})\b/i.exec(tag)?.[1]).find(Boolean);
  return region ? [`${i18n.locale}-${region.toUpperCase()}`, i18n.intlLocale] : [i18n.intlLocale];
};

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${i18n.locale} ${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(readerLocales(), options);
    cache.set(key, f);
  }
  return f;
}

const toDate = (value: string | number | Date): Date => (value instanceof Date ? value : new Date(value));

/** "Dec 3, 2026" / "3 Dec 2026" / "03.12.2026" as the reader's locale writes a date. */
export const formatDate = (value: string | number | Date): string =>
  formatter({ dateStyle: 'medium' }).format(toDate(value));

/** "Dec 3, 2026, 6:54 PM": a date with its time. */
export const formatDateTime = (value: string | number | Date): string =>
  formatter({ dateStyle: 'medium', timeStyle: 'short' }).format(toDate(value));

/** "Thursday, December 3, 2026 at 6:54 PM": the full form, for hover, focus and screen readers. */
export const formatFull = (value: string | number | Date): string =>
  formatter({ dateStyle: 'full', timeStyle: 'short' }).format(toDate(value));

/** "6:54 PM" / "18:54". */
export const formatTime = (value: string | number | Date): string =>
  formatter({ timeStyle: 'short' }).format(toDate(value));

const relatives = new Map<string, Intl.RelativeTimeFormat>();

/**
 * "2 hours ago", "yesterday", "in 3 days" in the reader's language (Intl.RelativeTimeFormat);
 * a week or more away, the date itself.
 */
export function timeAgo(value: string | number | Date, now = Date.now()): string {
  let relative = relatives.get(i18n.locale);
  if (!relative) {
    relative = new Intl.RelativeTimeFormat(readerLocales(), { numeric: 'auto' });
    relatives.set(i18n.locale, relative);
  }
  const seconds = (toDate(value).getTime() - now) / 1000;
  if (Math.abs(seconds) < 45) return relative.format(0, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(seconds / 3600);
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  // Days count calendar days where the reader is: 32 hours ahead late at night is "in 2 days", not "tomorrow".
  const day = (d: Date): number => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;
  const days = day(toDate(value)) - day(new Date(now));
  if (Math.abs(days) < 7) return relative.format(days, 'day');
  return formatDate(value);
}
