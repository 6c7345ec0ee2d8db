import { Injectable } from '@nestjs/common';
import type { ModerationTarget, ModerationTargetPort } from './target-port.js';
import { ChatMessagesRepository } from './chat-messages.repository.js';
import { excerptOf } from './excerpt.js';

/**
 * Meeting chat messages. Chat has only "visible" and "removed", so "hidden pending review" is
 * a removal with that reason, undone by approval. A message the safety rules refused when it was
 * sent is "blocked": it was never delivered, and no action here delivers it (approve dismisses
 * the item; remove and restore leave it blocked).
 */
@Injectable()
export class MessageTarget implements ModerationTargetPort {
  readonly type = 'message' as const;

  constructor(private readonly messages: ChatMessagesRepository) {}

  async find(id: string): Promise<ModerationTarget | null> {
    const message = await this.messages.find(id);
    if (!message) return null;
    const around = await this.messages.surrounding(message, 3);
    return {
      type: 'message',
      id: message.id,
      authorId: message.authorId,
      // Chat shows a display name chosen per session; moderators never get the account behind it.
      anonymous: true,
      excerpt: excerptOf(message.body),
      status: message.status,
      link: `/meetings/${message.meetingId}`,
      contextTitle: message.meetingName,
      threadId: null,
      surrounding: around.map((m) => ({
        id: m.id,
        excerpt: excerptOf(m.body, 160),
        at: new Date(m.createdAt).toISOString(),
        isTarget: m.id === message.id,
      })),
    };
  }

  hide(id: string, reason: string): Promise<void> {
    return this.messages.setStatus(id, 'removed', reason);
  }

  unhide(id: string): Promise<void> {
    return this.messages.setStatus(id, 'visible', null);
  }

  remove(id: string, reason: string): Promise<void> {
    return this.messages.setStatus(id, 'removed', reason);
  }

  restore(id: string): Promise<void> {
    return this.messages.setStatus(id, 'visible', null);
  }

  addContentWarning(): Promise<boolean> {
    return Promise.resolve(false);
  }

  lockThread(): Promise<boolean> {
    return Promise.resolve(false);
  }
}
