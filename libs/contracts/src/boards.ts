/** Boards, threads, posts, reactions and search: REST shapes and the forum socket events. */
import type { SafetyNotice } from './safety.js';
import type { AckFn } from './sockets.js';

export const REACTION_KINDS = ['support', 'relate', 'proud'] as const;
/** Peer-support signals, not votes: "sending strength", "me too", "proud of you". */
export type ReactionKind = (typeof REACTION_KINDS)[number];

export const REACTION_LABELS: Record<ReactionKind, string> = {
  support: 'Sending strength',
  relate: 'Me too',
  proud: 'Proud of you',
};

export const CONTENT_STATUSES = ['published', 'hidden', 'held', 'removed', 'deleted'] as const;
/**
 * published: everyone sees it. hidden: kept in place but blanked for others while moderators
 * review it. held: only its author and moderators know it exists. removed: by moderators
 * (placeholder). deleted: by its author (placeholder; replies stay).
 */
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

export const THREAD_TITLE_MIN = 3;
export const THREAD_TITLE_MAX = 150;
export const POST_BODY_MAX = 20_000;
export const CONTENT_WARNING_MAX = 100;

/** A keyset page: pass `nextCursor` back as `cursor` for the next one (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface BoardView {
  slug: string;
  name: string;
  description: string;
  position: number;
  archived: boolean;
  threadCount: number;
  lastActivityAt: string | null;
}

export interface BoardRef {
  slug: string;
  name: string;
}

/**
 * Who wrote something, as every viewer sees it. An anonymous author is only ever a per-thread
 * alias; a member who closed their account is a "former member".
 */
export type AuthorView =
  { type: 'member'; username: string } | { type: 'anonymous'; alias: string } | { type: 'former' };

export interface ReactionCounts {
  support: number;
  relate: number;
  proud: number;
  /** The viewer's own reactions on this post. */
  mine: ReactionKind[];
}

export interface PostView {
  /** Only in the author's own create/edit response: crisis resources or why it is held. */
  safety?: SafetyNotice;
  /** The author's milestone count, on signed posts only and only if they chose to show it. */
  milestone?: { days: number; label: string };
  id: string;
  threadId: string;
  /** Markdown source; empty when the viewer may not see it (hidden, removed, deleted). */
  body: string;
  /** Server-rendered, sanitised HTML of `body`. */
  html: string;
  author: AuthorView;
  isMine: boolean;
  isOpeningPost: boolean;
  replyToId: string | null;
  contentWarning: string | null;
  createdAt: string;
  editedAt: string | null;
  status: ContentStatus;
  /** Only for the author of a hidden, held or removed post: why, kindly. */
  moderation: { reason: string | null } | null;
  reactions: ReactionCounts;
}

export interface ThreadSummary {
  id: string;
  board: BoardRef;
  title: string;
  author: AuthorView;
  contentWarning: string | null;
  pinned: boolean;
  locked: boolean;
  status: ContentStatus;
  replyCount: number;
  createdAt: string;
  lastActivityAt: string;
}

export interface ThreadView extends ThreadSummary {
  /** Only in the author's own create response: crisis resources or why it is held. */
  safety?: SafetyNotice;
  isMine: boolean;
  moderation: { reason: string | null } | null;
  /** The first page of posts, opening post first. */
  posts: Page<PostView>;
}

export interface CreateThreadRequest {
  title: string;
  body: string;
  anonymous: boolean;
  contentWarning?: string;
}

export interface CreatePostRequest {
  body: string;
  anonymous: boolean;
  replyToId?: string;
  contentWarning?: string;
}

export interface EditPostRequest {
  body: string;
}

export interface UpdateThreadRequest {
  pinned?: boolean;
  locked?: boolean;
}

export interface CreateBoardRequest {
  slug: string;
  name: string;
  description: string;
  position?: number;
}

export interface UpdateBoardRequest {
  name?: string;
  description?: string;
  position?: number;
  archived?: boolean;
}

export interface AliasView {
  threadId: string;
  alias: string;
}

export interface PreviewView {
  html: string;
}

/** A match on the boards: a thread (its title or its opening post) or a reply. */
export interface BoardSearchResult {
  /** `thread` when the title or the opening post matched; `post` for a reply. */
  type: 'thread' | 'post';
  threadId: string;
  /** The matching reply (null for a thread). */
  postId: string | null;
  threadTitle: string;
  board: BoardRef;
  author: AuthorView;
  /** Plain text, HTML-escaped, with matches wrapped in `<mark>`; safe to insert as HTML. */
  snippet: string;
  createdAt: string;
}

/** A match in the library: an article (its title or summary) or one of its sections. */
export interface LibrarySearchResult {
  type: 'article' | 'section';
  article: { slug: string; title: string };
  /** The section's heading and anchor (null for the article itself). */
  section: { anchor: string; heading: string } | null;
  /** Plain text, HTML-escaped, with matches wrapped in `<mark>`; safe to insert as HTML. */
  snippet: string;
}

/** Board and library matches, ranked together. */
export type SearchResult = BoardSearchResult | LibrarySearchResult;

export interface MemberPostView {
  id: string;
  threadId: string;
  threadTitle: string;
  board: BoardRef;
  html: string;
  createdAt: string;
  editedAt: string | null;
}

export interface MemberProfileView {
  username: string;
  joinedAt: string;
  /** Only posts the member chose to sign with their name. */
  posts: Page<MemberPostView>;
}

/** Live: a thread's readers right now (people, not tabs). */
export interface ThreadReaders {
  threadId: string;
  count: number;
}

export interface PostRemovedEvent {
  threadId: string;
  postId: string;
}

export interface PostReactionsEvent {
  threadId: string;
  postId: string;
  support: number;
  relate: number;
  proud: number;
}

export interface BoardActivityEvent {
  slug: string;
  threadId: string;
  replyCount: number;
  lastActivityAt: string;
}

export interface ForumClientToServer {
  /** Start receiving a thread's live events; answers with the current reader count. */
  'thread:watch': (payload: { threadId: string }, ack: AckFn<{ threadId: string; readers: number }>) => void;
  'thread:unwatch': (payload: { threadId: string }, ack: AckFn<{ threadId: string }>) => void;
  /** Start receiving a board's new threads and activity bumps. */
  'board:watch': (payload: { slug: string }, ack: AckFn<{ slug: string }>) => void;
  'board:unwatch': (payload: { slug: string }, ack: AckFn<{ slug: string }>) => void;
}

export interface ForumServerToClient {
  /** A new post in a watched thread, shaped for this viewer. */
  'post:new': (post: PostView) => void;
  /** A post changed (edited, deleted by its author, hidden, removed). */
  'post:updated': (post: PostView) => void;
  /** A post is no longer shown to this viewer (e.g. held for review). */
  'post:removed': (event: PostRemovedEvent) => void;
  'post:reactions': (event: PostReactionsEvent) => void;
  /** Title, pinned, locked or status of a watched thread changed. */
  'thread:updated': (thread: ThreadSummary) => void;
  'thread:readers': (event: ThreadReaders) => void;
  /** A new thread on a watched board. */
  'thread:new': (thread: ThreadSummary) => void;
  'board:activity': (event: BoardActivityEvent) => void;
}
