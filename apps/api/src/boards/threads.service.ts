import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_LOCALE, type Locale } from '@kindred/contracts';
import type {
  AliasView,
  Page,
  PostView,
  ReactionCounts,
  ReactionKind,
  ThreadSummary,
  ThreadView,
} from '@kindred/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, fieldError, forbidden, notFound } from '../common/app-error.js';
import { DomainEvents } from '../common/domain-events.js';
import { renderMarkdown } from '../common/markdown.js';
import { localeOf, storeMessages } from '../i18n/message.js';
import { ContentSafetyService, type SafetyDecision } from '../safety/content-safety.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { UsersRepository } from '../users/users.repository.js';
import { AliasGenerator } from './alias-generator.js';
import { pinnedTimeCursor, timeCursor, toPage } from './boards-cursor.js';
import { canSeeExistence, toBoardView, toPostView, toThreadSummary, toThreadView, viewerOf } from './boards.mapper.js';
import type { PostRow, ThreadRow, Viewer } from './boards.rows.js';
import { BoardsLive } from './boards.live.js';
import { GuestThreadPages } from './guest-thread-pages.js';
import { BoardsService } from './boards.service.js';
import type { CreatePostDto, CreateThreadDto, ListPostsQuery, UpdateThreadDto } from './dto/threads.dto.js';
import type { ListThreadsQuery } from './dto/boards.dto.js';
import {
  countsAsReply,
  ReplyTargetMissing,
  ThreadsRepository,
  type CreatedReply,
  type LockedThread,
} from './threads.repository.js';

const DEFAULT_LIMIT = 20;
/** Alias candidates a reply tries under the thread lock before the full search (see AliasGenerator). */
const ALIAS_CANDIDATES = 8;

const threadGone = (): AppError => notFound('errors.notFound.thread');
const postGone = (): AppError => notFound('errors.notFound.post');

/** Threads, posts and reactions: the rules of the boards. Views only, never rows. */
@Injectable()
export class ThreadsService {
  private readonly aliases: AliasGenerator;

  constructor(
    private readonly threads: ThreadsRepository,
    private readonly boards: BoardsService,
    private readonly users: UsersRepository,
    private readonly live: BoardsLive,
    private readonly events: DomainEvents,
    private readonly safety: ContentSafetyService,
    private readonly guestPages: GuestThreadPages,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.aliases = new AliasGenerator(config.aliasSecret);
  }

  async listBoardThreads(
    slug: string,
    query: ListThreadsQuery,
    user: AuthUser | null,
    locale?: Locale,
  ): Promise<Page<ThreadSummary>> {
    const after = pinnedTimeCursor.decode(query.cursor);
    const board = await this.boards.requireForReading(slug);
    const viewer = viewerOf(user);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.threads.listBoardThreads(board.id, viewer, {
      after,
      limit,
      unanswered: query.unanswered ?? false,
    });
    return toPage(
      rows,
      limit,
      (row) => toThreadSummary(row, viewer, locale),
      (row) => pinnedTimeCursor.encode({ pinned: row.pinned, micros: row.cursorMicros, id: row.id }),
    );
  }

  async listUnanswered(query: ListPostsQuery, locale: Locale = DEFAULT_LOCALE): Promise<Page<ThreadSummary>> {
    const after = timeCursor.decode(query.cursor);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.threads.listUnanswered({ after, limit });
    return toPage(
      rows,
      limit,
      (row) => toThreadSummary(row, null, locale),
      (row) => timeCursor.encode({ micros: row.cursorMicros, id: row.id }),
    );
  }

  /** The thread and its first page of posts: two queries (a guest's first page: usually none, see GuestThreadPages). */
  async getThread(id: string, user: AuthUser | null, query: ListPostsQuery = {}, locale?: Locale): Promise<ThreadView> {
    if (!user && query.cursor === undefined && query.limit === undefined) {
      // One cached page for every guest (in English, keyed by thread alone); another language only
      // renames its board afterwards, from the boards' own short-lived copy.
      const page = await this.guestPages.get(id, () => this.loadThread(id, null, {}));
      return locale && locale !== DEFAULT_LOCALE ? this.withBoardNameIn(page, locale) : page;
    }
    return this.loadThread(id, user, query, locale);
  }

