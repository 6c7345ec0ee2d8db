import type {
  Ack,
  ChatMessageView,
  ChatServerToClient,
  FacilitatorSafetyAlert,
  JoinResult,
  Participant,
  RaisedHand,
  RoomSessionView,
  SessionStatus,
  SafetyNotice,
} from '@kindred/contracts';
import { t } from './i18n/i18n.svelte';
import { chatSocket, type ChatSocket } from './socket';
import { pendingNotice } from './components/safety/pending-notice.svelte';

/** A message typed here that the server has not confirmed yet. */
export interface PendingMessage {
  clientId: string;
  body: string;
  state: 'sending' | 'queued' | 'failed';
  error?: string;
}

type AckError = Extract<Ack, { ok: false }>['error'];

const ACK_TIMEOUT_MS = 10_000;
const TYPING_SHOWN_MS = 4000;
const TYPING_SEND_EVERY_MS = 2000;
/** Codes after which resending the same message cannot succeed by itself. */
const FINAL_ERRORS = new Set([
  'muted',
  'not_live',
  'too_long',
  'slow_mode',
  'removed',
  'validation_failed',
  'suspended',
]);

/**
 * One meeting room as the browser sees it: joins over the shared "/chat" connection, re-joins
 * with `afterId` after a dropped connection (so missed messages arrive once), and keeps messages
 * typed while offline queued until they can be sent with their original clientId.
 */
export class MeetingRoom {
  readonly meetingId: string;
  meeting = $state<JoinResult['meeting'] | null>(null);
  session = $state<RoomSessionView | null>(null);
  you = $state<JoinResult['you'] | null>(null);
  participants = $state<Participant[]>([]);
  guests = $state(0);
  messages = $state<ChatMessageView[]>([]);
  pending = $state<PendingMessage[]>([]);
  hands = $state<RaisedHand[]>([]);
  slowModeSeconds = $state(0);
  retentionHours = $state(24);
  typing = $state<string[]>([]);
  online = $state(false);
  joined = $state(false);
  /** Why joining failed (code + kind text), e.g. not_open or removed. */
  joinError = $state<AckError | null>(null);
  /** A short notice for the room (hand called, slow mode changed, you were removed…). */
  notice = $state<string | null>(null);
  /** Facilitators only: someone in the room may be in danger (newest first). */
  safetyAlerts = $state<FacilitatorSafetyAlert[]>([]);
  /** When this member may send again in slow mode (ms since epoch). */
  slowUntil = $state(0);
  useUsername = $state(false);
  now = $state(Date.now());

  readonly status: SessionStatus | null = $derived(this.session ? this.computeStatus(this.session) : null);
  readonly isFacilitator = $derived(this.you?.role === 'facilitator');
  readonly mutedUntil = $derived(
    this.you?.mutedUntil && Date.parse(this.you.mutedUntil) > this.now ? this.you.mutedUntil : null,
  );

  private socket: ChatSocket | null = null;
  // Timer handles only; nothing renders from this map.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private lastTypingSent = 0;
  private clock: ReturnType<typeof setInterval> | null = null;
  private readonly off: Array<() => void> = [];

  constructor(meetingId: string) {
    this.meetingId = meetingId;
  }

