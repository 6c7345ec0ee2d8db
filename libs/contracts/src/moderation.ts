/** Flags, the review queue, moderator actions, notices, appeals, the audit log and admin user tools. */
import type { AckFn } from './sockets.js';
import type { Role } from './auth.js';
import type { CrisisResource } from './crisis.js';

export const MODERATION_TARGET_TYPES = ['thread', 'post', 'message'] as const;
export type ModerationTargetType = (typeof MODERATION_TARGET_TYPES)[number];

export const FLAG_REASONS = [
  'spam',
  'harassment',
  'sourcing',
  'personal_info',
  'crisis',
  'misinformation',
  'needs_content_warning',
  'other',
] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** What each reason means, shown beside it in the flag dialog. */
export const FLAG_REASON_TEXT: Record<FlagReason, { label: string; explanation: string }> = {
  spam: { label: 'Spam', explanation: 'Advertising, scams or repeated off-topic posting.' },
  harassment: { label: 'Harassment', explanation: 'Hostile, bullying or shaming someone.' },
  sourcing: { label: 'Drug sourcing', explanation: 'Buying, selling or arranging drugs.' },
  personal_info: { label: 'Personal information', explanation: 'Details that could identify someone.' },
  crisis: { label: 'Someone may be in danger', explanation: 'Moderators are alerted at once; nothing is hidden.' },
  misinformation: {
    label: 'Dangerous misinformation',
    explanation: 'Dangerous medical claims, or shaming people for using medication treatment.',
  },
  needs_content_warning: {
    label: 'Needs a content warning',
    explanation: 'Graphic detail (use, overdose, self-harm) that should be behind a warning.',
  },
  other: { label: 'Something else', explanation: 'Tell the moderators what is wrong (a note is required).' },
};

export const FLAG_NOTE_MAX = 500;
export const FLAGS_PER_DAY = 20;

export interface FlagRequest {
  targetType: ModerationTargetType;
  targetId: string;
  reason: FlagReason;
  note?: string;
}

export interface FlagCreated {
  id: string;
  itemId: string;
}

export type QueuePriority = 'urgent' | 'high' | 'normal';
export type QueueItemStatus = 'open' | 'resolved';
export type QueueItemKind = 'flag' | 'appeal';

/** An automatic-detection hit (added by the safety detectors). */
export interface DetectionHit {
  kind: string;
  label?: string;
  match?: string;
  /** The sentences that drove a crisis / sourcing / personal-info detection (highlighted in the excerpt). */
  evidence?: string[];
  /** The safety model's probabilities for this detector, e.g. { none: 0.02, concern: 0.1, urgent: 0.88 }. */
  scores?: Record<string, number>;
  [key: string]: unknown;
}

/** Detection kinds a moderator can give a verdict on (POST /moderation/items/:id/detection-verdict). */
export const DETECTION_VERDICT_KINDS = ['crisis', 'sourcing', 'personal_info'] as const;
export type DetectionVerdictKind = (typeof DETECTION_VERDICT_KINDS)[number];

/** A moderator's verdict on one automatic detection: was it right? Kept as future training data. */
export interface DetectionVerdictRequest {
  kind: DetectionVerdictKind;
  upheld: boolean;
}

export interface DetectionVerdictView {
  itemId: string;
  kind: DetectionVerdictKind;
  upheld: boolean;
}

/**
 * The moderated content, as a moderator may see it. For anonymous content `author` is null: no
 * author id or username ever appears here.
 */
export interface ModerationTargetView {
  type: ModerationTargetType;
  id: string;
  excerpt: string;
  link: string;
  status: string;
  anonymous: boolean;
  /** The author's username for content posted under their name; null for anonymous content. */
  author: string | null;
  /** Thread title for posts and threads; meeting title for chat messages. */
  contextTitle: string | null;
  /** For chat messages: the messages around it (excerpts only). */
  surrounding: Array<{ id: string; excerpt: string; at: string; isTarget: boolean }>;
}

export interface AppealSummaryView {
  id: string;
  noticeId: string;
  noticeKind: NoticeKind;
  noticeReason: string;
  message: string;
  status: AppealStatus;
  createdAt: string;
  decidedAt: string | null;
}

