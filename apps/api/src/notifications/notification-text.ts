import type { NotificationView } from '@kindred/contracts';
import type { NotificationRow } from './notifications.repository.js';

/** Kind words for one item of the centre; moderation kinds point to the notice itself. */
export function notificationText(
  row: Pick<NotificationRow, 'kind' | 'count' | 'actorName' | 'threadTitle' | 'meetingName' | 'milestone'>,
): string {
  const title = row.threadTitle ? `“${row.threadTitle}”` : 'a thread that is no longer available';
  const actor = row.actorName ?? 'Someone';
  switch (row.kind) {
    case 'reply':
      return row.count > 1 ? `${row.count} new replies in ${title}` : `${actor} replied in ${title}`;
    case 'mention':
      return `${actor} mentioned you in ${title}`;
    case 'thread':
      return row.count > 1 ? `${row.count} new threads on a board you watch` : `New thread: ${title}`;
    case 'meeting_opening':
      return row.meetingName
        ? `“${row.meetingName}” is opening now. The lobby is open; come in when you are ready.`
        : 'A meeting you said you would come to is opening now.';
    case 'milestone':
      return row.milestone
        ? `You reached ${row.milestone.name} (${row.milestone.label} ${row.milestone.since}). Every day counts.`
        : 'You reached a milestone. Every day counts.';
    case 'removal':
      return 'A moderator removed something you wrote. Open the notice to read why and, if you like, appeal.';
    case 'warning':
      return 'A moderator left you a note. Open the notice to read it.';
    case 'suspension':
      return 'Your account is paused for a while. Open the notice to read why, what you can still do, and how to appeal.';
    case 'appeal_result':
      return 'We looked at your appeal again. Open the notice to read the answer.';
    case 'approval':
      return 'A moderator read what you wrote and published it. Thank you for waiting.';
    case 'outreach':
      return 'A moderator wanted to check in with you. Open it for their message and people you can reach any time.';
  }
}

export function toNotificationView(row: NotificationRow): NotificationView {
  const view: NotificationView = {
    id: row.id,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
    count: row.count,
    text: notificationText(row),
  };
  if (row.threadId && row.threadTitle !== null) view.thread = { id: row.threadId, title: row.threadTitle };
  if (row.postId) view.post = { id: row.postId };
  if (row.actorName) view.actor = { displayName: row.actorName };
  if (row.noticeId) view.noticeId = row.noticeId;
  if (row.meetingId && row.meetingName !== null) view.meeting = { id: row.meetingId, name: row.meetingName };
  if (row.milestone) view.milestone = row.milestone;
  return view;
}
