import { Injectable } from '@nestjs/common';
import { BoardsModerationPort } from '../../boards/boards-moderation.port.js';
import { AppError } from '../../common/app-error.js';
import type { ModerationTarget, ModerationTargetPort } from './target-port.js';

/** Board posts, through the boards feature's port (which also tells thread watchers). */
@Injectable()
export class PostTarget implements ModerationTargetPort {
  readonly type = 'post' as const;

  constructor(private readonly boards: BoardsModerationPort) {}

  async find(id: string): Promise<ModerationTarget | null> {
    const post = await this.boards.findPostForModeration(id);
    if (!post) return null;
    return {
      type: 'post',
      id: post.id,
      authorId: post.authorId,
      anonymous: post.anonymous,
      excerpt: post.excerpt,
      status: post.status,
      link: `/threads/${post.threadId}#post-${post.id}`,
      contextTitle: post.threadTitle,
      threadId: post.threadId,
      isOpeningPost: post.isOpeningPost,
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

  addContentWarning(id: string, text: string): Promise<boolean> {
    return this.boards.setPostContentWarning(id, text);
  }

  async lockThread(id: string): Promise<boolean> {
    const post = await this.boards.findPostForModeration(id);
    return post ? this.boards.lockThread(post.threadId, true) : false;
  }

  private async set(id: string, status: 'published' | 'hidden' | 'removed', reason: string | null): Promise<void> {
    if (!(await this.boards.setPostStatus(id, status, reason))) throw new AppError('not_found', 'errors.notFound.post');
  }
}