  private async withBoardNameIn(page: ThreadView, locale: Locale): Promise<ThreadView> {
    const board = await this.boards.requireForReading(page.board.slug).catch(() => null);
    if (!board) return page;
    return { ...page, board: { slug: page.board.slug, name: toBoardView(board, locale).name } };
  }

  private async loadThread(
    id: string,
    user: AuthUser | null,
    query: ListPostsQuery,
    locale?: Locale,
  ): Promise<ThreadView> {
    const after = timeCursor.decode(query.cursor);
    const viewer = viewerOf(user);
    const thread = await this.requireVisibleThread(id, viewer);
    const posts = await this.postsPage(thread.id, viewer, after, query.limit ?? DEFAULT_LIMIT);
    return toThreadView(thread, viewer, posts, locale);
  }

  async listPosts(threadId: string, query: ListPostsQuery, user: AuthUser | null): Promise<Page<PostView>> {
    const after = timeCursor.decode(query.cursor);
    const viewer = viewerOf(user);
    const thread = await this.requireVisibleThread(threadId, viewer);
    return this.postsPage(thread.id, viewer, after, query.limit ?? DEFAULT_LIMIT);
  }

  /** For socket watchers: the thread must exist and be visible to them. */
  async assertReadable(threadId: string, user: AuthUser | null): Promise<void> {
    await this.requireVisibleThread(threadId, viewerOf(user));
  }

  async createThread(slug: string, dto: CreateThreadDto, user: AuthUser): Promise<ThreadView> {
    const board = await this.boards.require(slug);
    if (board.archived) throw archived();
    const anonymous = await this.anonymousChoice(dto.anonymous, user);
    // Safety decides before anything is stored: block (422), hold, or publish (censored).
    // The content warning is shown to guests with the title: it passes the same decision.
    const safety = await this.safety.review(joinText(dto.title, dto.contentWarning, dto.body), {
      kind: 'thread',
      userId: user.id,
      accountCreatedAt: user.createdAt,
    });
    const title = this.safety.censor(dto.title);
    const body = this.safety.censor(dto.body);
    const id = randomUUID();
    const postId = randomUUID();
    const contentWarning = dto.contentWarning ? this.safety.censor(dto.contentWarning) : null;
    await this.threads.createThread({
      id,
      postId,
      boardId: board.id,
      authorId: user.id,
      title,
      contentWarning,
      anonymous,
      // A new thread has no other aliases in it yet, so the usual alias is free.
      alias: anonymous ? this.aliases.aliasFor(id, user.id) : null,
      body,
      html: renderMarkdown(body),
      ...heldOrPublished(safety),
    });
    await this.safety.recordHits(safety, 'thread', id);
    // Committed. Other features react first (safety may hold the post), then readers hear of it.
    await this.events.emit('thread.created', {
      threadId: id,
      boardId: board.id,
      authorId: user.id,
      title: dto.title,
      body: dto.body,
    });
    await this.events.emit('post.created', { postId, threadId: id, authorId: user.id, body: dto.body });
    const view = await this.getThread(id, user);
    const row = await this.threads.findThread(id);
    if (row && row.status === 'published') {
      this.live.threadNew(toThreadSummary(row, null));
      this.live.boardActivity({
        slug: row.boardSlug,
        threadId: id,
        replyCount: 0,
        lastActivityAt: row.lastActivityAt.toISOString(),
      });
    }
    const notice = this.safety.noticeIn(safety, localeOf(user.locale));
    return notice ? { ...view, safety: notice } : view;
  }

