import type { UserView } from './auth.js';
import type { CrisisResource } from './crisis.js';

export type SafetyCrisisLevel = 'none' | 'concern' | 'urgent';
export type SafetyDecisionKind = 'publish' | 'hold' | 'block';

/** A stretch of the text that a detector or watched word reacted to (offsets into the text sent). */
export interface SafetySpan {
  start: number;
  end: number;
  kind: string;
  text: string;
}

/**
 * Attached to the response of a thread, post or chat message that the safety checks reacted to,
 * for its author only: show the crisis panel when `crisis`, a gentle support link on `concern`,
 * and a "waiting for a moderator" note when `held`.
 */
export interface SafetyNotice {
  crisis: boolean;
  level: SafetyCrisisLevel;
  resources: CrisisResource[];
  held: boolean;
  /** Kind, plain-language reasons for a hold ("it looks like a phone number"). */
  reasons: string[];
  /** What made it held (personal details are marked so the author can find them). */
  spans: SafetySpan[];
}

export type WatchedWordAction = 'block' | 'hold' | 'flag' | 'censor';
export const WATCHED_WORD_ACTIONS: readonly WatchedWordAction[] = ['block', 'hold', 'flag', 'censor'];

export interface WatchedWordView {
  id: string;
  pattern: string;
  action: WatchedWordAction;
  createdAt: string;
}

export interface WatchedWordRequest {
  pattern: string;
  action: WatchedWordAction;
}

export interface WatchedWordImportResult {
  added: number;
  /** Lines left out, with the reason (1-based line numbers). */
  skipped: Array<{ line: number; pattern: string; reason: string }>;
}

/** What the server would do with a text ("test this text" on the admin screen). */
export interface SafetyTestResult {
  decision: SafetyDecisionKind;
  crisis: SafetyCrisisLevel;
  sourcing: 'none' | 'suspect' | 'likely';
  personalInfo: boolean;
  reasons: string[];
  censoredText: string;
  watched: Array<{ id: string; pattern: string; action: WatchedWordAction }>;
  spans: SafetySpan[];
}

/** DELETE /api/me */
export type DeleteAccountMode = 'anonymize' | 'erase';
export interface DeleteAccountRequest {
  password: string;
  mode: DeleteAccountMode;
}

/** GET /api/me/export: everything tied to the account, in one document. */
export interface ExportDocument {
  format: 'kindred-export/1';
  exportedAt: string;
  profile: UserView;
  threads: Array<{
    id: string;
    board: string;
    title: string;
    anonymous: boolean;
    /** Your alias in that thread, when you posted it anonymously (only you see this). */
    alias: string | null;
    status: string;
    createdAt: string;
  }>;
  posts: Array<{
    id: string;
    threadId: string;
    threadTitle: string;
    anonymous: boolean;
    alias: string | null;
    body: string;
    status: string;
    createdAt: string;
    editedAt: string | null;
  }>;
  reactions: Array<{ postId: string; kind: string; createdAt: string }>;
  flags: Array<{
    targetType: string;
    targetId: string;
    reason: string;
    note: string | null;
    status: string;
    createdAt: string;
  }>;
  rsvps: Array<{ sessionId: string; meeting: string; startsAt: string; createdAt: string }>;
  chatMessages: Array<{ sessionId: string; meeting: string; displayName: string; body: string; createdAt: string }>;
  /** The member's private milestone dates. */
  milestones: Array<{ kind: string; label: string; since: string; showBadge: boolean }>;
  notices: Array<{
    kind: string;
    reason: string | null;
    message: string | null;
    excerpt: string | null;
    createdAt: string;
    readAt: string | null;
  }>;
}
