import type { ModerationTargetType } from '@kindred/contracts';

/** Content as the moderation slice needs it. `authorId` never leaves the server. */
export interface ModerationTarget {
  type: ModerationTargetType;
  id: string;
  /** Null when the author's account was deleted. */
  authorId: string | null;
  anonymous: boolean;
  excerpt: string;
  /** The content's own status ('published', 'hidden', 'removed', 'visible', …). */
  status: string;
  /** Where a moderator can see it in context. */
  link: string;
  /** Thread title (posts, threads) or meeting title (chat messages). */
  contextTitle: string | null;
  /** The thread a post belongs to, or the thread itself. */
  threadId: string | null;
  /** A thread's opening post (moderated as the thread itself). */
  isOpeningPost?: boolean;
  /** Chat messages: the messages around it. */
  surrounding?: Array<{ id: string; excerpt: string; at: string; isTarget: boolean }>;
}

/**
 * How moderation acts on one kind of content. The adapters in this folder call the owning
 * feature's port (boards, meetings) so the moderation rules never write another feature's tables
 * except through that feature's code.
 */
export interface ModerationTargetPort {
  readonly type: ModerationTargetType;
  find(id: string): Promise<ModerationTarget | null>;
  /** Hidden pending review; `reason` is what the author sees. */
  hide(id: string, reason: string): Promise<void>;
  /** Back to normal after a review found nothing wrong. */
  unhide(id: string): Promise<void>;
  remove(id: string, reason: string): Promise<void>;
  /** A reversed removal. */
  restore(id: string): Promise<void>;
  /** False when this kind of content has no content warning. */
  addContentWarning(id: string, text: string): Promise<boolean>;
  /** Locks the thread the content belongs to; false when there is none (chat). */
  lockThread(id: string): Promise<boolean>;
}

export const MODERATION_TARGET_PORTS = Symbol('MODERATION_TARGET_PORTS');