  /** Connects (or reuses the connection) and joins; re-joins by itself after every reconnect. */
  start(): void {
    const socket = chatSocket();
    this.socket = socket;
    this.clock = setInterval(() => (this.now = Date.now()), 1000);
    const onConnect = (): void => {
      this.online = true;
      void this.join();
    };
    const onDisconnect = (): void => {
      this.online = false;
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    this.off.push(
      () => socket.off('connect', onConnect),
      () => socket.off('disconnect', onDisconnect),
    );
    this.listen(socket, 'message:new', (message) => this.receive(message));
    this.listen(socket, 'message:removed', ({ id, reason }) => {
      this.messages = this.messages.map((m) => (m.id === id ? { ...m, status: 'removed', body: '' } : m));
      if (reason) this.notice = reason;
    });
    this.listen(socket, 'presence', ({ participants, guests }) => {
      this.participants = participants;
      this.guests = guests;
    });
    this.listen(socket, 'typing', ({ displayName }) => this.showTyping(displayName));
    this.listen(socket, 'session:status', ({ sessionId, status, endsAt }) => {
      if (this.session?.id === sessionId) this.session = { ...this.session, status, endsAt };
    });
    this.listen(socket, 'hands', ({ queue }) => (this.hands = queue));
    this.listen(socket, 'hand:called', ({ participant, displayName }) => {
      if (this.you && participant === this.you.participant) {
        this.you = { ...this.you, handRaised: false };
        this.notice = t('meetings.notice.invitedYou');
      } else {
        this.notice = t('meetings.notice.invited', { name: displayName });
      }
    });
    this.listen(socket, 'meeting:slowmode', ({ seconds }) => {
      this.slowModeSeconds = seconds;
      this.notice = seconds > 0 ? t('meetings.notice.slowModeOn', { seconds }) : t('meetings.notice.slowModeOff');
    });
    this.listen(socket, 'you:muted', ({ until }) => {
      if (this.you) this.you = { ...this.you, mutedUntil: until };
      this.notice = until ? t('meetings.notice.muted') : t('meetings.notice.unmuted');
    });
    this.listen(socket, 'safety:alert', (alert) => {
      if (this.session && alert.sessionId !== this.session.id) return;
      if (this.safetyAlerts.some((a) => a.messageId === alert.messageId)) return;
      this.safetyAlerts = [alert, ...this.safetyAlerts].slice(0, 5);
    });
    this.listen(socket, 'you:removed', ({ reason }) => {
      this.joined = false;
      this.joinError = { code: 'removed', message: reason };
    });
    if (socket.connected) {
      this.online = true;
      void this.join();
    }
  }

  stop(): void {
    for (const off of this.off.splice(0)) off();
    if (this.clock) clearInterval(this.clock);
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    if (this.socket?.connected && this.joined)
      this.socket.emit('meeting:leave', { meetingId: this.meetingId }, () => {});
    this.socket = null;
  }

  private listen<E extends keyof ChatServerToClient>(
    socket: ChatSocket,
    event: E,
    handler: ChatServerToClient[E],
  ): void {
    socket.on(event, handler as never);
    this.off.push(() => socket.off(event, handler as never));
  }

  /** Joins (or re-joins after a reconnect, asking only for what was missed). */
  async join(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    const last = this.messages.at(-1);
    let ack: Ack<JoinResult>;
    try {
      ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:join', {
        meetingId: this.meetingId,
        ...(last && this.session ? { afterId: last.id } : {}),
        ...(this.useUsername ? { useUsername: true } : {}),
      });
    } catch {
      this.joinError = {
        code: 'timeout',
        message: t('meetings.notice.joinTimeout'),
      };
      return;
    }
    if (!ack.ok) {
      this.joined = false;
      this.joinError = ack.error;
      return;
    }
    const sameSession = this.session?.id === ack.session.id;
    this.joinError = null;
    this.meeting = ack.meeting;
    this.session = ack.session;
    this.you = ack.you;
    this.participants = ack.participants;
    this.hands = ack.hands;
    this.slowModeSeconds = ack.slowModeSeconds;
    this.retentionHours = ack.retentionHours;
    if (sameSession && last) {
      for (const message of ack.messages) this.receive(message);
    } else {
      this.messages = ack.messages;
    }
    this.joined = true;
    await this.flush();
  }

  /** Shows a message once (by id), replacing a pending copy of our own. */
  private receive(message: ChatMessageView): void {
    if (this.session && message.sessionId !== this.session.id) return;
    if (this.messages.some((m) => m.id === message.id)) return;
    if (message.clientId) this.pending = this.pending.filter((p) => p.clientId !== message.clientId);
    else if (this.you?.participant && message.participant === this.you.participant) {
      const index = this.pending.findIndex((p) => p.body === message.body && p.state === 'sending');
      if (index >= 0) this.pending = this.pending.filter((_, i) => i !== index);
    }
    this.messages = [...this.messages, message];
    const timer = this.typingTimers.get(message.displayName);
    if (timer) {
      clearTimeout(timer);
      this.typingTimers.delete(message.displayName);
      this.typing = this.typing.filter((n) => n !== message.displayName);
    }
  }

  /** Queues a message; it goes out now if connected, or once the connection is back. */
  send(body: string): void {
    const text = body.trim();
    if (!text) return;
    this.pending = [...this.pending, { clientId: crypto.randomUUID(), body: text, state: 'queued' }];
    void this.flush();
  }

  retry(clientId: string): void {
    this.pending = this.pending.map((p) => (p.clientId === clientId ? { ...p, state: 'queued', error: undefined } : p));
    void this.flush();
  }

  dismissAlert(messageId: string): void {
    this.safetyAlerts = this.safetyAlerts.filter((a) => a.messageId !== messageId);
  }

  discard(clientId: string): void {
    this.pending = this.pending.filter((p) => p.clientId !== clientId);
  }

  private flushing = false;

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (;;) {
        const socket = this.socket;
        const next = this.pending.find((p) => p.state === 'queued');
        if (!socket || !socket.connected || !this.joined || !next) return;
        this.setPending(next.clientId, { state: 'sending' });
        let ack: Ack<{ message: ChatMessageView; safety?: SafetyNotice }>;
        try {
          ack = await socket
            .timeout(ACK_TIMEOUT_MS)
            .emitWithAck('message:send', { meetingId: this.meetingId, clientId: next.clientId, body: next.body });
        } catch {
          // No answer: keep it queued; the same clientId makes a later resend safe.
          this.setPending(next.clientId, { state: 'queued' });
          return;
        }
        if (ack.ok) {
          this.pending = this.pending.filter((p) => p.clientId !== next.clientId);
          this.receive(ack.message);
          pendingNotice.show(ack.safety);
        } else if (FINAL_ERRORS.has(ack.error.code) || !socket.connected) {
          if (ack.error.code === 'slow_mode') {
            const seconds = Number(ack.error.details?.secondsLeft ?? 0);
            this.slowUntil = Date.now() + seconds * 1000;
          }
          if (ack.error.code === 'muted' && this.you) {
            this.you = { ...this.you, mutedUntil: String(ack.error.details?.until ?? '') || null };
          }
          this.setPending(next.clientId, { state: 'failed', error: ack.error.message });
        } else {
          this.setPending(next.clientId, { state: 'failed', error: ack.error.message });
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private setPending(clientId: string, change: Partial<PendingMessage>): void {
    this.pending = this.pending.map((p) => (p.clientId === clientId ? { ...p, ...change } : p));
  }

  /** Tells the room we are typing (at most every 2 s). */
  typed(): void {
    const now = Date.now();
    if (!this.socket?.connected || !this.joined || now - this.lastTypingSent < TYPING_SEND_EVERY_MS) return;
    this.lastTypingSent = now;
    this.socket.emit('typing', { meetingId: this.meetingId }, () => {});
  }

  private showTyping(displayName: string): void {
    if (!this.typing.includes(displayName)) this.typing = [...this.typing, displayName];
    const existing = this.typingTimers.get(displayName);
    if (existing) clearTimeout(existing);
    this.typingTimers.set(
      displayName,
      setTimeout(() => {
        this.typingTimers.delete(displayName);
        this.typing = this.typing.filter((n) => n !== displayName);
      }, TYPING_SHOWN_MS),
    );
  }

  async setHand(raised: boolean): Promise<string | null> {
    const ack = await this.request(raised ? 'hand:raise' : 'hand:lower', { meetingId: this.meetingId });
    if (ack.ok && this.you) this.you = { ...this.you, handRaised: raised };
    return ack.ok ? null : ack.error.message;
  }

  /** Leaves and joins again so the room shows a new name (a facilitator's chosen role name). */
  async rejoin(): Promise<void> {
    await this.request('meeting:leave', { meetingId: this.meetingId });
    await this.join();
  }

  async changeName(useUsername: boolean): Promise<void> {
    this.useUsername = useUsername;
    await this.join();
  }

  // ---------------------------------------------------------------- facilitator actions

  removeMessage(messageId: string, reason: string) {
    return this.request('message:remove', { messageId, reason });
  }

  mute(participant: string, minutes: number | 'session') {
    return this.request('participant:mute', { meetingId: this.meetingId, participant, minutes });
  }

  removeParticipant(participant: string) {
    return this.request('participant:remove', { meetingId: this.meetingId, participant });
  }

  setSlowMode(seconds: number) {
    return this.request('meeting:slowmode', { meetingId: this.meetingId, seconds });
  }

  end() {
    return this.request('meeting:end', { meetingId: this.meetingId });
  }

  callHand(participant: string) {
    return this.request('hand:call', { meetingId: this.meetingId, participant });
  }

  private async request(event: string, payload: object): Promise<Ack> {
    const socket = this.socket;
    if (!socket?.connected) {
      return { ok: false, error: { code: 'offline', message: t('meetings.notice.offline') } };
    }
    try {
      // The event maps are typed per event; this helper forwards already-typed payloads.
      return (await (
        socket.timeout(ACK_TIMEOUT_MS) as unknown as {
          emitWithAck(e: string, p: object): Promise<Ack>;
        }
      ).emitWithAck(event, payload)) as Ack;
    } catch {
      return { ok: false, error: { code: 'timeout', message: t('meetings.notice.timeout') } };
    }
  }

  private computeStatus(session: RoomSessionView): SessionStatus {
    if (session.status === 'ended' || this.now >= Date.parse(session.endsAt)) return 'ended';
    if (this.now >= Date.parse(session.startsAt)) return 'live';
    return session.status;
  }
}
