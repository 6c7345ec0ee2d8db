import { ContentSafetyService } from '../../safety/content-safety.service.js';
import { Injectable } from '@nestjs/common';
import { DEFAULT_LOCALE, type CrisisResource, type Locale, type NoticeList, type NoticeView } from '@kindred/contracts';
import { CrisisResourcesService } from '../../library/crisis-resources.service.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { AppError, notFound } from '../../common/app-error.js';
import { localeOf } from '../../i18n/message.js';
import { MemberEventsGateway } from '../member-events.gateway.js';
import { ItemsRepository } from '../queue/items.repository.js';
import { QueueEvents } from '../queue/queue-events.js';
import { QueueService } from '../queue/queue.service.js';
import { noticeText } from './notice-text.js';
import { NoticesRepository, type NewNotice, type NoticeRow } from './notices.repository.js';

const LIST_LIMIT = 100;

/** A member's notices, delivered live to their own room, and their appeals. */
@Injectable()
export class NoticesService {
  constructor(
    private readonly notices: NoticesRepository,
    private readonly items: ItemsRepository,
    private readonly queue: QueueService,
    private readonly queueEvents: QueueEvents,
    private readonly member: MemberEventsGateway,
    private readonly safety: ContentSafetyService,
    private readonly crisis: CrisisResourcesService,
  ) {}

  /** In `locale` (the request's), else — delivered live, with no request asking — the member's saved language. */
  private view(row: NoticeRow, locale?: Locale | null): NoticeView {
    const language = locale ?? localeOf(row.ownerLocale);
    return toNoticeView(row, this.crisis.list(language), language);
  }

  async list(user: AuthUser): Promise<NoticeList> {
    const rows = await this.notices.listForUser(user.id, LIST_LIMIT);
    return {
      notices: rows.map((row) => this.view(row, user.locale)),
      unread: await this.notices.countUnread(user.id),
    };
  }

  async markRead(user: AuthUser, id: string | null): Promise<void> {
    if (id) {
      const row = await this.notices.findById(id);
      if (!row || row.userId !== user.id) throw notFound('errors.notFound.notice');
    }
    await this.notices.markRead(user.id, id);
  }

  /** Sends a notice to the member's open tabs once it is committed. */
  async deliver(noticeId: string): Promise<void> {
    const row = await this.notices.findById(noticeId);
    if (row) this.member.notice(row.userId, this.view(row));
  }

  /** One appeal per removal or suspension notice; it becomes a queue item of kind "appeal". */
  async appeal(user: AuthUser, noticeId: string, message: string): Promise<NoticeView> {
    const notice = await this.notices.findById(noticeId);
    if (!notice || notice.userId !== user.id) throw notFound('errors.notFound.notice');
    if (!notice.appealable || !notice.targetType || !notice.targetId) {
      throw new AppError('bad_request', 'errors.moderation.notAppealable');
    }
    if (notice.appealId) throw new AppError('conflict', 'errors.moderation.alreadyAppealed');
    this.safety.refuseUnsafe(message, 'message', 'appeal');
    const targetType = notice.targetType;
    const targetId = notice.targetId;
    const itemId = await this.items.transaction(async (m) => {
      const appealId = await this.notices.createAppeal(m, notice, message);
      if (!appealId) throw new AppError('conflict', 'errors.moderation.alreadyAppealed');
      return this.items.createAppealItem(m, { targetType, targetId, appealId });
    });
    this.queueEvents.upsert(await this.queue.get(itemId));
    const updated = await this.notices.findById(noticeId);
    return this.view(updated ?? notice, user.locale);
  }
}

export const isPermanent = (until: Date | null): boolean => until !== null && until.getUTCFullYear() >= 9000;

export type { NewNotice };

export function toNoticeView(
  row: NoticeRow,
  crisisResources: CrisisResource[] = [],
  locale: Locale = DEFAULT_LOCALE,
): NoticeView {
  const permanent = isPermanent(row.suspendedUntil);
  const resources = row.kind === 'outreach' ? crisisResources : undefined;
  return {
    ...(resources ? { resources } : {}),
    id: row.id,
    kind: row.kind,
    targetType: row.targetType,
    targetId: row.targetId,
    excerpt: row.excerpt,
    reason: row.reason,
    text: noticeText({ ...row, permanent, resources }, locale),
    message: row.message,
    suspendedUntil: permanent ? null : (row.suspendedUntil?.toISOString() ?? null),
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
    appealable: row.appealable && !row.appealId,
    appeal: row.appealId
      ? {
          id: row.appealId,
          status: row.appealStatus ?? 'pending',
          message: row.appealMessage ?? '',
          createdAt: (row.appealCreatedAt ?? row.createdAt).toISOString(),
          decidedAt: row.appealDecidedAt?.toISOString() ?? null,
        }
      : null,
  };
}
