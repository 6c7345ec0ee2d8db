import { DEFAULT_LOCALE, type Locale, type NotificationKind, type PushPayload } from '@kindred/contracts';
import { translate } from '../../i18n/i18n.js';
import { milestoneName } from '../../milestones/milestone-name.js';

export interface PushItem {
  kind: NotificationKind;
  threadTitle: string | null;
  meetingName: string | null;
  milestoneName: string | null;
}

/** What a lock screen may show: never the content, an alias or a username. */
const DISCREET: Record<NotificationKind, string> = {
  reply: 'push.discreet.reply',
  mention: 'push.discreet.mention',
  thread: 'push.discreet.thread',
  meeting_opening: 'push.discreet.meetingOpening',
  milestone: 'push.discreet.milestone',
  removal: 'push.discreet.notice',
  warning: 'push.discreet.notice',
  suspension: 'push.discreet.notice',
  appeal_result: 'push.discreet.notice',
  approval: 'push.discreet.notice',
  // A moderator's reach-out: a lock screen must not hint at a crisis.
  outreach: 'push.discreet.notice',
};

const TITLED: Partial<Record<NotificationKind, string>> = {
  reply: 'push.titled.reply',
  mention: 'push.titled.mention',
  thread: 'push.titled.thread',
};

/**
 * The push of one item, in the recipient's language (their saved one: a push answers no request).
 * Discreet by default: "Kindred: you have a new reply" and nothing else (a lock screen is seen by
 * others). With titles on, the thread title or meeting name is added — still never the post's
 * text, the replier's alias or username.
 */
export function pushPayload(item: PushItem, titles: boolean, locale: Locale = DEFAULT_LOCALE): PushPayload {
  const base = { title: 'Kindred', url: '/notifications', tag: 'kindred' };
  if (titles) {
    const titled = TITLED[item.kind];
    if (titled && item.threadTitle) return { ...base, body: translate(locale, titled, { title: item.threadTitle }) };
    if (item.kind === 'meeting_opening' && item.meetingName) {
      return { ...base, body: translate(locale, 'push.titled.meetingOpening', { name: item.meetingName }) };
    }
    if (item.kind === 'milestone' && item.milestoneName) {
      return {
        ...base,
        body: translate(locale, 'push.titled.milestone', { name: milestoneName(item.milestoneName, locale) }),
      };
    }
  }
  const text = translate(locale, DISCREET[item.kind]);
  return { ...base, body: text.charAt(0).toUpperCase() + text.slice(1), title: 'Kindred' };
}

/** The discreet line as one string ("Kindred: you have a new reply"), for docs and tests. */
export const discreetLine = (kind: NotificationKind, locale: Locale = DEFAULT_LOCALE): string =>
  `Kindred: ${translate(locale, DISCREET[kind])}`;
