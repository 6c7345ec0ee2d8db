import { Injectable } from '@nestjs/common';
import { BoardsModerationPort } from '../../boards/boards-moderation.port.js';
import { AppError } from '../../common/app-error.js';
import type { ModerationTarget, ModerationTargetPort } from './target-port.js';

/** Whole threads, through the boards feature's port. */
@Injectable()
export class ThreadTarget implements ModerationTargetPort {
  readonly type = 'thread' as const;

  constructor(private readonly boards: BoardsModerationPort) {}

  async find(id: string): Promise<ModerationTarget | null> {
    const thread = await this.boards.findThreadForModeration(id);
    if (!thread) return null;
    const opening = thread.openingPostId ? await this.boards.findPostForModeration(thread.openingPostId) : null;
    return {
      type: 'thread',
      id: thread.id,
      authorId: thread.authorId,
      anonymous: thread.anonymous,
      excerpt: opening ? `${thread.title} — ${opening.excerpt}` : thread.title,
      status: thread.status,
      link: `/threads/${thread.id}`,
      contextTitle: thread.title,
      threadId: thread.id,
    };
  }

  hide(id: string, reason: string): Promise<void> {
    return this.set(id, 'hidden', reason);
  }

  unhide(id: string): Promise<void> {
    return this.set(id, 'published', null);
  }

  remove(id: string, reason: string): Promise<void> {
    return this.set(id, 'removed', reason);
  }

  restore(id: string): Promise<void> {
    return this.set(id, 'published', null);
  }

  /** A thread's warning is its opening post's. */
  async addContentWarning(id: string, text: string): Promise<boolean> {
    const thread = await this.boards.findThreadForModeration(id);
    return thread?.openingPostId ? this.boards.setPostContentWarning(thread.openingPostId, text) : false;
  }

  lockThread(id: string): Promise<boolean> {
    return this.boards.lockThread(id, true);
  }

  private async set(id: string, status: 'published' | 'hidden' | 'removed', reason: string | null): Promise<void> {
    if (!(await this.boards.setThreadStatus(id, status, reason))) {
      throw new AppError('not_found', 'errors.notFound.thread');
    }
  }
}
