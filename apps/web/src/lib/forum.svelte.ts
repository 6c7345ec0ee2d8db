import type {
  AuthorView,
  BoardView,
  Page,
  PostReactionsEvent,
  PostRemovedEvent,
  PostView,
  ThreadReaders,
  ThreadSummary,
  ThreadView,
} from '@kindred/contracts';
import { api, query } from './api';
import { handleError } from './errors';
import { t } from './i18n/i18n.svelte';
import { forumSocket, listen } from './socket';

export const authorName = (author: AuthorView): string =>
  author.type === 'member' ? author.username : author.type === 'anonymous' ? author.alias : t('boards.author.former');

/** "5 minutes ago" in the reader's language, or the date for older things (see time.ts). */
export { timeAgo } from './time';

/**
 * One open thread: its posts (paged), live updates while the page is open, and a polite
 * announcement of what arrived. New replies are appended below the reader, so their place on
 * the page does not move.
 */
export class ThreadState {
  thread = $state<ThreadView | null>(null);
  posts = $state<PostView[]>([]);
  nextCursor = $state<string | null>(null);
  readers = $state(0);
  announcement = $state('');
  error = $state<string | null>(null);
  loading = $state(true);
  /** Live replies that arrived while older pages are still unloaded. */
  waiting = $state(0);

  private detach: (() => void) | null = null;

  constructor(readonly id: string) {}

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const thread = await api.get<ThreadView>(`/threads/${encodeURIComponent(this.id)}`);
      this.thread = thread;
      this.posts = thread.posts.items;
      this.nextCursor = thread.posts.nextCursor;
    } catch (e) {
      this.error = handleError(e);
    } finally {
      this.loading = false;
    }
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor) return;
    try {
      const page = await api.get<Page<PostView>>(
        `/threads/${encodeURIComponent(this.id)}/posts${query({ cursor: this.nextCursor })}`,
      );
      for (const post of page.items) this.upsert(post);
      this.nextCursor = page.nextCursor;
      if (!this.nextCursor) this.waiting = 0;
    } catch (e) {
      this.error = handleError(e);
    }
  }

  /** Adds or replaces a post, keeping the viewer's own knowledge (isMine, own reactions). */
  upsert(post: PostView): void {
    const index = this.posts.findIndex((p) => p.id === post.id);
    if (index === -1) {
      this.posts.push(post);
      return;
    }
    const known = this.posts[index];
    this.posts[index] = {
      ...post,
      isMine: post.isMine || known.isMine,
      reactions: post.isMine ? post.reactions : { ...post.reactions, mine: known.reactions.mine },
    };
  }

  watch(): void {
    const socket = forumSocket();
    const subscribe = (): void => {
      socket.emit('thread:watch', { threadId: this.id }, (ack) => {
        if (ack.ok) this.readers = ack.readers;
      });
    };
    const onNew = (post: PostView): void => {
      if (post.threadId !== this.id) return;
      const known = this.posts.some((p) => p.id === post.id);
      if (!known && this.nextCursor) {
        this.waiting += 1;
      } else {
        this.upsert(post);
      }
      if (!known && !post.isMine) this.announcement = t('boards.live.newReply', { author: authorName(post.author) });
      if (!known && this.thread && !post.isOpeningPost && post.status === 'published') this.thread.replyCount += 1;
    };
    const onUpdated = (post: PostView): void => {
      if (post.threadId !== this.id) return;
      if (this.posts.some((p) => p.id === post.id)) this.upsert(post);
      else if (!this.nextCursor && post.isMine) this.upsert(post);
    };
    const onRemoved = (event: PostRemovedEvent): void => {
      if (event.threadId !== this.id) return;
      this.posts = this.posts.filter((p) => p.id !== event.postId);
    };
    const onReactions = (event: PostReactionsEvent): void => {
      if (event.threadId !== this.id) return;
      const post = this.posts.find((p) => p.id === event.postId);
      if (post) {
        post.reactions.support = event.support;
        post.reactions.relate = event.relate;
        post.reactions.proud = event.proud;
      }
    };
    const onThread = (summary: ThreadSummary): void => {
      if (summary.id !== this.id || !this.thread) return;
      const before = this.thread.locked;
      this.thread = { ...this.thread, ...summary, title: summary.title || this.thread.title };
      if (summary.locked && !before) this.announcement = t('boards.live.locked');
    };
    const onReaders = (event: ThreadReaders): void => {
      if (event.threadId === this.id) this.readers = event.count;
    };
    const stop = listen(socket, subscribe, {
      'post:new': onNew,
      'post:updated': onUpdated,
      'post:removed': onRemoved,
      'post:reactions': onReactions,
      'thread:updated': onThread,
      'thread:readers': onReaders,
    });
    this.detach = () => {
      stop();
      if (socket.connected) socket.emit('thread:unwatch', { threadId: this.id }, () => undefined);
    };
  }

  unwatch(): void {
    this.detach?.();
    this.detach = null;
  }
}

