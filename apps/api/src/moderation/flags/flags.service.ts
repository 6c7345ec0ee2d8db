import { Inject, Injectable, Logger } from '@nestjs/common';
import { FLAGS_PER_DAY, type FlagCreated, type FlagRequest } from '@kindred/contracts';
import type { AuthUser } from '../../auth/auth-user.js';
import { AppError, fieldError } from '../../common/app-error.js';
import { msg } from '../../i18n/i18n.js';
import { ContentSafetyService } from '../../safety/content-safety.service.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { LogRepository } from '../log/log.repository.js';
import { ItemsRepository } from '../queue/items.repository.js';
import { QueueEvents } from '../queue/queue-events.js';
import { QueueService } from '../queue/queue.service.js';
import { autoEffect, flagWeight, GENERIC_CONTENT_WARNING, itemPriority, sumWeights } from '../rules.js';
import { flaggedNote } from '../notices/notice-text.js';
import { TargetRegistry } from '../targets/target-registry.js';

const DAY_MS = 24 * 3600 * 1000;
const CLOSED_STATUSES = new Set(['removed', 'deleted']);

/** Members flag content; enough weight hides it pending review, crisis flags alert moderators first. */
@Injectable()
export class FlagsService {
  private readonly logger = new Logger(FlagsService.name);

  constructor(
    private readonly items: ItemsRepository,
    private readonly log: LogRepository,
    private readonly targets: TargetRegistry,
    private readonly queue: QueueService,
    private readonly events: QueueEvents,
    private readonly safety: ContentSafetyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async flag(user: AuthUser, asked: FlagRequest): Promise<FlagCreated> {
    // A flag on a thread's opening post is a flag on the thread: one item, one takedown.
    const canonical = await this.targets.canonical(asked.targetType, asked.targetId);
    const request: FlagRequest = { ...asked, targetType: canonical.type, targetId: canonical.id };
    if (request.reason === 'other' && !request.note) {
      throw fieldError('note', 'validation.moderation.flagNote');
    }
    // Read by moderators: the same safety decision as a post, refused (422) rather than held.
    if (request.note) {
      this.safety.refuseUnsafe(request.note, 'note', 'flagNote');
    }
    const target = await this.targets.require(request.targetType, request.targetId);
    if (CLOSED_STATUSES.has(target.status)) {
      throw new AppError('not_found', 'errors.moderation.alreadyTakenDown');
    }
    if (target.authorId === user.id) throw new AppError('forbidden', 'errors.moderation.flagOwn');
    if (await this.items.hasFlagged(request.targetType, request.targetId, user.id)) throw alreadyFlagged();
    await this.checkDailyLimit(user);

    const stats = await this.items.flaggerStats(user.id);
    const weight = stats
      ? flagWeight({
          accountCreatedAt: stats.createdAt,
          postCount: stats.postCount,
          resolvedFlags: stats.resolvedFlags,
          upheldFlags: stats.upheldFlags,
        })
      : 1;

    const result = await this.items.transaction(async (m) => {
      const itemId = await this.items.openItemFor(m, request.targetType, request.targetId);
      const flagId = await this.items.insertFlag(m, {
        targetType: request.targetType,
        targetId: request.targetId,
        itemId,
        flaggerId: user.id,
        reason: request.reason,
        note: request.note ? request.note : null,
        weight,
      });
      if (!flagId) throw alreadyFlagged();
      const item = await this.items.findById(itemId, m);
      const flags = (await this.items.flagsOf(itemId, m)).filter((f) => f.status === 'open');
      if (!item) throw new Error('queue item vanished inside its transaction');
      const effect = autoEffect(
        sumWeights(flags),
        { hidden: item.hidden || target.status === 'hidden', warned: item.contentWarned },
        this.config.flagHideThreshold,
      );
      const hidden = item.hidden || effect === 'hide';
      const priority = itemPriority({
        reasons: flags.map((f) => f.reason),
        hidden,
        // Once a moderator checked on the person, the detection alone no longer makes it urgent.
        crisisDetected: !item.crisisChecked && item.detection.some((hit) => hit.kind === 'crisis'),
      });
      await this.items.update(
        itemId,
        { priority, hidden, contentWarned: item.contentWarned || effect === 'content_warning', touch: true },
        m,
      );
      if (effect) {
        await this.log.append(
          {
            moderatorId: null,
            moderatorUsername: null,
            action: effect === 'hide' ? 'auto_hide' : 'auto_content_warning',
            targetType: request.targetType,
            targetId: request.targetId,
            excerpt: target.excerpt,
            reason: 'flags',
            message:
              effect === 'hide'
                ? `Hidden pending review: flag weight reached ${this.config.flagHideThreshold}.`
                : 'A generic content warning was added after members flagged it.',
          },
          m,
        );
      }
      return { flagId, itemId, effect };
    });

    // The content change happens after the flag is stored; a failure here leaves the item in the queue.
    const port = this.targets.port(request.targetType);
    try {
      if (result.effect === 'hide') {
        await port.hide(request.targetId, flaggedNote());
      } else if (result.effect === 'content_warning') {
        await port.addContentWarning(request.targetId, GENERIC_CONTENT_WARNING);
      }
    } catch (error) {
      this.logger.error(
        `Could not apply ${result.effect} to ${request.targetType} ${request.targetId}: ${String(error)}`,
      );
    }

    this.events.upsert(await this.queue.get(result.itemId));
    return { id: result.flagId, itemId: result.itemId };
  }

  private async checkDailyLimit(user: AuthUser): Promise<void> {
    const now = Date.now();
    const { count, oldest } = await this.items.countFlagsSince(user.id, new Date(now - DAY_MS));
    if (count < FLAGS_PER_DAY) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(((oldest?.getTime() ?? now) + DAY_MS - now) / 1000));
    throw new AppError('rate_limited', msg('errors.moderation.flagLimit', { count: FLAGS_PER_DAY }), {
      details: { retryAfterSeconds },
    });
  }
}

const alreadyFlagged = (): AppError => new AppError('conflict', 'errors.moderation.alreadyFlagged');
