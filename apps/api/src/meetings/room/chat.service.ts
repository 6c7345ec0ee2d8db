import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  facilitatorDisplayName,
  MEETING_LIMITS,
  type ChatMessageView,
  type JoinResult,
  type Locale,
  type ParticipantRole,
  type SafetyNotice,
  type SessionStatus,
} from '@kindred/contracts';
import type { Socket } from 'socket.io';
import { isModerator, isSuspended, type AuthUser } from '../../auth/auth-user.js';
import { suspendedError } from '../../auth/suspension.js';
import { UserCache } from '../../auth/user-cache.service.js';
import { toAuthUser } from '../../auth/token.service.js';
import { AppError, forbidden, notFound } from '../../common/app-error.js';
import { msg } from '../../i18n/i18n.js';
import { socketUser } from '../../common/socket.js';
import { translate } from '../../i18n/i18n.js';
import { localeOf } from '../../i18n/message.js';
import { ContentSafetyService, type SafetyDecision } from '../../safety/content-safety.service.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { UsersRepository } from '../../users/users.repository.js';
import { MeetingActionsRepository } from '../actions.repository.js';
import { CLOCK, type Clock } from '../clock.js';
import type {
  JoinDto,
  MuteDto,
  ParticipantRefDto,
  RemoveMessageDto,
  SendMessageDto,
  SlowModeDto,
} from '../dto/chat.dto.js';
import type { ChatMessageEntity } from '../entities/chat-message.entity.js';
import type { MeetingEntity } from '../entities/meeting.entity.js';
import { MeetingSessionsService } from '../meeting-sessions.service.js';
import { MeetingsRepository } from '../meetings.repository.js';
import { MessagesRepository } from '../messages.repository.js';
import { sessionStatus } from '../recurrence.js';
import { SessionAlias } from '../session-alias.js';
import { SessionsRepository } from '../sessions.repository.js';
import { ChatEmitter, facilitatorRoom, sessionRoom, userRoom } from './chat-emitter.js';
import { ROOM_STATE, type RoomStateStore, type SessionMeta } from './room-state.store.js';

/** What a socket remembers about the meeting it joined (process-local, never stored). */
export interface Membership {
  meetingId: string;
  sessionId: string;
  /** Null for a guest (read-only). */
  participant: string | null;
  userId: string | null;
  displayName: string | null;
  role: ParticipantRole | 'guest';
  suspendedUntil: Date | null;
}

interface ChatSocketData {
  chat?: Membership;
}

export const membershipOf = (socket: Socket): Membership | null => (socket.data as ChatSocketData).chat ?? null;

const TYPING_INTERVAL_MS = 2000;
const PRESENCE_DEBOUNCE_MS = 100;

/**
 * The rules of a meeting room. Message sending is the hot path: one insert and one room
 * broadcast, with everything else (status, mutes, slow mode) read from the room state.
 */
