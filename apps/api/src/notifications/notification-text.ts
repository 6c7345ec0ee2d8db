import { DEFAULT_LOCALE, type Locale, type NotificationView } from '@kindred/contracts';
import { translate } from '../i18n/i18n.js';
import { milestoneName } from '../milestones/milestone-name.js';
import type { NotificationRow } from './notifications.repository.js';

/**
 * Kind words for one item of the centre, in the reader's language; moderation kinds point to the
 * notice itself. Items are stored as what happened (kind, count, names), so they are written here,
 * when read, never when stored.
 */
export function notificationText(
  row: Pick<NotificationRow, 'kind' | 'count' | 'actorName' | 'threadTitle' | 'meetingName' | 'milestone'>,
  locale: Locale = DEFAULT_LOCALE,
): string {
  const t = (key: string, params?: Record<string, string | number>): string => translate(locale, key, params);
  const title = row.threadTitle
    ? t('notifications.thread.quoted', { title: row.threadTitle })
    : t('notifications.thread.gone');
  const actor = row.actorName ?? t('notifications.actor.someone');
  switch (row.kind) {
    case 'reply':
      return t('notifications.text.reply', { count: row.count, actor, title });
    case 'mention':
      return t('notifications.text.mention', { actor, title });
    case 'thread':
      return t('notifications.text.thread', { count: row.count, title });
    case 'meeting_opening':
      return row.meetingName
        ? t('notifications.text.meetingOpening', { name: row.meetingName })
        : t('notifications.text.meetingOpeningUnnamed');
    case 'milestone':
      return row.milestone
        ? t('notifications.text.milestone', {
            name: milestoneName(row.milestone.name, locale),
            label: row.milestone.label,
            since: row.milestone.since,
          })
        : t('notifications.text.milestoneUnnamed');
    case 'removal':
      return t('notifications.text.removal');
    case 'warning':
      return t('notifications.text.warning');
    case 'suspension':
      return t('notifications.text.suspension');
    case 'appeal_result':
      return t('notifications.text.appealResult');
    case 'approval':
      return t('notifications.text.approval');
    case 'outreach':
      return t('notifications.text.outreach');
  }
}

export function toNotificationView(row: NotificationRow, locale: Locale = DEFAULT_LOCALE): NotificationView {
  const view: NotificationView = {
    id: row.id,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
    count: row.count,
    text: notificationText(row, locale),
  };
  if (row.threadId && row.threadTitle !== null) view.thread = { id: row.threadId, title: row.threadTitle };
  if (row.postId) view.post = { id: row.postId };
  if (row.actorName) view.actor = { displayName: row.actorName };
  if (row.noticeId) view.noticeId = row.noticeId;
  if (row.meetingId && row.meetingName !== null) view.meeting = { id: row.meetingId, name: row.meetingName };
  if (row.milestone) view.milestone = row.milestone;
  return view;
}
