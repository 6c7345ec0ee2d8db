/** The notification centre, follow levels and their live events (namespace "/", room `user:<id>`). */

export const NOTIFICATION_KINDS = [
  'reply',
  'mention',
  'thread',
  'meeting_opening',
  'milestone',
  'removal',
  'warning',
  'suspension',
  'appeal_result',
  'approval',
  'outreach',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Moderation notices are kinds of the centre; their full text and appeal live at /notices. */
export const NOTICE_NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'removal',
  'warning',
  'suspension',
  'appeal_result',
  'approval',
  'outreach',
];

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  /** The thread it is about (a title anyone who can read the thread sees). */
  thread?: { id: string; title: string };
  /** The first post it points at (for "jump to it"). */
  post?: { id: string };
  /** Named only as the thread shows them: their alias in that thread, or their username. */
  actor?: { displayName: string };
  /** How many events this item stands for (several replies collapse into one). */
  count: number;
  /** Kind words for the list. */
  text: string;
  /** For moderation kinds: the notice, read in full and appealed at /notices. */
  noticeId?: string;
  /** For `meeting_opening`: the meeting whose lobby opened. */
  meeting?: { id: string; name: string };
  /** For `milestone`: what was reached ("30 days") and the member's own label ("since"). */
  milestone?: MilestoneReached;
}

export interface MilestoneReached {
  kind: MilestoneKind;
  label: string;
  /** Days since the date when it was reached. */
  days: number;
  /** "1 day", "30 days", "6 months", "2 years". */
  name: string;
  /** The date counted from (YYYY-MM-DD). */
  since: string;
}

export interface NotificationList {
  items: NotificationView[];
  nextCursor: string | null;
  unread: number;
}

export interface MarkNotificationsRead {
  ids?: string[];
  all?: true;
}

export const FOLLOW_LEVELS = ['watching', 'normal', 'muted'] as const;
export type FollowLevel = (typeof FOLLOW_LEVELS)[number];
export const BOARD_FOLLOW_LEVELS = ['watching', 'normal'] as const;
export type BoardFollowLevel = (typeof BOARD_FOLLOW_LEVELS)[number];

export interface ThreadFollowView {
  threadId: string;
  level: FollowLevel;
}

export interface BoardFollowView {
  slug: string;
  level: BoardFollowLevel;
}

export interface FollowingList {
  threads: Array<{ id: string; title: string; boardSlug: string; level: FollowLevel }>;
  boards: Array<{ slug: string; name: string; level: BoardFollowLevel }>;
}

/** GET/PUT /api/threads/:id/read: where the member stopped reading. */
export interface ThreadReadView {
  threadId: string;
  /** The last post they read; null when they never opened the thread. */
  lastReadPostId: string | null;
  /** The first published post after it (the "New since your last visit" line goes above it). */
  firstUnreadPostId: string | null;
  /** Published posts after it. */
  unread: number;
}

/** GET /api/me/unread?threads=<id,id,…>: new posts per thread the member has read before. */
export interface UnreadCounts {
  threads: Record<string, number>;
}

/** GET/PUT /api/me/notification-settings. */
export interface NotificationSettings {
  /** Watch the threads you start and reply to. */
  autoWatch: boolean;
}

/** Milestones: a private clean date and/or medication start date. */
export const MILESTONE_KINDS = ['clean', 'medication'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export interface MilestoneDateView {
  kind: MilestoneKind;
  /** The member's own words: "since", "on methadone since". */
  label: string;
  /** YYYY-MM-DD. */
  since: string;
  /** Days counted today (0 on the day itself). */
  days: number;
  /** Shown as a small badge next to their signed posts (never anonymous ones, never in meetings). */
  showBadge: boolean;
}

/** GET /api/me/milestones. */
export interface MilestonesView {
  dates: MilestoneDateView[];
  /** The board where a milestone can be shared (the notification offers a prefilled post there). */
  shareBoardSlug: string;
}

/** PUT /api/me/milestones/:kind. */
export interface SetMilestoneRequest {
  label: string;
  since: string;
  showBadge?: boolean;
}

/** POST /api/me/milestones/:kind/reset: the date becomes today; nobody is told. */
export interface MilestoneResetView {
  date: MilestoneDateView;
  message: string;
}

/** Web Push (opt-in per device). GET /api/push/key. */
export interface PushKeyView {
  /** The VAPID public key (base64url) for PushManager.subscribe's applicationServerKey. */
  publicKey: string;
}

/** POST /api/me/push-subscriptions (PushSubscription.toJSON()); DELETE with { endpoint }. */
export interface PushSubscriptionRequest {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** What the service worker receives: discreet unless the member opted into titles. */
export interface PushPayload {
  title: string;
  body: string;
  /** Where a tap opens (always inside Kindred). */
  url: string;
  tag: string;
}

/** GET /api/threads/:id/mentionable?prefix=: names the thread shows (aliases and usernames), nothing more. */
export interface MentionableView {
  items: Array<{ name: string; type: 'alias' | 'username' }>;
}

export interface NotificationServerToClient {
  /** A new (or grown, collapsed) item, and the member's unread count after it. */
  'notification:new': (payload: { notification: NotificationView; unread: number }) => void;
  /** Items were read (in another tab too); `ids` null means all. */
  'notification:read': (payload: { ids: string[] | null; unread: number }) => void;
}

/** `GET /api/me/unread-threads`: a thread the member read before that has new posts from others since. */
export interface UnreadThread {
  id: string;
  title: string;
  board: { slug: string; name: string };
  /** Published posts by others after the member's read mark. */
  unread: number;
  /** The first of them (the thread page opens there). */
  firstUnreadPostId: string;
  lastActivityAt: string;
}
