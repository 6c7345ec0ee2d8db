import { Injectable } from '@nestjs/common';
import type {
  AppealSummaryView,
  ItemActionView,
  FlagReason,
  ModerationTargetView,
  QueueItemStatus,
  QueueItemView,
  QueuePage,
} from '@kindred/contracts';
import { AppError, notFound } from '../../common/app-error.js';
import { msg } from '../../i18n/i18n.js';
import { decodeCursor, encodeCursor } from '../../common/cursor.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { UsersRepository } from '../../users/users.repository.js';
import { LogRepository, type ItemActionRow } from '../log/log.repository.js';
import { NoticesRepository, type AppealRow, type NoticeRow } from '../notices/notices.repository.js';
import type { ModerationTarget } from '../targets/target-port.js';
import { TargetRegistry } from '../targets/target-registry.js';
import { ItemsRepository, type FlagRow, type ItemRow } from './items.repository.js';
import { QueueEvents } from './queue-events.js';

const DEFAULT_LIMIT = 20;

/** Reading the queue and claiming items. Views never carry the author of anonymous content. */
@Injectable()
export class QueueService {
  constructor(
    private readonly items: ItemsRepository,
    private readonly notices: NoticesRepository,
    private readonly targets: TargetRegistry,
    private readonly users: UsersRepository,
    private readonly events: QueueEvents,
    private readonly log: LogRepository,
  ) {}

  async list(query: { status?: QueueItemStatus; cursor?: string; limit?: number }): Promise<QueuePage> {
    const status = query.status ?? 'open';
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after =
      status === 'open'
        ? (decodeCursor(query.cursor, ['smallint', 'date', 'uuid']) as [number, string, string] | null)
        : (decodeCursor(query.cursor, ['date', 'uuid']) as [string, string] | null);
    const rows = await this.items.page(status, after, limit + 1);
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    let nextCursor: string | null = null;
    if (more && last) {
      nextCursor =
        status === 'open'
          ? encodeCursor([last.priorityRank, last.firstFlaggedAt.toISOString(), last.id])
          : encodeCursor([(last.resolvedAt ?? last.lastFlaggedAt).toISOString(), last.id]);
    }
    return { items: await this.views(page), nextCursor };
  }

  async get(id: string): Promise<QueueItemView> {
    const row = await this.items.findById(id);
    if (!row) throw notFound('errors.notFound.queueItem');
    return this.view(row);
  }

  async claim(moderator: AuthUser, id: string): Promise<QueueItemView> {
    const row = await this.items.findById(id);
    if (!row) throw notFound('errors.notFound.queueItem');
    if (row.status !== 'open') throw new AppError('conflict', 'errors.moderation.alreadyResolved');
    const holder = await this.items.claim(id, moderator.id);
    if (holder !== moderator.id) {
      const other = holder ? await this.users.findById(holder) : null;
      throw onIt(other?.username);
    }
    this.events.claimed(id, moderator.username);
    return this.get(id);
  }

  async unclaim(moderator: AuthUser, id: string): Promise<QueueItemView> {
    const row = await this.items.findById(id);
    if (!row) throw notFound('errors.notFound.queueItem');
    await this.items.unclaim(id);
    this.events.claimed(id, null);
    return this.get(id);
  }

  async view(row: ItemRow, flags?: FlagRow[]): Promise<QueueItemView> {
    const [view] = await this.views([row], flags ? new Map([[row.id, flags]]) : undefined);
    return view;
  }

  async views(rows: ItemRow[], knownFlags?: Map<string, FlagRow[]>): Promise<QueueItemView[]> {
    const flags = knownFlags ?? (await this.items.flagsOfMany(rows.map((r) => r.id)));
    const appeals = await this.notices.findAppeals(rows.flatMap((r) => (r.appealId ? [r.appealId] : [])));
    const history = await this.log.forItems(rows.map((r) => r.id));
    return Promise.all(
      rows.map(async (row) => {
        const target = await this.targets.find(row.targetType, row.targetId);
        const appeal = row.appealId ? appeals.get(row.appealId) : undefined;
        return toQueueItemView(
          row,
          flags.get(row.id) ?? [],
          await this.targetView(target),
          appeal,
          history.get(row.id) ?? [],
        );
      }),
    );
  }

  /** The content as a moderator sees it: the author's username only when they posted under it. */
  async targetView(target: ModerationTarget | null): Promise<ModerationTargetView | null> {
    if (!target) return null;
    let author: string | null = null;
    if (!target.anonymous && target.authorId) author = (await this.users.findById(target.authorId))?.username ?? null;
    return {
      type: target.type,
      id: target.id,
      excerpt: target.excerpt,
      link: target.link,
      status: target.status,
      anonymous: target.anonymous,
      author,
      contextTitle: target.contextTitle,
      surrounding: target.surrounding ?? [],
    };
  }
}

export function toQueueItemView(
  row: ItemRow,
  flags: FlagRow[],
  target: ModerationTargetView | null,
  appeal?: (AppealRow & { notice: NoticeRow | null }) | undefined,
  history: ItemActionRow[] = [],
): QueueItemView {
  const counts = new Map<FlagReason, number>();
  for (const flag of flags) counts.set(flag.reason, (counts.get(flag.reason) ?? 0) + 1);
  const crisisSignal =
    flags.some((f) => f.reason === 'crisis' && f.status === 'open') ||
    (row.detection ?? []).some((hit) => hit.kind === 'crisis');
  return {
    id: row.id,
    kind: row.kind,
    targetType: row.targetType,
    targetId: row.targetId,
    priority: row.priority,
    status: row.status,
    hidden: row.hidden,
    claimedBy: row.claimedByUsername,
    firstFlaggedAt: row.firstFlaggedAt.toISOString(),
    lastFlaggedAt: row.lastFlaggedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    flagCount: flags.length,
    weight: flags.filter((f) => f.status === 'open').reduce((sum, f) => sum + f.weight, 0),
    reasons: [...counts.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    notes: flags.flatMap((f) => (f.note ? [f.note] : [])),
    detection: row.detection ?? [],
    target,
    appeal: appeal ? toAppealSummary(appeal) : null,
    crisis: row.kind === 'flag' && row.priority === 'urgent' && !row.crisisChecked && crisisSignal,
    history: history.map(toItemAction),
  };
}

const toItemAction = (row: ItemActionRow): ItemActionView => ({
  action: row.action,
  moderator: row.moderatorUsername,
  at: new Date(row.at).toISOString(),
  reason: row.reason,
  message: row.message,
});

function toAppealSummary(appeal: AppealRow & { notice: NoticeRow | null }): AppealSummaryView {
  return {
    id: appeal.id,
    noticeId: appeal.noticeId,
    noticeKind: appeal.notice?.kind ?? 'removal',
    noticeReason: appeal.notice?.reason ?? '',
    message: appeal.message,
    status: appeal.status,
    createdAt: appeal.createdAt.toISOString(),
    decidedAt: appeal.decidedAt?.toISOString() ?? null,
  };
}

/** "sam is already on it." (or "Another moderator …" when the name is gone): a kind 409. */
export const onIt = (username: string | null | undefined): AppError =>
  new AppError(
    'conflict',
    username ? msg('errors.moderation.someoneOnIt', { name: username }) : 'errors.moderation.anotherOnIt',
  );