  async createPost(threadId: string, dto: CreatePostDto, user: AuthUser): Promise<PostView> {
    const viewer = viewerOf(user);
    const anonymous = await this.anonymousChoice(dto.anonymous, user);
    await this.requireVisibleThread(threadId, viewer);
    const safety = await this.safety.review(joinText(dto.contentWarning, dto.body), {
      kind: 'post',
      userId: user.id,
      accountCreatedAt: user.createdAt,
      threadId,
    });
    const body = this.safety.censor(dto.body);
    const id = randomUUID();
    const fields = {
      id,
      threadId,
      authorId: user.id,
      anonymous,
      body,
      html: renderMarkdown(body),
      replyToId: dto.replyToId ?? null,
      contentWarning: dto.contentWarning ? this.safety.censor(dto.contentWarning) : null,
      ...heldOrPublished(safety),
    };
    let created: CreatedReply;
    try {
      created = await this.threads.createReply(
        fields,
        viewer?.moderator ?? false,
        (thread) => this.checkWritable(thread, viewer),
        () => this.aliases.candidates(threadId, user.id, ALIAS_CANDIDATES),
        (own, others) => own ?? this.aliases.aliasFor(threadId, user.id, others),
      );
    } catch (error) {
      if (error instanceof ReplyTargetMissing) {
        throw fieldError('replyToId', 'validation.boards.replyToNotInThread');
      }
      throw error;
    }
    await this.safety.recordHits(safety, 'post', id);
    await this.events.emit('post.created', { postId: id, threadId, authorId: user.id, body });
    // The reply as stored; re-read only if a listener of post.created may have changed it.
    const row: PostRow | null = this.events.listens('post.created')
      ? await this.threads.findPost(id, user.id)
      : {
          ...fields,
          alias: created.alias,
          authorUsername: anonymous ? null : user.username,
          createdAt: created.createdAt,
          editedAt: null,
          cursorMicros: created.cursorMicros,
          isOpeningPost: false,
          support: 0,
          relate: 0,
          proud: 0,
          mine: [],
        };
    if (!row) throw postGone();
    if (row.status !== 'held') {
      this.live.postNew(toPostView(row, null), toPostView(row, viewer), user.id);
      if (created.replyCount !== null && created.lastActivityAt && row.status === fields.status) {
        // The thread row was read under the lock in the same transaction: no re-read.
        if (created.threadStatus === 'published') {
          this.live.boardActivity({
            slug: created.boardSlug,
            threadId,
            replyCount: created.replyCount,
            lastActivityAt: created.lastActivityAt.toISOString(),
          });
        }
      } else {
        await this.announceActivity(threadId);
      }
    }
    const view = toPostView(row, viewer);
    const notice = this.safety.noticeIn(safety, localeOf(user.locale));
    return notice ? { ...view, safety: notice } : view;
  }

  async editPost(postId: string, body: string, user: AuthUser): Promise<PostView> {
    const viewer = viewerOf(user);
    const post = await this.requireOwnPost(postId, user);
    if (post.status === 'deleted' || post.status === 'removed') {
      throw forbidden('errors.boards.postNotEditable');
    }
    const thread = await this.requireVisibleThread(post.threadId, viewer);
    if (thread.status === 'removed' || thread.status === 'deleted') {
      throw forbidden('errors.boards.threadTakenDown');
    }
    if (thread.locked) throw lockedError();
    const safety = await this.safety.review(body, { kind: 'edit', userId: user.id, accountCreatedAt: user.createdAt });
    body = this.safety.censor(body);
    // One statement: the new text and its hold are seen together or not at all.
    await this.threads.editPost(
      postId,
      body,
      renderMarkdown(body),
      safety.action === 'hold' ? holdReason(safety) : null,
    );
    await this.safety.recordHits(safety, 'post', postId);
    await this.events.emit('post.edited', {
      postId,
      threadId: post.threadId,
      authorId: user.id,
      body,
      isOpeningPost: post.isOpeningPost,
    });
    return this.publishPostChange(postId, viewer, user.id);
  }

  /** A soft delete: the post shows "deleted by author" and replies stay. */
  async deletePost(postId: string, user: AuthUser): Promise<PostView> {
    const viewer = viewerOf(user);
    const post = await this.requireOwnPost(postId, user);
    if (post.status !== 'deleted') await this.threads.deletePost(postId);
    const view = await this.publishPostChange(postId, viewer, user.id);
    // The opening post's thread changed; a reply's thread has one reply fewer: its board and its
    // page hear the new count.
    if (post.isOpeningPost || countsAsReply(post.status)) await this.publishThreadChange(post.threadId, null);
    return view;
  }

