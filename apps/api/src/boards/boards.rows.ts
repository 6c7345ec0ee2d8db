import type { ContentStatus, Locale, ReactionKind } from '@kindred/contracts';
import type { BoardTranslations } from './entities/board.entity.js';

/**
 * Rows as the boards repositories read them. They carry the author's id so the service can
 * tell a viewer "this is yours"; the mappers never copy it into a view.
 */
export interface ThreadRow {
  id: string;
  boardId: string;
  boardSlug: string;
  boardName: string;
  /** The board's names in other languages (boards.translations); see boardNameIn. */
  boardTranslations?: BoardTranslations | null;
  boardArchived: boolean;
  authorId: string | null;
  /** Null for an anonymous thread (the query never reads it then). */
  authorUsername: string | null;
  anonymous: boolean;
  openingAlias: string | null;
  title: string;
  contentWarning: string | null;
  pinned: boolean;
  locked: boolean;
  status: ContentStatus;
  statusReason: string | null;
  replyCount: number;
  createdAt: Date;
  lastActivityAt: Date;
  /** last_activity_at in whole microseconds, for cursors. */
  cursorMicros: string;
  openingPostId: string | null;
  /** The opening post's status: a thread whose opening post its author deleted shows no title. */
  openingStatus: ContentStatus | null;
}

export interface PostRow {
  id: string;
  threadId: string;
  authorId: string | null;
  /** Null for an anonymous post (the query never reads it then). */
  authorUsername: string | null;
  anonymous: boolean;
  alias: string | null;
  body: string;
  html: string;
  replyToId: string | null;
  status: ContentStatus;
  statusReason: string | null;
  contentWarning: string | null;
  createdAt: Date;
  editedAt: Date | null;
  cursorMicros: string;
  isOpeningPost: boolean;
  support: number;
  relate: number;
  proud: number;
  mine: ReactionKind[];
  /** The author's milestone count, when they show it; never read for an anonymous post. */
  badgeDays?: number | null;
  badgeLabel?: string | null;
}

/** Who is looking: null for a guest. `locale`: the language they read in (English when absent). */
export type Viewer = { id: string; moderator: boolean; locale?: Locale } | null;