/** One board's thread list, with new threads and activity arriving live. */
export class BoardState {
  board = $state<BoardView | null>(null);
  threads = $state<ThreadSummary[]>([]);
  nextCursor = $state<string | null>(null);
  error = $state<string | null>(null);
  loading = $state(true);
  announcement = $state('');
  unanswered = $state(false);

  private detach: (() => void) | null = null;

  constructor(readonly slug: string) {}

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const [board, page] = await Promise.all([
        api.get<BoardView>(`/boards/${encodeURIComponent(this.slug)}`),
        api.get<Page<ThreadSummary>>(
          `/boards/${encodeURIComponent(this.slug)}/threads${query({ unanswered: this.unanswered || undefined })}`,
        ),
      ]);
      this.board = board;
      this.threads = page.items;
      this.nextCursor = page.nextCursor;
    } catch (e) {
      this.error = handleError(e);
    } finally {
      this.loading = false;
    }
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor) return;
    try {
      const page = await api.get<Page<ThreadSummary>>(
        `/boards/${encodeURIComponent(this.slug)}/threads${query({ cursor: this.nextCursor, unanswered: this.unanswered || undefined })}`,
      );
      const known = this.threads.map((t) => t.id);
      this.threads.push(...page.items.filter((t) => !known.includes(t.id)));
      this.nextCursor = page.nextCursor;
    } catch (e) {
      this.error = handleError(e);
    }
  }

  watch(): void {
    const socket = forumSocket();
    const subscribe = (): void => {
      socket.emit('board:watch', { slug: this.slug }, () => undefined);
    };
    const onNew = (thread: ThreadSummary): void => {
      if (thread.board.slug !== this.slug || this.threads.some((t) => t.id === thread.id)) return;
      const firstUnpinned = this.threads.findIndex((t) => !t.pinned);
      this.threads.splice(firstUnpinned === -1 ? this.threads.length : firstUnpinned, 0, thread);
      this.announcement = t('boards.live.newThread', { title: thread.title });
    };
    const onUpdated = (thread: ThreadSummary): void => {
      const index = this.threads.findIndex((t) => t.id === thread.id);
      if (index !== -1) this.threads[index] = thread;
    };
    const onActivity = (event: {
      slug: string;
      threadId: string;
      replyCount: number;
      lastActivityAt: string;
    }): void => {
      if (event.slug !== this.slug) return;
      const thread = this.threads.find((t) => t.id === event.threadId);
      if (thread) {
        thread.replyCount = event.replyCount;
        thread.lastActivityAt = event.lastActivityAt;
        if (this.unanswered && event.replyCount > 0) this.threads = this.threads.filter((t) => t.id !== thread.id);
      }
    };
    const stop = listen(socket, subscribe, {
      'thread:new': onNew,
      'thread:updated': onUpdated,
      'board:activity': onActivity,
    });
    this.detach = () => {
      stop();
      if (socket.connected) socket.emit('board:unwatch', { slug: this.slug }, () => undefined);
    };
  }

  unwatch(): void {
    this.detach?.();
    this.detach = null;
  }
}