export interface QueueItemView {
  id: string;
  kind: QueueItemKind;
  targetType: ModerationTargetType;
  targetId: string;
  priority: QueuePriority;
  status: QueueItemStatus;
  hidden: boolean;
  claimedBy: string | null;
  firstFlaggedAt: string;
  lastFlaggedAt: string;
  resolvedAt: string | null;
  flagCount: number;
  weight: number;
  reasons: Array<{ reason: FlagReason; count: number }>;
  notes: string[];
  detection: DetectionHit[];
  /** null when the content no longer exists. */
  target: ModerationTargetView | null;
  appeal: AppealSummaryView | null;
  /** An urgent crisis item nobody has marked as checked yet: the supportive actions come first. */
  crisis: boolean;
  /** What was done from this item, oldest first (reach-outs, checks, removals, suspensions…). */
  history: ItemActionView[];
}

export interface QueuePage {
  items: QueueItemView[];
  nextCursor: string | null;
}

/** Supportive actions come first for a crisis item: a private, kind message, and a record of the check. */
export const SUPPORTIVE_ACTIONS = ['reach_out', 'mark_checked'] as const;
export type SupportiveAction = (typeof SUPPORTIVE_ACTIONS)[number];

export const MODERATION_ACTIONS = [
  ...SUPPORTIVE_ACTIONS,
  'remove',
  'remove_and_suspend',
  'approve',
  'add_content_warning',
  'lock_thread',
  'warn_author',
  'suspend_author',
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];
export const APPEAL_DECISIONS = ['uphold', 'reverse'] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];

export const SUSPENSION_DAYS = [1, 3, 7, 30] as const;

/** Reason presets for every action; `text` completes "… because {text}" in the author's notice. */
export const ACTION_REASONS = {
  spam: { label: 'Spam or advertising', text: 'it looked like advertising or spam' },
  harassment: { label: 'Harassment or shaming', text: 'it was hostile toward or shaming someone' },
  sourcing: { label: 'Drug sourcing', text: 'it looked like it was about buying, selling or arranging drugs' },
  personal_info: { label: 'Personal information', text: 'it contained details that could identify someone' },
  misinformation: {
    label: 'Dangerous misinformation or medication stigma',
    text: 'it contained dangerous medical claims or shamed people for using medication treatment',
  },
  graphic: {
    label: 'Graphic content',
    text: 'it contained graphic detail that can be hard for people early in recovery',
  },
  off_topic: { label: 'Off topic', text: 'it did not fit the purpose of this space' },
  repeated: { label: 'Repeated problems', text: 'of repeated problems with posts that broke the guidelines' },
  guidelines: { label: 'Other guideline problem', text: 'it did not follow the community guidelines' },
  no_violation: { label: 'No problem found', text: 'it follows the community guidelines' },
  appeal_accepted: { label: 'Appeal accepted', text: 'on a second look we got this wrong' },
  crisis_support: { label: 'Checking in', text: 'a moderator wanted to check in with you' },
  supported: { label: 'Supported', text: 'a moderator checked in and supported them' },
  not_a_crisis: { label: 'Not a crisis', text: 'on a closer look it was not a crisis' },
  emergency_services: {
    label: 'Escalated to emergency services',
    text: 'a moderator contacted emergency services',
  },
  appeal_declined: { label: 'Decision stands', text: 'on a second look the decision stands' },
} as const satisfies Record<string, { label: string; text: string }>;
export type ActionReason = keyof typeof ACTION_REASONS;
export const ACTION_REASON_IDS = Object.keys(ACTION_REASONS) as ActionReason[];

/** "Mark as checked": what the moderator found, with guidance shown beside each choice. */
export const CHECK_REASONS = ['supported', 'not_a_crisis', 'emergency_services'] as const;
export type CheckReason = (typeof CHECK_REASONS)[number];
export const CHECK_REASON_GUIDANCE: Record<CheckReason, string> = {
  supported:
    'You replied in the thread, reached out privately or sent the resources, and the person is not in immediate danger. Say what you did in the note.',
  not_a_crisis:
    'On a closer look nobody is in danger (for example a story about the past, or a quote). The crisis alert is cleared; other flags stay for review.',
  emergency_services:
    'Only when the words say someone is in danger right now (an overdose happening, or a plan and the means to end their life tonight) and say where they are. Call 911 (or the local emergency number) and read out what was written and where; do not guess an address. Kindred does not know where anyone is, and the author of an anonymous post stays unknown to you. If you are unsure, call 988 yourself: they advise people worried about someone else. Then reach out, and write in the note what you did and when.',
};