@Injectable()
export class ChatService {
  private readonly logger = new Logger(ChatService.name);
  private readonly alias: SessionAlias;
  private readonly presenceTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly sessions: SessionsRepository,
    private readonly current: MeetingSessionsService,
    private readonly messages: MessagesRepository,
    private readonly actions: MeetingActionsRepository,
    private readonly users: UsersRepository,
    private readonly accounts: UserCache,
    private readonly emitter: ChatEmitter,
    private readonly safety: ContentSafetyService,
    @Inject(ROOM_STATE) private readonly store: RoomStateStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.alias = new SessionAlias(config.aliasSecret);
    // A shared store reports rooms whose people changed elsewhere (another API process died).
    this.store.onChange?.((sessionIds) => this.roomsChanged(sessionIds));
  }

  // ------------------------------------------------------------------ joining

  async join(socket: Socket, socketUser: AuthUser | null, dto: JoinDto): Promise<JoinResult> {
    const meeting = await this.meetings.findActive(dto.meetingId);
    if (!meeting) throw notFound('errors.notFound.meeting');
    if (!socketUser && meeting.audience === 'members') {
      throw new AppError('unauthorized', 'errors.meetings.membersOnly');
    }
    // Re-read the account: a suspension or role change since the handshake applies now.
    const fresh = socketUser ? await this.users.findById(socketUser.id) : null;
    if (socketUser && !fresh) throw new AppError('unauthorized', 'errors.auth.signInAgain');
    const user = fresh ? toAuthUser(fresh) : null;
    if (user && isSuspended(user)) throw suspendedError(user);

    const now = this.clock.now();
    const session = await this.current.current(meeting, now);
    const status = session ? this.current.status(meeting, session, now) : 'ended';
    if (!session || status === 'scheduled' || status === 'ended') {
      throw new AppError(
        'not_open',
        session && status === 'scheduled'
          ? msg('errors.meetings.opensLater', { lobbyMinutes: meeting.lobbyMinutes })
          : 'errors.meetings.sessionEnded',
        session ? { details: { startsAt: session.startsAt.toISOString() } } : undefined,
      );
    }
    const row = session.row ?? (await this.sessions.ensure(meeting.id, session.startsAt, session.endsAt));
    await this.store.setSession(row.id, this.metaOf(meeting, row), meeting.slowModeSeconds);

    const previous = membershipOf(socket);
    const rejoin = previous?.sessionId === row.id;
    if (previous && !rejoin) await this.leave(socket);

    let membership: Membership;
    if (!user) {
      membership = {
        meetingId: meeting.id,
        sessionId: row.id,
        participant: null,
        userId: null,
        displayName: null,
        role: 'guest',
        suspendedUntil: null,
      };
      await socket.join(sessionRoom(row.id));
      if (!rejoin) await this.store.addGuest(row.id, socket.id);
    } else {
      // One handle per identity shown (username or alias): the two cannot be linked by any field.
      // A removal or mute under either identity holds under the other.
      const facilitates = isModerator(user) || (await this.meetings.isFacilitator(meeting.id, user.id));
      const alias = await this.sessions.assignAlias(row.id, user.id, this.alias.aliasCandidates(row.id, user.id));
      // A facilitator appears under the role name they chose, the same every session (never the
      // username unless they typed it); members under this session's alias or their username.
      const displayName = facilitates
        ? facilitatorDisplayName(await this.meetings.facilitatorName(user.id))
        : dto.useUsername
          ? user.username
          : alias;
      const participant = this.alias.handle(row.id, user.id, displayName);
      const otherHandle = this.alias.handle(row.id, user.id, dto.useUsername ? alias : user.username);
      if ((await this.store.isRemoved(row.id, participant)) || (await this.store.isRemoved(row.id, otherHandle))) {
        throw new AppError('removed', 'errors.meetings.removedJoin');
      }
      const alreadyHere = await this.store.isPresent(row.id, participant);
      if (!facilitates && !alreadyHere && (await this.store.presentCount(row.id)) >= meeting.capacity) {
        throw new AppError('full', 'errors.meetings.full');
      }
      const role: ParticipantRole = facilitates ? 'facilitator' : 'member';
      const mutedElsewhere = await this.store.mutedUntil(row.id, otherHandle, now);
      if (mutedElsewhere && !(await this.store.mutedUntil(row.id, participant, now))) {
        await this.store.mute(row.id, participant, mutedElsewhere);
      }
      membership = {
        meetingId: meeting.id,
        sessionId: row.id,
        participant,
        userId: user.id,
        displayName,
        role,
        suspendedUntil: user.suspendedUntil,
      };
      await socket.join(facilitates ? [sessionRoom(row.id), facilitatorRoom(row.id)] : [sessionRoom(row.id)]);
      await this.store.join(row.id, { participant, userId: user.id, displayName, role }, socket.id);
    }
    (socket.data as ChatSocketData).chat = membership;
    this.schedulePresence(row.id);

    const history = dto.afterId
      ? ((await this.messages.after(row.id, dto.afterId, MEETING_LIMITS.catchUpMax)) ??
        (await this.messages.latest(row.id, MEETING_LIMITS.historyLimit)))
      : await this.messages.latest(row.id, MEETING_LIMITS.historyLimit);

    const meta = this.metaOf(meeting, row);
    return {
      meeting: { id: meeting.id, name: meeting.name, audience: meeting.audience },
      session: {
        id: row.id,
        status: sessionStatus(meta, meeting.lobbyMinutes, now),
        startsAt: row.startsAt.toISOString(),
        endsAt: (row.endedEarlyAt ?? row.endsAt).toISOString(),
      },
      you: {
        participant: membership.participant,
        displayName: membership.displayName,
        role: membership.role,
        mutedUntil: membership.participant
          ? ((await this.store.mutedUntil(row.id, membership.participant, now))?.toISOString() ?? null)
          : null,
        handRaised: membership.participant
          ? (await this.store.hands(row.id)).some((h) => h.participant === membership.participant)
          : false,
      },
      participants: await this.store.participants(row.id, now),
      messages: history.map((m) => this.toView(m, user?.id ?? null)),
      slowModeSeconds: await this.store.slowMode(row.id),
      retentionHours: this.config.chatRetentionHours,
      hands: membership.role === 'facilitator' ? await this.store.hands(row.id) : [],
    };
  }

  /** Leaves the joined meeting (on `meeting:leave` and on disconnect). */
  async leave(socket: Socket): Promise<void> {
    const m = membershipOf(socket);
    if (!m) return;
    (socket.data as ChatSocketData).chat = undefined;
    await socket.leave(sessionRoom(m.sessionId));
    await socket.leave(facilitatorRoom(m.sessionId));
    if (!m.participant) {
      await this.store.removeGuest(m.sessionId, socket.id);
      this.schedulePresence(m.sessionId);
      return;
    }
    const { last } = await this.store.leave(m.sessionId, m.participant, socket.id);
    if (last) {
      this.schedulePresence(m.sessionId);
      if (await this.store.lowerHand(m.sessionId, m.participant)) await this.pushHands(m.sessionId);
    }
  }

  // ------------------------------------------------------------------ messages

  async send(socket: Socket, dto: SendMessageDto): Promise<{ message: ChatMessageView; safety?: SafetyNotice }> {
    const m = this.requireMember(socket, dto.meetingId);
    // A resend of a stored clientId is a retry, not a new message: it gets the stored message back
    // before any gate or limit is looked at (so a retry is never slow_mode or rate_limited).
    const existing = await this.messages.findByClientId(m.sessionId, m.userId, dto.clientId);
    if (existing && existing.status !== 'blocked') return { message: this.toView(existing, m.userId) };
    const now = this.clock.now();
    const gate = await this.sendGate(m, dto.body, now);
    if (gate) throw gate;
    // Safety decides before anything is delivered: sourcing or personal details are not delivered
    // (ack error blocked_sourcing / blocked_personal_info); a crisis is delivered with resources.
    // Facilitators and moderators running the session are not paced as new members.
    const safety = await this.safety.decide(dto.body, {
      kind: 'message',
      userId: m.userId,
      accountCreatedAt: m.role === 'facilitator' ? null : (socketUser(socket)?.createdAt ?? null),
    });
    if (safety.block) {
      await this.keepRefused(m, dto.clientId, safety);
      throw this.safety.blockError(safety);
    }
    const { message, created } = await this.messages.insertOnce({
      sessionId: m.sessionId,
      authorId: m.userId,
      displayName: m.displayName,
      isFacilitator: m.role === 'facilitator',
      clientId: dto.clientId,
      body: safety.censoredText,
    });
    if (message.status === 'blocked') {
      // This clientId was refused before; a different text under it is a new message to the client.
      throw new AppError('conflict', 'errors.meetings.resendAsNew');
    }
    if (created) {
      await this.store.markSent(m.sessionId, m.participant, now.getTime());
      this.emitter.session(m.sessionId).emit('message:new', this.toView(message, null));
      await this.safety.recordHits(safety, 'message', message.id);
      if (safety.crisis === 'urgent') this.alertFacilitators(m, message.id, message.createdAt);
    }
    const view = this.toView(message, m.userId);
    const notice = this.safety.noticeIn(safety, localeOf(socketUser(socket)?.locale));
    return notice ? { message: view, safety: notice } : { message: view };
  }

  /**
   * A refused message is kept as `blocked` (never delivered, never in history) when the rules
   * want a moderator to look — sourcing, personal details, a watched word to review — and put
   * on the queue. A resend of the same clientId adds nothing.
   */
  private async keepRefused(m: MemberOf, clientId: string, safety: SafetyDecision): Promise<void> {
    if (!safety.queue) return;
    const { message, created } = await this.messages.insertOnce({
      sessionId: m.sessionId,
      authorId: m.userId,
      displayName: m.displayName,
      isFacilitator: m.role === 'facilitator',
      clientId,
      body: safety.censoredText,
      status: 'blocked',
    });
    if (!created || message.status !== 'blocked') return;
    await this.safety.recordHits(safety, 'message', message.id);
    if (safety.crisis === 'urgent') this.alertFacilitators(m, message.id, message.createdAt);
  }

  /**
   * Crisis in the room: the session's facilitators (not the author) get a live alert naming the
   * person as the room shows them; moderators are alerted through the queue (recordHits).
   */
  private alertFacilitators(m: MemberOf, messageId: string, at: Date): void {
    try {
      this.emitter.facilitators(m.sessionId).except(userRoom(m.userId)).emit('safety:alert', {
        sessionId: m.sessionId,
        messageId,
        participant: m.participant,
        displayName: m.displayName,
        level: 'urgent',
        at: at.toISOString(),
      });
    } catch (error) {
      this.logger.warn(`Facilitator alert failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async sendGate(m: MemberOf, body: string, now: Date): Promise<AppError | null> {
    if (body.length > MEETING_LIMITS.messageMax) {
      return new AppError(
        'too_long',
        msg('errors.meetings.tooLong', { length: body.length, max: MEETING_LIMITS.messageMax }),
        { details: { max: MEETING_LIMITS.messageMax, length: body.length } },
      );
    }
    // The account as it is now, not as it was at join: a suspension (or deletion) made on any
    // process takes effect on the next event. The cache is dropped on every process by the
    // users-changed NOTIFY, so this costs no query while nothing changes.
    const account = await this.accounts.find(m.userId);
    if (!account) return new AppError('unauthorized', 'errors.auth.signInAgain');
    if (account.suspendedUntil && account.suspendedUntil > now) return suspendedError(account);
    if (await this.store.isRemoved(m.sessionId, m.participant)) {
      return new AppError('removed', 'errors.meetings.removed');
    }
    const meta = await this.store.session(m.sessionId);
    const status: SessionStatus = meta ? sessionStatus(meta, meta.lobbyMinutes, now) : 'ended';
    if (status === 'scheduled' || status === 'ended') {
      return new AppError('not_live', 'errors.meetings.notRunning');
    }
    if (status === 'lobby' && m.role !== 'facilitator') {
      return new AppError('not_live', 'errors.meetings.lobby');
    }
    const mutedUntil = await this.store.mutedUntil(m.sessionId, m.participant, now);
    if (mutedUntil) {
      return new AppError('muted', 'errors.meetings.muted', { details: { until: mutedUntil.toISOString() } });
    }
    if (m.role !== 'facilitator') {
      const slow = await this.store.slowMode(m.sessionId);
      const last = await this.store.lastSentAt(m.sessionId, m.participant);
      if (slow > 0 && last !== null && now.getTime() - last < slow * 1000) {
        const secondsLeft = Math.ceil((slow * 1000 - (now.getTime() - last)) / 1000);
        return new AppError('slow_mode', msg('errors.meetings.slowMode', { seconds: secondsLeft }), {
          details: { secondsLeft },
        });
      }
    }
    return null;
  }

  async typing(socket: Socket, meetingId: string): Promise<void> {
    const m = this.requireMember(socket, meetingId);
    if (await this.sendGate(m, '', this.clock.now())) return;
    if (await this.store.allowTyping(m.sessionId, m.participant, Date.now(), TYPING_INTERVAL_MS)) {
      socket.to(sessionRoom(m.sessionId)).emit('typing', { displayName: m.displayName });
    }
  }

  async setHand(socket: Socket, meetingId: string, raised: boolean): Promise<void> {
    const m = this.requireMember(socket, meetingId);
    if (raised) {
      const gate = await this.sendGate(m, '', this.clock.now());
      if (gate && (gate.code === 'suspended' || gate.code === 'unauthorized')) throw gate;
    }
    const changed = raised
      ? await this.store.raiseHand(m.sessionId, m.participant, this.clock.now())
      : await this.store.lowerHand(m.sessionId, m.participant);
    if (changed) {
      await this.pushHands(m.sessionId);
      this.schedulePresence(m.sessionId);
    }
  }

  // ------------------------------------------------------------------ facilitator actions

  async removeMessage(socket: Socket, user: AuthUser | null, dto: RemoveMessageDto): Promise<void> {
    const message = await this.messages.findById(dto.messageId);
    if (!message || message.status === 'blocked') throw notFound('errors.notFound.message');
    const row = await this.sessions.findById(message.sessionId);
    if (!row) throw notFound('errors.notFound.message');
    const actor = await this.requireFacilitatorOf(socket, user, row.meetingId, row.id);
    if (!(await this.messages.markRemoved(message.id, dto.reason))) return;
    await this.actions.record({
      meetingId: row.meetingId,
      sessionId: row.id,
      actorId: actor.id,
      action: 'message.remove',
      targetDisplayName: message.displayName,
      messageId: message.id,
      reason: dto.reason,
    });
    if (message.authorId) {
      this.emitter.session(row.id).except(`user:${message.authorId}`).emit('message:removed', { id: message.id });
      this.emitter.user(message.authorId).emit('message:removed', {
        id: message.id,
        reason: translate(await this.savedLocale(message.authorId), 'meetings.room.messageRemoved', {
          reason: sentence(dto.reason),
        }),
      });
    } else {
      this.emitter.session(row.id).emit('message:removed', { id: message.id });
    }
  }

  async mute(socket: Socket, user: AuthUser | null, dto: MuteDto): Promise<{ until: string | null }> {
    const { actor, meta, target, sessionId } = await this.targetAction(socket, user, dto);
    if (target.role === 'facilitator') throw forbidden('errors.meetings.muteFacilitator');
    const now = this.clock.now();
    const until =
      dto.minutes === 'session'
        ? (meta.endedEarlyAt ?? meta.endsAt)
        : dto.minutes === 0
          ? null
          : new Date(now.getTime() + dto.minutes * 60_000);
    await this.store.mute(sessionId, target.participant, until);
    await this.actions.record({
      meetingId: dto.meetingId,
      sessionId,
      actorId: actor.id,
      action: until ? 'participant.mute' : 'participant.unmute',
      targetDisplayName: target.displayName,
      details: { minutes: dto.minutes },
    });
    const sockets = await this.store.socketsOf(sessionId, target.participant);
    if (sockets.length > 0) this.emitter.sockets(sockets).emit('you:muted', { until: until?.toISOString() ?? null });
    this.schedulePresence(sessionId);
    return { until: until?.toISOString() ?? null };
  }

  async removeParticipant(socket: Socket, user: AuthUser | null, dto: ParticipantRefDto): Promise<void> {
    const { actor, target, sessionId } = await this.targetAction(socket, user, dto);
    if (target.role === 'facilitator') throw forbidden('errors.meetings.removeFacilitator');
    await this.store.remove(sessionId, target.participant);
    await this.actions.record({
      meetingId: dto.meetingId,
      sessionId,
      actorId: actor.id,
      action: 'participant.remove',
      targetDisplayName: target.displayName,
    });
    const sockets = await this.store.socketsOf(sessionId, target.participant);
    if (sockets.length > 0) {
      this.emitter.sockets(sockets).emit('you:removed', {
        reason: translate(await this.savedLocale(target.userId), 'meetings.room.youWereRemoved'),
      });
      this.emitter.leaveSession(sockets, sessionId);
    }
    await this.pushHands(sessionId);
    this.schedulePresence(sessionId);
  }

  async callHand(socket: Socket, user: AuthUser | null, participant: string, meetingId?: string): Promise<void> {
    const joined = membershipOf(socket);
    const id = meetingId ?? joined?.meetingId;
    if (!id) throw forbidden('errors.meetings.joinFirst');
    const { actor, target, sessionId } = await this.targetAction(socket, user, { meetingId: id, participant });
    await this.store.lowerHand(sessionId, target.participant);
    this.emitter.session(sessionId).emit('hand:called', {
      participant: target.participant,
      displayName: target.displayName,
    });
    await this.actions.record({
      meetingId: id,
      sessionId,
      actorId: actor.id,
      action: 'hand.call',
      targetDisplayName: target.displayName,
    });
    await this.pushHands(sessionId);
    this.schedulePresence(sessionId);
  }

  async slowMode(socket: Socket, user: AuthUser | null, dto: SlowModeDto): Promise<{ seconds: number }> {
    const m = this.requireMember(socket, dto.meetingId);
    const actor = await this.requireFacilitatorOf(socket, user, m.meetingId, m.sessionId);
    await this.store.setSlowMode(m.sessionId, dto.seconds);
    await this.actions.record({
      meetingId: m.meetingId,
      sessionId: m.sessionId,
      actorId: actor.id,
      action: 'meeting.slowmode',
      details: { seconds: dto.seconds },
    });
    this.emitter.session(m.sessionId).emit('meeting:slowmode', { seconds: dto.seconds });
    return { seconds: dto.seconds };
  }

  async end(socket: Socket, user: AuthUser | null, meetingId: string): Promise<void> {
    const m = this.requireMember(socket, meetingId);
    const actor = await this.requireFacilitatorOf(socket, user, m.meetingId, m.sessionId);
    const meeting = await this.meetings.findActive(m.meetingId);
    if (!meeting) throw notFound('errors.notFound.meeting');
    await this.endSession(meeting, m.sessionId, this.clock.now());
    await this.actions.record({ meetingId, sessionId: m.sessionId, actorId: actor.id, action: 'meeting.end' });
  }

  /** Ends a session now and tells the room (also used when a meeting is cancelled). */
  async endSession(meeting: MeetingEntity, sessionId: string, now: Date): Promise<void> {
    const row = await this.sessions.endEarly(sessionId, now);
    if (!row) return;
    await this.store.endSession(sessionId, now);
    if (this.emitter.ready) {
      this.emitter.session(sessionId).emit('session:status', { sessionId, status: 'ended', endsAt: now.toISOString() });
    }
  }

  // ------------------------------------------------------------------ helpers

  /**
   * The words the server itself says in a room go to one person — the author of a removed message,
   * the participant asked to leave — through their own room or sockets, which may sit on other
   * processes: so they are written here, in that person's saved language (English when not chosen),
   * rather than sent as a key for each client. Room-wide events (status, slow mode, presence) carry
   * no words: each client writes those in its own language.
   */
  private async savedLocale(userId: string | null): Promise<Locale> {
    return localeOf(userId ? (await this.accounts.find(userId))?.locale : null);
  }

  private metaOf(
    meeting: MeetingEntity,
    row: { startsAt: Date; endsAt: Date; endedEarlyAt: Date | null },
  ): SessionMeta {
    return {
      meetingId: meeting.id,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      endedEarlyAt: row.endedEarlyAt,
      lobbyMinutes: meeting.lobbyMinutes,
    };
  }

  private requireMember(socket: Socket, meetingId: string): MemberOf {
    const m = membershipOf(socket);
    if (!m || m.meetingId !== meetingId) throw forbidden('errors.meetings.joinFirst');
    if (!m.participant || !m.userId || !m.displayName) {
      throw new AppError('unauthorized', 'errors.meetings.signInToTakePart');
    }
    return m as MemberOf;
  }

  /** The acting user when they facilitate this meeting (or moderate). */
  private async requireFacilitatorOf(
    socket: Socket,
    user: AuthUser | null,
    meetingId: string,
    sessionId: string,
  ): Promise<AuthUser> {
    if (!user) throw new AppError('unauthorized', 'errors.meetings.signIn');
    const m = membershipOf(socket);
    const joinedAsFacilitator = m?.sessionId === sessionId && m.role === 'facilitator';
    if (joinedAsFacilitator || isModerator(user) || (await this.meetings.isFacilitator(meetingId, user.id))) {
      return user;
    }
    throw forbidden('errors.meetings.facilitatorsOnly');
  }

  private async targetAction(
    socket: Socket,
    user: AuthUser | null,
    dto: { meetingId: string; participant: string },
  ): Promise<{
    actor: AuthUser;
    meta: SessionMeta;
    target: { participant: string; userId: string; displayName: string; role: ParticipantRole };
    sessionId: string;
  }> {
    const m = membershipOf(socket);
    if (!m || m.meetingId !== dto.meetingId) throw forbidden('errors.meetings.joinFirst');
    const actor = await this.requireFacilitatorOf(socket, user, m.meetingId, m.sessionId);
    const meta = await this.store.session(m.sessionId);
    const target = await this.store.person(m.sessionId, dto.participant);
    if (!meta || !target) throw notFound('errors.notFound.participant');
    if (target.userId === actor.id) throw new AppError('bad_request', 'errors.meetings.notToYourself');
    return { actor, meta, target, sessionId: m.sessionId };
  }

  private async pushHands(sessionId: string): Promise<void> {
    this.emitter.facilitators(sessionId).emit('hands', { queue: await this.store.hands(sessionId) });
  }

  /** Presence goes out at most every 100 ms per room, so a crowd arriving costs one list each. */
  private schedulePresence(sessionId: string): void {
    if (this.presenceTimers.has(sessionId)) return;
    const timer = setTimeout(() => {
      this.presenceTimers.delete(sessionId);
      void this.pushPresence(sessionId);
    }, PRESENCE_DEBOUNCE_MS);
    timer.unref();
    this.presenceTimers.set(sessionId, timer);
  }

  private async pushPresence(sessionId: string): Promise<void> {
    try {
      const now = this.clock.now();
      this.emitter.session(sessionId).emit('presence', {
        participants: await this.store.participants(sessionId, now),
        guests: await this.store.guestCount(sessionId),
      });
    } catch (error) {
      this.logger.warn(`Presence push failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private roomsChanged(sessionIds: string[]): void {
    if (!this.emitter.ready) return;
    for (const id of sessionIds) {
      this.schedulePresence(id);
      void this.pushHands(id).catch(() => undefined);
    }
  }

  /** Drops the room state of sessions that ended over an hour ago. */
  async sweep(now: Date): Promise<void> {
    for (const id of await this.store.sessionIds()) {
      const meta = await this.store.session(id);
      const end = meta ? (meta.endedEarlyAt ?? meta.endsAt) : null;
      if (!end || now.getTime() - end.getTime() > 3600_000) {
        if ((await this.store.presentCount(id)) === 0 || end) await this.store.drop(id);
      }
    }
  }

  stopTimers(): void {
    for (const timer of this.presenceTimers.values()) clearTimeout(timer);
    this.presenceTimers.clear();
  }

  /** A message as clients see it; `clientId` only for its own author. */
  toView(message: ChatMessageEntity, viewerId: string | null): ChatMessageView {
    // A blocked message never reaches a view; should one ever, it shows as removed (no text).
    const removed = message.status !== 'visible';
    return {
      id: message.id,
      sessionId: message.sessionId,
      participant: message.authorId ? this.alias.handle(message.sessionId, message.authorId, message.displayName) : '',
      ...(viewerId !== null && message.authorId === viewerId ? { clientId: message.clientId } : {}),
      displayName: message.displayName,
      isFacilitator: message.isFacilitator,
      body: removed ? '' : message.body,
      createdAt: message.createdAt.toISOString(),
      status: removed ? 'removed' : 'visible',
    };
  }
}

/** A reason as a sentence: one full stop at the end, never "kind here..". */
const sentence = (text: string): string => {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

type MemberOf = Membership & { participant: string; userId: string; displayName: string };
