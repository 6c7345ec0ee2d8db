import { DEFAULT_LOCALE, type CrisisResource, type Locale, type NoticeKind } from '@kindred/contracts';
import { hasMessage, translate } from '../../i18n/i18n.js';
import { storeMessages } from '../../i18n/message.js';

/**
 * A notice is stored as what was decided — its kind, the reason preset, the moderator's own note,
 * the end of a suspension — never as rendered words: those are the message key (the kind, and
 * `notices.reason.<reason>`) and its arguments. The text is written when the notice is read, in
 * the reader's language, so a notice sent while a member read English reads in Spanish once they
 * switch, and every notice ever stored keeps working.
 */

const camel = (id: string): string => id.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** The catalogue key of a reason preset (notices.reason.<reason>); the default one for any other reason. */
export function reasonKey(reason: string | null): string {
  const key = `notices.reason.${camel(reason ?? '')}`;
  return reason && hasMessage(key) ? key : 'notices.reason.default';
}

/** "it looked like advertising or spam": completes "… because {reason}" in the notice. */
export const reasonText = (reason: string | null, locale: Locale = DEFAULT_LOCALE): string =>
  translate(locale, reasonKey(reason));

/** What the author reads on content moderators removed, kept as a message (see renderStored). */
export const removedNote = (reason: string | null): string =>
  storeMessages([{ key: 'notices.status.removed', params: { reason: { key: reasonKey(reason) } } }]);

/** What the author reads on content hidden after members flagged it. */
export const flaggedNote = (): string => storeMessages([{ key: 'notices.status.flagged' }]);

/** The end of a suspension as a reader of that language writes it ("Mon, 07 Dec 2026 22:54:26 GMT" in English). */
function untilDate(until: Date, locale: Locale): string {
  if (locale === 'en') return until.toUTCString();
  const written = new Intl.DateTimeFormat(`${locale}-US`, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(until);
  return `${written} (UTC)`;
}

export const untilText = (until: Date | null, permanent: boolean, locale: Locale = DEFAULT_LOCALE): string =>
  permanent || !until
    ? translate(locale, 'notices.until.furtherNotice')
    : translate(locale, 'notices.until.date', { date: untilDate(until, locale) });

/** " 988 Suicide & Crisis Lifeline: call 988 or text 988. …" — numbers the member can use at once. */
function resourcesText(resources: CrisisResource[] | undefined, locale: Locale): string {
  if (!resources || resources.length === 0) return ` ${translate(locale, 'notices.outreach.helpPage')}`;
  return resources
    .map((r) => {
      // 988 answers in Spanish when you press 2, and takes texts in Spanish: each language says how.
      const is988 = r.id === '988' && r.phone === '988' && r.sms?.number === '988' && !r.sms.body;
      const ways = is988
        ? [translate(locale, 'notices.outreach.ways988')]
        : [
            r.phone ? translate(locale, 'notices.outreach.call', { phone: r.phone }) : null,
            r.sms
              ? r.sms.body
                ? translate(locale, 'notices.outreach.textBody', { body: r.sms.body, number: r.sms.number })
                : translate(locale, 'notices.outreach.text', { number: r.sms.number })
              : null,
          ].filter((w): w is string => w !== null);
      const joined =
        ways.length === 2 ? translate(locale, 'notices.outreach.or', { first: ways[0], second: ways[1] }) : ways[0];
      return ` ${
        joined
          ? translate(locale, 'notices.outreach.resource', { name: r.name, ways: joined })
          : translate(locale, 'notices.outreach.resourceName', { name: r.name })
      }`;
    })
    .join('');
}

/** The whole notice in kind words: why, what the member can still do, where help is, how to appeal. */
export function noticeText(
  notice: {
    kind: NoticeKind;
    targetType: string | null;
    reason: string | null;
    message: string | null;
    suspendedUntil: Date | null;
    appealable: boolean;
    permanent?: boolean;
    /** For `outreach`: the crisis resources, written out in the text too. */
    resources?: CrisisResource[];
  },
  locale: Locale = DEFAULT_LOCALE,
): string {
  const t = (key: string, params?: Record<string, string>): string => translate(locale, key, params);
  const what = notice.targetType === 'thread' || notice.targetType === 'message' ? notice.targetType : 'post';
  const note = notice.message ? ` ${t('notices.note', { message: notice.message })}` : '';
  const support = t('notices.support');
  const appeal = notice.appealable ? ` ${t('notices.appeal')}` : '';
  const reason = reasonText(notice.reason, locale);
  switch (notice.kind) {
    case 'removal':
      return t('notices.text.removal', { what, reason, note, support, appeal });
    case 'warning':
      return t('notices.text.warning', { what, reason, note, support });
    case 'suspension':
      return t('notices.text.suspension', {
        until: untilText(notice.suspendedUntil, notice.permanent ?? false, locale),
        reason,
        note,
        support,
        appeal,
      });
    case 'outreach':
      return t('notices.text.outreach', {
        resources: resourcesText(notice.resources, locale),
        added: notice.message ? ` ${t('notices.outreach.added', { message: notice.message })}` : '',
      });
    case 'approval':
      return t('notices.text.approval', { what, note });
    case 'appeal_result':
      return notice.reason === 'appeal_accepted'
        ? t('notices.text.appealAccepted', { reason, note })
        : t('notices.text.appealDeclined', { note, support });
  }
}
