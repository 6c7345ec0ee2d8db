import { Inject, Injectable } from '@nestjs/common';
import type { ModerationTargetType } from '@kindred/contracts';
import { AppError } from '../../common/app-error.js';
import { msg } from '../../i18n/i18n.js';
import { MODERATION_TARGET_PORTS, type ModerationTarget, type ModerationTargetPort } from './target-port.js';

/** Finds the adapter for a target type. */
@Injectable()
export class TargetRegistry {
  private readonly ports = new Map<ModerationTargetType, ModerationTargetPort>();

  constructor(@Inject(MODERATION_TARGET_PORTS) ports: ModerationTargetPort[]) {
    for (const port of ports) this.ports.set(port.type, port);
  }

  port(type: ModerationTargetType): ModerationTargetPort {
    const port = this.ports.get(type);
    if (!port) throw new AppError('bad_request', msg('errors.moderation.targetUnsupported', { type }));
    return port;
  }

  async find(type: ModerationTargetType, id: string): Promise<ModerationTarget | null> {
    const port = this.ports.get(type);
    return port ? port.find(id) : null;
  }

  /**
   * The content a queue item is about: a thread's opening post is the thread (one item, and a
   * removal takes the whole thread down). The database enforces the same rule on insert.
   */
  async canonical(type: ModerationTargetType, id: string): Promise<{ type: ModerationTargetType; id: string }> {
    if (type !== 'post') return { type, id };
    const post = await this.ports.get('post')?.find(id);
    return post?.threadId && post.isOpeningPost ? { type: 'thread', id: post.threadId } : { type, id };
  }

  async require(type: ModerationTargetType, id: string): Promise<ModerationTarget> {
    const target = await this.find(type, id);
    if (!target) throw new AppError('not_found', msg('errors.moderation.targetNotFound', { type }));
    return target;
  }
}
