import { formatDateTime } from '../../time';
import { ACTION_REASONS, FLAG_REASON_TEXT, type FlagReason, type QueuePriority } from '@kindred/contracts';

export const ACTION_LABELS: Record<string, string> = {
  remove: 'Remove',
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
