import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { SessionStatus } from '@kindred/contracts';
import { DomainEvents } from '../common/domain-events.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CLOCK, type Clock } from './clock.js';
import { JobLockRepository } from './job-lock.repository.js';
import { MeetingSessionsService } from './meeting-sessions.service.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MessagesRepository } from './messages.repository.js';
import { effectiveEnd } from './recurrence.js';
import { ChatEmitter } from './room/chat-emitter.js';
import { ChatService } from './room/chat.service.js';
import { SessionsRepository } from './sessions.repository.js';

const TICK_MS = 5000;
const RETENTION_EVERY_MS = 60_000;
const LOCK_KEY = 'kindred:meetings:scheduler';

/**
 * Every few seconds: pushes session status changes to rooms (and "your meeting is opening" to
 * members who RSVP'd), and deletes chat messages past retention. Runs in one process at a time
 * (PostgreSQL advisory lock); each status change is announced once (recorded on the session).
 */
@Injectable()
export class MeetingsScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MeetingsScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private lastRetention = 0;

  constructor(
    private readonly lock: JobLockRepository,
    private readonly meetings: MeetingsRepository,
    private readonly sessions: SessionsRepository,
    private readonly current: MeetingSessionsService,
    private readonly messages: MessagesRepository,
    private readonly chat: ChatService,
    private readonly emitter: ChatEmitter,
    private readonly events: DomainEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass of every job (public so tests can run it without waiting). */
  async tick(options: { forceRetention?: boolean } = {}): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const now = this.clock.now();
      await this.lock.runExclusive(LOCK_KEY, async () => {
        await this.announceTransitions(now);
        if (options.forceRetention || Date.now() - this.lastRetention >= RETENTION_EVERY_MS) {
          this.lastRetention = Date.now();
          const deleted = await this.messages.deleteExpired(this.config.chatRetentionHours, now);
          if (deleted > 0) this.logger.log(`Deleted ${deleted} chat messages past retention`);
        }
      });
      await this.chat.sweep(now);
    } catch (error) {
      this.logger.warn(`Meetings scheduler pass failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }

  private async announceTransitions(now: Date): Promise<void> {
    if (!this.emitter.ready) return;
    // Sessions that opened (lobby or live) since the last announcement.
    const meetings = await this.meetings.listActive();
    const currents = await this.current.currentFor(meetings, now);
    for (const meeting of meetings) {
      const session = currents.get(meeting.id);
      if (!session) continue;
      const status = this.current.status(meeting, session, now);
      if (status !== 'lobby' && status !== 'live') continue;
      if (session.row && session.row.announcedStatus === status) continue;
      const row = session.row ?? (await this.sessions.ensure(meeting.id, session.startsAt, session.endsAt));
      const from: SessionStatus = row.announcedStatus;
      if (from === status || from === 'ended') continue;
      if (!(await this.sessions.markAnnounced(row.id, from, status))) continue;
      this.emitter.session(row.id).emit('session:status', {
        sessionId: row.id,
        status,
        endsAt: effectiveEnd(row).toISOString(),
      });
      if (from === 'scheduled') {
        // The stored item of the centre (set-based for every RSVP), besides the live event below.
        await this.events.emit('meeting.opening', { sessionId: row.id, meetingId: meeting.id });
        const userIds = await this.sessions.rsvpUserIds(row.id);
        if (userIds.length > 0) {
          this.emitter.users(userIds).emit('meeting:opening', {
            meetingId: meeting.id,
            name: meeting.name,
            startsAt: row.startsAt.toISOString(),
          });
        }
      }
    }
    // Sessions announced open that have now ended.
    for (const row of await this.sessions.findAnnouncedOpen()) {
      if (now < effectiveEnd(row)) continue;
      if (!(await this.sessions.markAnnounced(row.id, row.announcedStatus, 'ended'))) continue;
      this.emitter.session(row.id).emit('session:status', {
        sessionId: row.id,
        status: 'ended',
        endsAt: effectiveEnd(row).toISOString(),
      });
    }
  }
}
