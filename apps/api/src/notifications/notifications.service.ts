import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type {
  BoardFollowLevel,
  BoardFollowView,
  FollowLevel,
  FollowingList,
  MentionableView,
  NotificationList,
  NotificationSettings,
  ThreadFollowView,
  ThreadReadView,
  UnreadCounts,
} from '@kindred/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { timeCursor } from '../boards/boards-cursor.js';
import { AppError, notFound } from '../common/app-error.js';
import { DomainEvents } from '../common/domain-events.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { localeOf } from '../i18n/message.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { MAX_MENTIONS, MAX_MENTIONS_NEW_MEMBER, parseMentions } from '../common/mentions.js';
import { toNotificationView } from './notification-text.js';
import { NotificationsGateway } from './notifications.gateway.js';
import { NotificationsRepository } from './notifications.repository.js';
import { ReadsRepository } from './reads.repository.js';

const DEFAULT_LIMIT = 20;
export const NOTIFY_POST_JOB = 'notify_post';

/** The centre, follow levels, and the fan-out job of a published post. */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly gateway: NotificationsGateway,
    private readonly jobs: JobQueue,
    private readonly reads: ReadsRepository,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // Enqueued by the posts trigger (migration 1764400000000) in the transaction that publishes a post.
    this.jobs.register(NOTIFY_POST_JOB, (payload) => this.fanOutPost(payload));
    this.events.on('meeting.opening', ({ sessionId }) => this.meetingOpening(sessionId));
    this.events.on('notifications.created', ({ ids }) => this.deliver(ids));
  }

  /** Stored `meeting_opening` items for every RSVP of a session (one insert), delivered live. */
  async meetingOpening(sessionId: string): Promise<void> {
    await this.deliver(await this.repo.meetingOpening(sessionId));
  }

  /**
   * Emits new items to their owners' rooms with the unread count (one read for the batch), in each
   * owner's saved language: no request is asking, and every tab of theirs hears the same emit.
   */
  async deliver(ids: string[]): Promise<void> {
    for (const row of await this.repo.findWithUnread(ids)) {
      this.gateway.created(row.userId, toNotificationView(row, localeOf(row.ownerLocale)), row.unread);
    }
  }

  async list(user: AuthUser, cursor: string | undefined, limit = DEFAULT_LIMIT): Promise<NotificationList> {
    const after = timeCursor.decode(cursor);
    const rows = await this.repo.listForUser(user.id, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => toNotificationView(row, localeOf(user.locale))),
      nextCursor: rows.length > limit && last ? timeCursor.encode({ micros: last.cursorMicros, id: last.id }) : null,
      unread: await this.repo.countUnread(user.id),
    };
  }

  async markRead(user: AuthUser, dto: { ids?: string[]; all?: true }): Promise<{ unread: number }> {
    if ((dto.ids === undefined) === (dto.all === undefined)) {
      throw new AppError('validation_failed', 'errors.notifications.idsOrAll', {
        fields: [{ field: 'ids', reason: 'validation.notifications.idsOrAll' }],
      });
    }
    const ids = dto.all ? null : (dto.ids ?? []);
    const unread = await this.repo.markRead(user.id, ids);
    this.gateway.read(user.id, ids, unread);
    return { unread };
  }

  async followThread(user: AuthUser, threadId: string, level: FollowLevel): Promise<ThreadFollowView> {
    await this.requireReadableThread(user, threadId);
    await this.repo.setThreadFollow(user.id, threadId, level);
    return { threadId, level };
  }

  async threadFollow(user: AuthUser, threadId: string): Promise<ThreadFollowView> {
    await this.requireReadableThread(user, threadId);
    return { threadId, level: (await this.repo.threadFollow(user.id, threadId)) ?? 'normal' };
  }

  async followBoard(user: AuthUser, slug: string, level: BoardFollowLevel): Promise<BoardFollowView> {
    const board = await this.repo.findBoard(slug);
    if (!board) throw notFound('errors.notFound.board');
    await this.repo.setBoardFollow(user.id, board.id, level);
    return { slug: board.slug, level };
  }

  async settings(user: AuthUser): Promise<NotificationSettings> {
    return { autoWatch: await this.repo.autoWatch(user.id) };
  }

  async updateSettings(user: AuthUser, dto: NotificationSettings): Promise<NotificationSettings> {
    await this.repo.setAutoWatch(user.id, dto.autoWatch);
    return this.settings(user);
  }

  async boardFollow(user: AuthUser, slug: string): Promise<BoardFollowView> {
    const board = await this.repo.findBoard(slug);
    if (!board) throw notFound('errors.notFound.board');
    return { slug: board.slug, level: await this.repo.boardFollow(user.id, board.id) };
  }

  async markThreadRead(user: AuthUser, threadId: string, postId: string): Promise<ThreadReadView> {
    await this.requireReadableThread(user, threadId);
    if (!(await this.reads.markRead(user.id, threadId, postId))) throw notFound('errors.notFound.post');
    return { threadId, ...(await this.reads.readState(user.id, threadId)) };
  }

  async threadRead(user: AuthUser, threadId: string): Promise<ThreadReadView> {
    await this.requireReadableThread(user, threadId);
    return { threadId, ...(await this.reads.readState(user.id, threadId)) };
  }

  async unreadCounts(user: AuthUser, threadIds: string[]): Promise<UnreadCounts> {
    return { threads: threadIds.length === 0 ? {} : await this.reads.unreadCounts(user.id, threadIds) };
  }

  async mentionable(user: AuthUser, threadId: string, prefix: string): Promise<MentionableView> {
    await this.requireReadableThread(user, threadId);
    return { items: await this.repo.mentionable(threadId, prefix.trim()) };
  }

  following(user: AuthUser): Promise<FollowingList> {
    return this.repo.following(user.id, localeOf(user.locale));
  }

  /** The job: one read of the post, one set-based insert for every reader, one read to deliver them live. */
  async fanOutPost(payload: unknown): Promise<void> {
    const postId = (payload as { postId?: unknown } | null)?.postId;
    if (typeof postId !== 'string') {
      this.logger.warn('A notify_post job without a post id was skipped.');
      return;
    }
    const post = await this.repo.postForFanOut(postId, this.config.limits.newMemberHours);
    if (!post) return;
    const mentions = parseMentions(post.body, post.newMember ? MAX_MENTIONS_NEW_MEMBER : MAX_MENTIONS);
    const shown = new Set(post.aliases);
    const aliases = mentions.flatMap((m) => (m.alias && shown.has(m.alias) ? [m.alias] : []));
    const usernames = mentions.flatMap((m) => (m.alias && shown.has(m.alias) ? [] : [m.username]));
    await this.deliver(await this.repo.fanOutPost(postId, usernames, aliases));
  }

  /** Unknown and unreadable threads are the same 404, so following says nothing about what exists. */
  private async requireReadableThread(user: AuthUser, threadId: string): Promise<void> {
    const thread = await this.repo.findThread(threadId);
    const readable =
      thread !== null &&
      (thread.status === 'published' ||
        (thread.status !== 'deleted' && (thread.authorId === user.id || isModerator(user))));
    if (!readable) throw notFound('errors.notFound.thread');
  }
}

const isModerator = (user: AuthUser): boolean => user.role === 'moderator' || user.role === 'admin';
