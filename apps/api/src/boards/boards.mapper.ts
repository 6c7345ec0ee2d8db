import {
  DEFAULT_LOCALE,
  type AuthorView,
  type Locale,
  type BoardView,
  type PostView,
  type ThreadSummary,
  type ThreadView,
  type Page,
} from '@kindred/contracts';
import { isModerator, type AuthUser } from '../auth/auth-user.js';
import { localeOf, renderStored } from '../i18n/message.js';
import type { BoardEntity } from './entities/board.entity.js';
import type { PostRow, ThreadRow, Viewer } from './boards.rows.js';

/**
 * The one place that decides what a viewer may see of a post or thread. Views never carry an
 * author id; an anonymous author is only their per-thread alias.
 */

export const viewerOf = (user: AuthUser | null): Viewer =>
  user ? { id: user.id, moderator: isModerator(user), locale: localeOf(user.locale) } : null;

export function toAuthorView(anonymous: boolean, alias: string | null, username: string | null): AuthorView {
  if (anonymous) return { type: 'anonymous', alias: alias ?? 'Anonymous member' };
  return username ? { type: 'member', username } : { type: 'former' };
}

const isAuthor = (authorId: string | null, viewer: Viewer): boolean =>
  viewer !== null && authorId !== null && authorId === viewer.id;

/** Held content exists only for its author and moderators. */
export const canSeeExistence = (status: PostRow['status'], authorId: string | null, viewer: Viewer): boolean =>
  status !== 'held' || isAuthor(authorId, viewer) || viewer?.moderator === true;

function canSeeText(status: PostRow['status'], mine: boolean, viewer: Viewer): boolean {
  switch (status) {
    case 'published':
      return true;
    case 'hidden':
    case 'held':
      return mine || viewer?.moderator === true;
    case 'removed':
      return mine;
    case 'deleted':
      return false;
  }
}

/** Why their content is taken down, for its author only: stored as messages, written in their language. */
const moderationNote = (
  status: PostRow['status'],
  reason: string | null,
  mine: boolean,
  viewer: Viewer,
): { reason: string | null } | null =>
  mine && (status === 'hidden' || status === 'held' || status === 'removed')
    ? { reason: renderStored(viewer?.locale ?? DEFAULT_LOCALE, reason) }
    : null;

export function toPostView(row: PostRow, viewer: Viewer): PostView {
  const mine = isAuthor(row.authorId, viewer);
  const visible = canSeeText(row.status, mine, viewer);
  return {
    id: row.id,
    threadId: row.threadId,
    body: visible ? row.body : '',
    html: visible ? row.html : '',
    author: toAuthorView(row.anonymous, row.alias, row.authorUsername),
    isMine: mine,
    isOpeningPost: row.isOpeningPost,
    replyToId: row.replyToId,
    contentWarning: row.contentWarning,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt ? row.editedAt.toISOString() : null,
    status: row.status,
    moderation: moderationNote(row.status, row.statusReason, mine, viewer),
    reactions: {
      support: row.support,
      relate: row.relate,
      proud: row.proud,
      mine: viewer ? row.mine : [],
    },
    // Never on an anonymous post: a count shown there could link it to the member's signed posts.
    ...(!row.anonymous && row.badgeDays != null && row.badgeLabel
      ? { milestone: { days: row.badgeDays, label: row.badgeLabel } }
      : {}),
  };
}

/** The title of a thread whose opening post was deleted by its author (alone or by erasing the account). */
export const DELETED_THREAD_TITLE = 'This thread was deleted by its author';

/** The thread's board named in the reader's language, as toBoardView names it. */
const boardNameIn = (row: ThreadRow, locale: Locale): string => row.boardTranslations?.[locale]?.name ?? row.boardName;

/** `locale`: the request's language (a guest's comes from Accept-Language); a member's own otherwise. */
export function toThreadSummary(
  row: ThreadRow,
  viewer: Viewer,
  locale: Locale = viewer?.locale ?? DEFAULT_LOCALE,
): ThreadSummary {
  const mine = isAuthor(row.authorId, viewer);
  const visible = canSeeText(row.status, mine, viewer);
  const deleted = row.openingStatus === 'deleted';
  return {
    id: row.id,
    board: { slug: row.boardSlug, name: boardNameIn(row, locale) },
    title: deleted ? DELETED_THREAD_TITLE : visible ? row.title : '',
    author: toAuthorView(row.anonymous, row.openingAlias, row.authorUsername),
    contentWarning: row.contentWarning,
    pinned: row.pinned,
    locked: row.locked,
    status: row.status,
    replyCount: row.replyCount,
    createdAt: row.createdAt.toISOString(),
    lastActivityAt: row.lastActivityAt.toISOString(),
  };
}

export function toThreadView(
  row: ThreadRow,
  viewer: Viewer,
  posts: Page<PostView>,
  locale: Locale = viewer?.locale ?? DEFAULT_LOCALE,
): ThreadView {
  const mine = isAuthor(row.authorId, viewer);
  return {
    ...toThreadSummary(row, viewer, locale),
    isMine: mine,
    moderation: moderationNote(row.status, row.statusReason, mine, viewer),
    posts,
  };
}

/** A board in the reader's language: its translation where it has one, else its own words. */
export function toBoardView(board: BoardEntity, locale: Locale = DEFAULT_LOCALE): BoardView {
  const words = board.translations?.[locale];
  return {
    slug: board.slug,
    name: words?.name ?? board.name,
    description: words?.description ?? board.description,
    position: board.position,
    archived: board.archived,
    threadCount: board.threadCount,
    lastActivityAt: board.lastActivityAt ? board.lastActivityAt.toISOString() : null,
  };
}
