import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { MilestoneDateView, MilestoneKind, MilestoneResetView, MilestonesView } from '@kindred/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { fieldError as refuseField, notFound, type AppError } from '../common/app-error.js';
import type { MessageKey } from '../i18n/i18n.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainEvents } from '../common/domain-events.js';
import { translate } from '../i18n/i18n.js';
import { localeOf } from '../i18n/message.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { MilestonesRepository } from './milestones.repository.js';

export const MILESTONES_JOB = 'milestones_daily';
/** The board a milestone notification offers to share in (seeded by boards.seeds.ts). */
export const SHARE_BOARD_SLUG = 'milestones-wins';

/** Today as the server counts it (UTC), YYYY-MM-DD. */
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Clean time and medication time: private dates, their count, and the daily milestone check. */
@Injectable()
export class MilestonesService implements OnModuleInit {
  private readonly logger = new Logger(MilestonesService.name);

  constructor(
    private readonly repo: MilestonesRepository,
    private readonly jobs: JobQueue,
    private readonly events: DomainEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // Hourly and idempotent (each milestone is marked once), so the day's check runs early on a
    // day even after a restart; a tick missed while every process was down is backfilled.
    this.jobs.schedule(MILESTONES_JOB, '7 * * * *', () => this.check().then(() => undefined), 24);
  }

  async list(user: AuthUser): Promise<MilestonesView> {
    const rows = await this.repo.list(user.id, this.today());
    return { dates: rows, shareBoardSlug: SHARE_BOARD_SLUG };
  }

  async set(
    user: AuthUser,
    kind: MilestoneKind,
    dto: { label: string; since: string; showBadge?: boolean },
  ): Promise<MilestoneDateView> {
    const today = this.today();
    const since = new Date(`${dto.since}T00:00:00Z`);
    if (Number.isNaN(since.getTime()) || isoDay(since) !== dto.since) {
      throw fieldError('since', 'validation.milestones.realDate');
    }
    if (dto.since > today) throw fieldError('since', 'validation.milestones.notFuture');
    if (dto.since < '1900-01-01') throw fieldError('since', 'validation.milestones.after1900');
    return this.repo.set(user.id, kind, dto.label, dto.since, dto.showBadge, today);
  }

  /** One click: the date becomes today, with a kind word (in the member's language). No notification to anyone. */
  async reset(user: AuthUser, kind: MilestoneKind): Promise<MilestoneResetView> {
    const date = await this.repo.reset(user.id, kind, this.today());
    if (!date) throw notFound('errors.notFound.date');
    return { date, message: translate(localeOf(user.locale), 'milestones.reset.message') };
  }

  async remove(user: AuthUser, kind: MilestoneKind): Promise<void> {
    await this.repo.remove(user.id, kind);
  }

  /** The daily check (set-based; `now` for tests, else the injected clock). Returns how many were sent. */
  async check(now: Date = this.clock.now()): Promise<number> {
    const ids = await this.repo.check(isoDay(now));
    if (ids.length > 0) {
      this.logger.log(`Sent ${ids.length} milestone notification(s).`);
      await this.events.emit('notifications.created', { ids });
    }
    return ids.length;
  }

  private today(): string {
    return isoDay(this.clock.now());
  }
}

const fieldError = (field: string, reason: MessageKey): AppError =>
  refuseField(field, reason, { summary: 'validation.summary.fieldPlain' });