/** A second "Reach out" to the same content within this many minutes is refused (409), kindly. */
export const REACH_OUT_WINDOW_MINUTES = 30;

/** An action taken from a queue item, shown on the item (moderators are staff: their usernames are fine). */
export interface ItemActionView {
  action: string;
  moderator: string | null;
  at: string;
  reason: string | null;
  /** The summary and the moderator's note, as in the log. */
  message: string | null;
}

export interface ModerationActionRequest {
  action: ModerationAction | AppealDecision;
  reason: ActionReason;
  message?: string;
  /** suspend_author: 1, 3, 7, 30, or null for an open-ended suspension. */
  days?: number | null;
  /** add_content_warning: the warning shown before the content. */
  text?: string;
}

export interface ModerationActionResult {
  item: QueueItemView;
  /** What happened, in words safe to show any moderator ("Author suspended until …"). */
  summary: string;
}

export interface LogEntryView {
  id: string;
  at: string;
  /** Null for automatic actions (flag weight hid the content). */
  moderator: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  excerpt: string | null;
  reason: string | null;
  message: string | null;
  /** 'moderation' for this log; 'meeting' for a facilitator's action in a meeting. */
  source: 'moderation' | 'meeting';
}

export interface LogPage {
  entries: LogEntryView[];
  nextCursor: string | null;
}

/** `approval`: held content a moderator approved is now published. */
export type NoticeKind = 'removal' | 'warning' | 'suspension' | 'appeal_result' | 'approval' | 'outreach';
export type AppealStatus = 'pending' | 'upheld' | 'reversed';

export interface NoticeView {
  id: string;
  kind: NoticeKind;
  targetType: string | null;
  targetId: string | null;
  /** An excerpt of the content the notice is about. */
  excerpt: string | null;
  reason: string | null;
  /** The whole notice, in kind words, ready to show. */
  text: string;
  /** The moderator's own note, if they wrote one. */
  message: string | null;
  suspendedUntil: string | null;
  createdAt: string;
  readAt: string | null;
  appealable: boolean;
  appeal: { id: string; status: AppealStatus; message: string; createdAt: string; decidedAt: string | null } | null;
  /** `outreach`: the crisis resources, to show as tap-to-call and tap-to-text links. */
  resources?: CrisisResource[];
}

export interface NoticeList {
  notices: NoticeView[];
  unread: number;
}

export interface AppealRequest {
  message: string;
}

export interface UnmaskRequest {
  targetType: ModerationTargetType;
  targetId: string;
  reason: string;
}

/**
 * A member as the admin screen shows them. No suspension state: every suspension is made through
 * a piece of content ("suspend its author"), so showing who is suspended, or until when, would
 * name the author of an anonymous post (SECURITY.md, issue 13 finding 3).
 */
export interface AdminUserView {
  username: string;
  role: Role;
  createdAt: string;
}

/** `GET /api/admin/users`: a prefix search, keyset-paged (without a search: the moderators and admins). */
export interface AdminUserList {
  users: AdminUserView[];
  nextCursor: string | null;
}

/** `PUT /api/admin/users/:username/suspension`: suspend a member by name from the users screen. */
export interface SuspendUserRequest {
  /** 1, 3, 7 or 30 days; null for until further notice. */
  days: number | null;
  reason: ActionReason;
  /** A note to the member, shown in their notice. */
  message?: string;
}

/** Namespace "/moderation": moderators only. */
export interface ModerationClientToServer {
  /** Claim an item ("I'm on it"). */
  'queue:claim': (payload: { id: string }, ack: AckFn<{ item: QueueItemView }>) => void;
}

export interface ModerationServerToClient {
  'queue:upsert': (payload: { item: QueueItemView }) => void;
  'queue:removed': (payload: { id: string }) => void;
  'queue:claimed': (payload: { id: string; by: string | null }) => void;
  'alert:urgent': (payload: { item: QueueItemView }) => void;
}

/** Sent on namespace "/" to the member's own room. */
export interface NoticeServerToClient {
  'notice:new': (payload: { notice: NoticeView }) => void;
  'you:suspended': (payload: { until: string | null; permanent: boolean }) => void;
}
