import { Injectable } from '@nestjs/common';
import type { ContentStatus } from '@kindred/contracts';
import { excerpt } from '../common/markdown.js';
import { DELETED_THREAD_TITLE } from './boards.mapper.js';
import { countsAsReply, ThreadsRepository } from './threads.repository.js';
import { BoardsLive } from './boards.live.js';
import { viewerOf } from './boards.mapper.js';
import { threadReadable, ThreadsService } from './threads.service.js';

export interface PostForModeration {
  id: string;
  threadId: string;
  threadTitle: string;
  /** For acting on the author (suspend, notify) — never to be shown or returned to anyone. */
  authorId: string | null;
  /** What readers see as the author: the per-thread alias or the username. */
  authorLabel: string;
  body: string;
  excerpt: string;
  anonymous: boolean;
  status: ContentStatus;
  isOpeningPost: boolean;
  contentWarning: string | null;
}

export interface ThreadForModeration {
  id: string;
  boardSlug: string;
  title: string;
  /** For acting on the author — never to be shown or returned to anyone. */
  authorId: string | null;
  authorLabel: string;
  anonymous: boolean;
  status: ContentStatus;
  openingPostId: string | null;
  pinned: boolean;
  locked: boolean;
}

/**
 * What the moderation feature may do to boards content. Every change is committed, then the
 * thread's watchers hear of it (post:updated / post:removed / thread:updated), each in the
 * shape they may see.
 */
@Injectable()
export class BoardsModerationPort {
  constructor(
    private readonly threads: ThreadsRepository,
    private readonly service: ThreadsService,
    private readonly live: BoardsLive,
  ) {}

  async findPostForModeration(postId: string): Promise<PostForModeration | null> {
    const row = await this.threads.findPost(postId, null);
    if (!row) return null;
    const thread = await this.threads.findThread(row.threadId);
    // What an author deleted is gone for moderators too, and looks the same whether they deleted it
    // alone or by erasing their account (erasure blanks the text; a lone delete must not keep it
    // visible here, or the two could be told apart — red-team finding).
    const deleted = row.status === 'deleted';
    const body = deleted ? '' : row.body;
    return {
      id: row.id,
      threadId: row.threadId,
      threadTitle: thread ? (thread.openingStatus === 'deleted' ? DELETED_THREAD_TITLE : thread.title) : '',
      authorId: row.authorId,
      authorLabel: row.anonymous ? (row.alias ?? 'Anonymous member') : (row.authorUsername ?? 'Former member'),
      body,
      excerpt: excerpt(body),
      anonymous: row.anonymous,
      status: row.status,
      isOpeningPost: row.isOpeningPost,
      contentWarning: row.contentWarning,
    };
  }

  async findThreadForModeration(threadId: string): Promise<ThreadForModeration | null> {
    const row = await this.threads.findThread(threadId);
    if (!row) return null;
    return {
      id: row.id,
      boardSlug: row.boardSlug,
      title: row.openingStatus === 'deleted' ? DELETED_THREAD_TITLE : row.title,
      authorId: row.authorId,
      authorLabel: row.anonymous ? (row.openingAlias ?? 'Anonymous member') : (row.authorUsername ?? 'Former member'),
      anonymous: row.anonymous,
      status: row.status,
      openingPostId: row.openingPostId,
      pinned: row.pinned,
      locked: row.locked,
    };
  }

  /** Returns false when there is no such post. `reason` is shown (kindly) to the author only. */
  async setPostStatus(postId: string, status: ContentStatus, reason: string | null = null): Promise<boolean> {
    const change = await this.threads.setPostStatus(postId, status, reason);
    if (!change) return false;
    if (change.previous === 'held' && status !== 'held') await this.service.publishPostRevealed(postId);
    else await this.service.publishPostChange(postId, null, null);
    // A removed (or restored) reply changes its thread's count: the board and the thread hear it.
    if (countsAsReply(change.previous) !== countsAsReply(status)) {
      await this.service.publishThreadChange(change.threadId, null);
    }
    return true;
  }

  async setThreadStatus(threadId: string, status: ContentStatus, reason: string | null = null): Promise<boolean> {
    const previous = await this.threads.setThreadStatus(threadId, status, reason);
    if (previous === null) return false;
    // A thread held for review was stored with its opening post held: publishing one publishes both.
    const thread = await this.threads.findThread(threadId);
    if (status === 'published' && thread?.openingPostId && thread.openingStatus === 'held') {
      await this.setPostStatus(thread.openingPostId, 'published');
    }
    // Watchers hear of the change first (their page shows it is gone), then lose the room.
    await this.service.publishThreadChange(threadId, null);
    if (status !== 'published') {
      await this.live.evictReaders(threadId, (user) => (thread ? threadReadable(thread, viewerOf(user)) : false));
    }
    return true;
  }

  async setPostContentWarning(postId: string, warning: string | null): Promise<boolean> {
    if (!(await this.threads.setPostContentWarning(postId, warning))) return false;
    const post = await this.service.publishPostChange(postId, null, null);
    if (post.isOpeningPost) await this.service.publishThreadChange(post.threadId, null);
    return true;
  }

  async lockThread(threadId: string, locked: boolean): Promise<boolean> {
    if (!(await this.threads.findThread(threadId))) return false;
    await this.threads.setThreadFlags(threadId, { locked });
    await this.service.publishThreadChange(threadId, null);
    return true;
  }

  async pinThread(threadId: string, pinned: boolean): Promise<boolean> {
    if (!(await this.threads.findThread(threadId))) return false;
    await this.threads.setThreadFlags(threadId, { pinned });
    await this.service.publishThreadChange(threadId, null);
    return true;
  }
}
