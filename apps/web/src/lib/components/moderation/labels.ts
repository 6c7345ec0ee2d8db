import { formatDateTime } from '../../time';
import { t, type MessageKey, type MessageParams } from '../../i18n/i18n.svelte';
import type { ActionReason, CheckReason, FlagReason, QueuePriority } from '@kindred/contracts';

/** Every action the log can hold, in the order the log's filter lists them. */
const ACTION_KEYS: Record<string, MessageKey> = {
  reach_out: 'moderation.action.reachOut',
  mark_checked: 'moderation.action.markChecked',
  remove: 'moderation.action.remove',
  remove_and_suspend: 'moderation.action.removeAndSuspend',
  approve: 'moderation.action.approve',
  add_content_warning: 'moderation.action.addContentWarning',
  lock_thread: 'moderation.action.lockThread',
  warn_author: 'moderation.action.warnAuthor',
  suspend_author: 'moderation.action.suspendAuthor',
  uphold: 'moderation.action.uphold',
  reverse: 'moderation.action.reverse',
  auto_hide: 'moderation.action.autoHide',
  auto_content_warning: 'moderation.action.autoContentWarning',
  unmask: 'moderation.action.unmask',
  role_change: 'moderation.action.roleChange',
  lift_suspension: 'moderation.action.liftSuspension',
  reset_link: 'moderation.action.resetLink',
};
export const LOGGED_ACTIONS: readonly string[] = Object.keys(ACTION_KEYS);

/** An action's name in the reader's language; an action this screen does not know shows as its id. */
export const actionLabel = (action: string): string =>
  Object.hasOwn(ACTION_KEYS, action) ? t(ACTION_KEYS[action]!) : action;

const PRIORITY_KEYS: Record<QueuePriority, MessageKey> = {
  urgent: 'moderation.priority.urgent',
  high: 'moderation.priority.high',
  normal: 'moderation.priority.normal',
};
export const priorityLabel = (priority: QueuePriority): string => t(PRIORITY_KEYS[priority]);

/** A shape beside each word, so priorities never differ by colour alone. */
export const PRIORITY_ICONS: Record<QueuePriority, string> = { urgent: '⚠', high: '▲', normal: '●' };

/** The flag dialog's reasons (libs/contracts FLAG_REASON_TEXT in English), each with what it means. */
const FLAG_REASON_KEYS: Record<FlagReason, { label: MessageKey; explanation: MessageKey }> = {
  spam: { label: 'moderation.flagReason.spam', explanation: 'moderation.flagReason.spamHint' },
  harassment: { label: 'moderation.flagReason.harassment', explanation: 'moderation.flagReason.harassmentHint' },
  sourcing: { label: 'moderation.flagReason.sourcing', explanation: 'moderation.flagReason.sourcingHint' },
  personal_info: {
    label: 'moderation.flagReason.personalInfo',
    explanation: 'moderation.flagReason.personalInfoHint',
  },
  crisis: { label: 'moderation.flagReason.crisis', explanation: 'moderation.flagReason.crisisHint' },
  misinformation: {
    label: 'moderation.flagReason.misinformation',
    explanation: 'moderation.flagReason.misinformationHint',
  },
  needs_content_warning: {
    label: 'moderation.flagReason.needsContentWarning',
    explanation: 'moderation.flagReason.needsContentWarningHint',
  },
  other: { label: 'moderation.flagReason.other', explanation: 'moderation.flagReason.otherHint' },
};

export const flagReasonLabel = (reason: FlagReason): string =>
  Object.hasOwn(FLAG_REASON_KEYS, reason) ? t(FLAG_REASON_KEYS[reason].label) : reason;
export const flagReasonExplanation = (reason: FlagReason): string =>
  Object.hasOwn(FLAG_REASON_KEYS, reason) ? t(FLAG_REASON_KEYS[reason].explanation) : '';

/** The reason presets of an action (libs/contracts ACTION_REASONS labels in English). */
const ACTION_REASON_KEYS: Record<ActionReason, MessageKey> = {
  spam: 'moderation.reason.spam',
  harassment: 'moderation.reason.harassment',
  sourcing: 'moderation.reason.sourcing',
  personal_info: 'moderation.reason.personalInfo',
  misinformation: 'moderation.reason.misinformation',
  graphic: 'moderation.reason.graphic',
  off_topic: 'moderation.reason.offTopic',
  repeated: 'moderation.reason.repeated',
  guidelines: 'moderation.reason.guidelines',
  no_violation: 'moderation.reason.noViolation',
  appeal_accepted: 'moderation.reason.appealAccepted',
  crisis_support: 'moderation.reason.crisisSupport',
  supported: 'moderation.reason.supported',
  not_a_crisis: 'moderation.reason.notACrisis',
  emergency_services: 'moderation.reason.emergencyServices',
  appeal_declined: 'moderation.reason.appealDeclined',
};

export const actionReasonLabel = (reason: string | null): string =>
  reason && Object.hasOwn(ACTION_REASON_KEYS, reason) ? t(ACTION_REASON_KEYS[reason as ActionReason]) : (reason ?? '');

/** "Mark as checked": the guidance beside each finding (libs/contracts CHECK_REASON_GUIDANCE in English). */
const CHECK_GUIDANCE_KEYS: Record<CheckReason, MessageKey> = {
  supported: 'moderation.checkGuidance.supported',
  not_a_crisis: 'moderation.checkGuidance.notACrisis',
  emergency_services: 'moderation.checkGuidance.emergencyServices',
};
export const checkGuidance = (reason: CheckReason): string => t(CHECK_GUIDANCE_KEYS[reason]);

/** A date with its time in the reader's locale (see time.ts); empty for none. */
export const when = (iso: string | null): string => (iso ? formatDateTime(iso) : '');

/** A run of a message: its own words, or the place of an argument the component fills itself. */
export type MessagePart = { text: string; slot?: undefined } | { slot: string; text?: undefined };

const MARK = '\u0001';

/**
 * The message for `key` cut around the arguments named in `slots`, so that a component can put a
 * link, a <time> or bold words wherever the language puts them (Spanish may order a sentence
 * differently from English). The other params are filled in as text.
 */
export function messageParts(key: MessageKey, params: MessageParams, slots: readonly string[]): MessagePart[] {
  const marked: MessageParams = { ...params };
  for (const slot of slots) marked[slot] = `${MARK}${slot}${MARK}`;
  return t(key, marked)
    .split(MARK)
    .map((piece, i): MessagePart => (i % 2 === 1 ? { slot: piece } : { text: piece }))
    .filter((part) => part.slot !== undefined || part.text !== '');
}