  /**
   * "Erase my posts", one post at its own moment (PrivacyEraser): what readers see and hear is
   * exactly what deletePost gives them — the same status, empty text, the same events, no new
   * editedAt — so an erased post cannot be told apart from one deleted alone, or linked to the
   * account's other erased posts. The words themselves are gone from the database too.
   */
  async erasePost(postId: string): Promise<void> {
    const post = await this.threads.findPost(postId, null);
    if (!post) return;
    await this.threads.deletePost(postId, true);
    await this.publishPostChange(postId, null, null);
    if (post.isOpeningPost || countsAsReply(post.status)) await this.publishThreadChange(post.threadId, null);
  }

  async react(postId: string, kind: ReactionKind, user: AuthUser, on: boolean): Promise<ReactionCounts> {
    const viewer = viewerOf(user);
    const post = await this.threads.findPost(postId, user.id);
    if (!post || !canSeeExistence(post.status, post.authorId, viewer)) throw postGone();
    const thread = await this.threads.findThread(post.threadId);
    if (!thread || !threadReadable(thread, viewer)) throw postGone();
    if (post.status !== 'published' || thread.status !== 'published') {
      throw forbidden('errors.boards.noReactions');
    }
    // Reactions are what others send you; taking back one given earlier is still allowed.
    if (on && post.authorId === user.id) {
      throw forbidden('errors.boards.ownPostReaction');
    }
    const counts = await this.threads.setReaction(postId, user.id, kind, on);
    this.live.postReactions({
      threadId: post.threadId,
      postId,
      support: counts.support,
      relate: counts.relate,
      proud: counts.proud,
    });
    return counts;
  }

  /** Moderators pin, unpin, lock and unlock threads. */
  async updateThread(threadId: string, dto: UpdateThreadDto, user: AuthUser): Promise<ThreadSummary> {
    const thread = await this.threads.findThread(threadId);
    if (!thread) throw threadGone();
    await this.threads.setThreadFlags(threadId, dto);
    return this.publishThreadChange(threadId, user);
  }

  /** The alias the member would have in this thread if they posted anonymously now. */
  async aliasPreview(threadId: string, user: AuthUser): Promise<AliasView> {
    await this.requireVisibleThread(threadId, viewerOf(user));
    const { own, others } = await this.threads.threadAliases(threadId, user.id);
    return { threadId, alias: own ?? this.aliases.aliasFor(threadId, user.id, others) };
  }

  /** Re-reads a post after a change and tells its thread; answers the author's view. */
  async publishPostChange(postId: string, viewer: Viewer, actingUserId: string | null): Promise<PostView> {
    const row = await this.threads.findPost(postId, actingUserId);
    if (!row) throw postGone();
    const own = row.authorId ? toPostView(row, await this.ownViewer(row)) : null;
    if (row.status === 'held') this.live.postWithdrawn(row.threadId, row.id, own, row.authorId);
    else this.live.postUpdated(toPostView(row, null), own, row.authorId);
    return toPostView(row, viewer);
  }

  /**
   * The author, for their own view sent live to their tabs: a taken-down post carries why, in their
   * saved language (no request is asking); read only then, which is rare.
   */
  private async ownViewer(row: PostRow): Promise<Viewer> {
    if (!row.authorId) return null;
    if (row.status === 'published' || row.status === 'deleted') return { id: row.authorId, moderator: false };
    const author = await this.users.findById(row.authorId);
    return { id: row.authorId, moderator: false, locale: localeOf(author?.locale) };
  }

  /** After moderation reveals a held post: readers get it as new. */
  async publishPostRevealed(postId: string): Promise<void> {
    const row = await this.threads.findPost(postId, null);
    if (!row) return;
    const own = row.authorId ? toPostView(row, await this.ownViewer(row)) : null;
    this.live.postNew(toPostView(row, null), own, row.authorId);
  }

