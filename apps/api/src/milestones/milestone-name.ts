import type { Locale } from '@kindred/contracts';
import { translate } from '../i18n/i18n.js';

const NAME = /^(\d+) (day|month|year)s?$/;
const KEYS = { day: 'milestones.name.days', month: 'milestones.name.months', year: 'milestones.name.years' } as const;

/**
 * A milestone's name in the reader's language. The daily check stores it as English words ("1 day",
 * "30 days", "6 months", "2 years": milestones.repository.ts), which are its key: read back into a
 * count and a unit. A name in any other shape is shown as stored.
 */
export function milestoneName(name: string, locale: Locale): string {
  const match = NAME.exec(name);
  if (!match) return name;
  return translate(locale, KEYS[match[2] as keyof typeof KEYS], { count: Number(match[1]) });
}
