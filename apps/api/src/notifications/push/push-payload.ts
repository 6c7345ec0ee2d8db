import type { NotificationKind, PushPayload } from '@kindred/contracts';

export interface PushItem {
  kind: NotificationKind;
  threadTitle: string | null;
  meetingName: string | null;
  milestoneName: string | null;
}

/** What a lock screen may show: never the content, an alias or a username. */
const DISCREET: Record<NotificationKind, string> = {
  reply: 'you have a new reply',
  mention: 'someone mentioned you',
  thread: 'there is a new thread on a board you watch',
  meeting_opening: 'a meeting you planned to join is opening',
  milestone: 'you reached a milestone',
  removal: 'you have a new notice',
  warning: 'you have a new notice',
  suspension: 'you have a new notice',
  appeal_result: 'you have a new notice',
  approval: 'you have a new notice',
  // A moderator's reach-out: a lock screen must not hint at a crisis.
  outreach: 'you have a new notice',
};

/**
 * The push of one item. Discreet by default: "Kindred: you have a new reply" and nothing else (a
 * lock screen is seen by others). With titles on, the thread title or meeting name is added —
 * still never the post's text, the replier's alias or username.
 */
export function pushPayload(item: PushItem, titles: boolean): PushPayload {
  const base = { title: 'Kindred', url: '/notifications', tag: 'kindred' };
  if (titles) {
    if ((item.kind === 'reply' || item.kind === 'mention' || item.kind === 'thread') && item.threadTitle) {
      const what = item.kind === 'reply' ? 'New reply in' : item.kind === 'mention' ? 'Mentioned in' : 'New thread:';
      return { ...base, body: `${what} “${item.threadTitle}”` };
    }
    if (item.kind === 'meeting_opening' && item.meetingName) {
      return { ...base, body: `“${item.meetingName}” is opening now` };
    }
    if (item.kind === 'milestone' && item.milestoneName) return { ...base, body: `You reached ${item.milestoneName}` };
  }
  const text = DISCREET[item.kind];
  return { ...base, body: text.charAt(0).toUpperCase() + text.slice(1), title: 'Kindred' };
}

/** The discreet line as one string ("Kindred: you have a new reply"), for docs and tests. */
export const discreetLine = (kind: NotificationKind): string => `Kindred: ${DISCREET[kind]}`;