  async publishThreadChange(threadId: string, user: AuthUser | null): Promise<ThreadSummary> {
    const row = await this.threads.findThread(threadId);
    if (!row) throw threadGone();
    this.live.threadUpdated(toThreadSummary(row, null));
    return toThreadSummary(row, viewerOf(user));
  }

  private async announceActivity(threadId: string): Promise<void> {
    const row = await this.threads.findThread(threadId);
    if (!row || row.status !== 'published') return;
    this.live.boardActivity({
      slug: row.boardSlug,
      threadId,
      replyCount: row.replyCount,
      lastActivityAt: row.lastActivityAt.toISOString(),
    });
  }

  private async postsPage(
    threadId: string,
    viewer: Viewer,
    after: ReturnType<typeof timeCursor.decode>,
    limit: number,
  ): Promise<Page<PostView>> {
    const rows = await this.threads.listPosts(threadId, viewer, { after, limit });
    return toPage(
      rows,
      limit,
      (row) => toPostView(row, viewer),
      (row) => timeCursor.encode({ micros: row.cursorMicros, id: row.id }),
    );
  }

  private async requireVisibleThread(id: string, viewer: Viewer): Promise<ThreadRow> {
    const thread = await this.threads.findThread(id);
    if (!thread || !threadReadable(thread, viewer)) throw threadGone();
    return thread;
  }

  private async requireOwnPost(postId: string, user: AuthUser): Promise<PostRow> {
    const post = await this.threads.findPost(postId, user.id);
    if (!post || !canSeeExistence(post.status, post.authorId, viewerOf(user))) throw postGone();
    if (post.authorId !== user.id) throw forbidden('errors.boards.notAuthor');
    return post;
  }

  private checkWritable(thread: LockedThread | null, viewer: Viewer): LockedThread {
    if (!thread) throw threadGone();
    const mine = viewer !== null && thread.authorId === viewer.id;
    if (thread.status !== 'published' && thread.status !== 'hidden' && !mine && !viewer?.moderator) {
      throw threadGone();
    }
    if (thread.boardArchived) throw archived();
    if (thread.locked) throw lockedError();
    if (thread.status === 'removed' || thread.status === 'deleted') {
      throw forbidden('errors.boards.threadClosed');
    }
    return thread;
  }

  private async anonymousChoice(choice: boolean | undefined, user: AuthUser): Promise<boolean> {
    if (choice !== undefined) return choice;
    const account = await this.users.findById(user.id);
    return account?.anonymousByDefault ?? true;
  }
}

/**
 * Only a published thread is read by everyone. Hidden (by flags), held, removed and deleted
 * apply to the whole thread — its title, opening post and replies: only its author and
 * moderators read any of it (and its socket watchers are evicted, see BoardsModerationPort).
 */
export function threadReadable(thread: Pick<ThreadRow, 'status' | 'authorId'>, viewer: Viewer): boolean {
  if (thread.status === 'published') return true;
  return viewer !== null && (viewer.moderator || thread.authorId === viewer.id);
}

const lockedError = (): AppError => new AppError('locked', 'errors.boards.threadLocked');

const archived = (): AppError => new AppError('forbidden', 'errors.boards.boardArchived');

/** New content is stored already held when safety says so: it is never visible, not even briefly. */
function heldOrPublished(safety: SafetyDecision): { status: 'published' | 'held'; statusReason: string | null } {
  return safety.action === 'hold'
    ? { status: 'held', statusReason: holdReason(safety) }
    : { status: 'published', statusReason: null };
}

/** The parts of a post others will see, as one text for the safety decision. */
const joinText = (...parts: Array<string | null | undefined>): string => parts.filter((p) => p).join('\n\n');

/** What the author of held content is told (kindly) about why: stored as messages, read in their language. */
function holdReason(decision: SafetyDecision): string {
  return storeMessages([{ key: 'safety.hold.waiting' }, ...decision.reasonMessages]);
}
