import { formatDateTime } from '../../time';
import { ACTION_REASONS, FLAG_REASON_TEXT, type FlagReason, type QueuePriority } from '@kindred/contracts';

export const ACTION_LABELS: Record<string, string> = {
  reach_out: 'Reached out privately',
  mark_checked: 'Marked as checked',
  remove: 'Remove',
  remove_and_suspend: 'Remove and suspend author',
  approve: 'Approve (dismiss flags)',
  add_content_warning: 'Add content warning',
  lock_thread: 'Lock thread',
  warn_author: 'Warn author',
  suspend_author: 'Suspend author',
  uphold: 'Uphold the decision',
  reverse: 'Reverse the decision',
  auto_hide: 'Hidden automatically',
  auto_content_warning: 'Warning added automatically',
  unmask: 'Unmasked an author',
  role_change: 'Changed a role',
  lift_suspension: 'Lifted a suspension',
  reset_link: 'Made a password reset link',
};

export const PRIORITY_LABELS: Record<QueuePriority, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal' };

/** A shape beside each word, so priorities never differ by colour alone. */
export const PRIORITY_ICONS: Record<QueuePriority, string> = { urgent: '⚠', high: '▲', normal: '●' };

export const flagReasonLabel = (reason: FlagReason): string => FLAG_REASON_TEXT[reason]?.label ?? reason;

export const actionReasonLabel = (reason: string | null): string =>
  reason && reason in ACTION_REASONS ? ACTION_REASONS[reason as keyof typeof ACTION_REASONS].label : (reason ?? '');

/** A date with its time in the reader's locale (see time.ts); empty for none. */
export const when = (iso: string | null): string => (iso ? formatDateTime(iso) : '');
/** "3 minutes ago" (the full date goes in a title / datetime beside it). */
export function ago(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000));
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  if (minutes < 1) return rtf.format(0, 'minute');
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return rtf.format(-hours, 'hour');
  return rtf.format(-Math.round(hours / 24), 'day');
}
