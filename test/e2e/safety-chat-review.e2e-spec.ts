import { jest } from '@jest/globals';
import type {
  Ack,
  AuthResponse,
  ChatMessageView,
  FacilitatorSafetyAlert,
  JoinResult,
  MeetingView,
  ModerationActionResult,
  QueueItemView,
  QueuePage,
  SafetyNotice,
} from '@kindred/contracts';
import type { Socket } from 'socket.io-client';
import { connected, emitAck, nextEvent, startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(30_000);

const SOURCING = "who's got blues? need 10 pressed 30s tonight, cash ready, hmu";
const PHONE = 'text me on 555-867-5309 after the meeting';
const SUSPECT = 'anyone got any percs?';
const CRISIS = "I took everything I had tonight and I don't want to wake up. goodbye everyone";

type SendAck = Ack<{ message: ChatMessageView; safety?: SafetyNotice }>;

/**
 * Issue #7, meeting chat: refused messages still reach the moderators (as a queue item on a
 * never-delivered "blocked" message), suspect ones are delivered and queued, and a crisis alerts
 * the meeting's facilitators live as well as the moderators.
 */
describe('meeting chat: refused messages are queued, crises reach facilitators', () => {
  let t: TestApp;
  let meeting: MeetingView;
  let mod: AuthResponse;
  let modSocket: Socket;
  let facilitator: Socket;
  let speaker: { auth: AuthResponse; socket: Socket; join: JoinResult };
  let listener: { auth: AuthResponse; socket: Socket; join: JoinResult };
  const heard: ChatMessageView[] = [];
  const listenerAlerts: FacilitatorSafetyAlert[] = [];
  const speakerAlerts: FacilitatorSafetyAlert[] = [];

  const send = (socket: Socket, body: string, clientId: string = crypto.randomUUID()) =>
    emitAck<SendAck>(socket, 'message:send', { meetingId: meeting.id, clientId, body });

  const joinAs = async (auth: AuthResponse): Promise<{ auth: AuthResponse; socket: Socket; join: JoinResult }> => {
    const socket = t.socket('/chat', auth.token);
    await connected(socket);
    const ack = await emitAck<Ack<JoinResult>>(socket, 'meeting:join', { meetingId: meeting.id });
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    return { auth, socket, join: ack };
  };

  const openQueue = async (): Promise<QueueItemView[]> => {
    const res = await t.api<QueuePage>('GET', '/api/moderation/queue?limit=50', { token: mod.token });
    expect(res.status).toBe(200);
    return res.body.items;
  };

  /** The one blocked chat message row for this text (what the queue item points at). */
  const blockedRow = async (text: string): Promise<Array<{ id: string; status: string }>> =>
    t.dataSource.query(`SELECT id, status FROM chat_messages WHERE body = $1`, [text]);

  beforeAll(async () => {
    t = await startTestApp();
    mod = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [mod.user.id]);
    const fac = await t.register();
    const created = await t.api<MeetingView>('POST', '/api/meetings', {
      token: mod.token,
      body: {
        name: 'Thursday circle',
        audience: 'members',
        startsAt: new Date().toISOString(),
        timezone: 'UTC',
        durationMinutes: 60,
        facilitators: [fac.user.username],
      },
    });
    expect(created.status).toBe(201);
    meeting = created.body;
    modSocket = t.socket('/moderation', mod.token);
    await connected(modSocket);
    const facJoin = await joinAs(fac);
    expect(facJoin.join.you.role).toBe('facilitator');
    facilitator = facJoin.socket;
    speaker = await joinAs(await t.register());
    listener = await joinAs(await t.register());
    expect(speaker.join.you.role).toBe('member');
    listener.socket.on('message:new', (m: ChatMessageView) => heard.push(m));
    listener.socket.on('safety:alert', (a: FacilitatorSafetyAlert) => listenerAlerts.push(a));
    speaker.socket.on('safety:alert', (a: FacilitatorSafetyAlert) => speakerAlerts.push(a));
  });
  afterAll(() => t.close());

  it('queues a refused sourcing message for moderators, live, and never delivers it', async () => {
    const upsert = nextEvent<{ item: QueueItemView }>(modSocket, 'queue:upsert');
    const clientId = crypto.randomUUID();
    const ack = await send(speaker.socket, SOURCING, clientId);
    expect(ack).toMatchObject({ ok: false, error: { code: 'blocked_sourcing' } });

    const live = (await upsert).item;
    expect(live.targetType).toBe('message');
    expect(live.priority).toBe('high');
    expect(live.target?.status).toBe('blocked');

    const item = (await openQueue()).find((i) => i.id === live.id);
    expect(item).toBeDefined();
    expect(item?.detection).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'sourcing' })]));
    expect(item?.target?.excerpt).toContain('pressed 30s');
    // Chat authors are never named to moderators (the same rule as for delivered chat messages).
    expect(item?.target?.author).toBeNull();
    expect(JSON.stringify(item)).not.toContain(speaker.auth.user.username);

    // A resend of the same clientId is refused again and adds no second row or item.
    expect(await send(speaker.socket, SOURCING, clientId)).toMatchObject({
      ok: false,
      error: { code: 'blocked_sourcing' },
    });
    const rows = await blockedRow(SOURCING);
    expect(rows).toEqual([{ id: live.targetId, status: 'blocked' }]);
    const items: Array<{ n: string }> = await t.dataSource.query(
      `SELECT count(*) AS n FROM moderation_items WHERE target_type = 'message' AND target_id = $1`,
      [live.targetId],
    );
    expect(Number(items[0].n)).toBe(1);

    // Nobody else ever sees it: not live, not in history for a new arrival, not after a re-join.
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.some((m) => m.body.includes('pressed'))).toBe(false);
    const late = await joinAs(await t.register());
    expect(late.join.messages.some((m) => m.id === live.targetId || m.body.includes('pressed'))).toBe(false);
    const again = await emitAck<Ack<JoinResult>>(speaker.socket, 'meeting:join', { meetingId: meeting.id });
    expect(again.ok && again.messages.some((m) => m.id === live.targetId)).toBe(false);
  });

  it('queues a refused message with a phone number, naming what to remove to its author only', async () => {
    const ack = await send(speaker.socket, PHONE);
    expect(ack).toMatchObject({ ok: false, error: { code: 'blocked_personal_info' } });
    const [row] = await blockedRow(PHONE);
    expect(row.status).toBe('blocked');
    const item = (await openQueue()).find((i) => i.targetId === row.id);
    expect(item).toMatchObject({ targetType: 'message', priority: 'normal' });
    expect(item?.detection).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'personal_info' })]));
    expect(item?.target?.excerpt).toContain('555-867-5309');
    await new Promise((r) => setTimeout(r, 100));
    expect(heard.some((m) => m.body.includes('555-867-5309'))).toBe(false);
  });

  it('keeps an approved refused message undelivered', async () => {
    const [row] = await blockedRow(PHONE);
    const item = (await openQueue()).find((i) => i.targetId === row.id)!;
    const res = await t.api<ModerationActionResult>('POST', `/api/moderation/items/${item.id}/actions`, {
      token: mod.token,
      body: { action: 'approve', reason: 'no_violation' },
    });
    expect(res.status).toBe(200);
    expect(res.body.item.status).toBe('resolved');
    expect((await blockedRow(PHONE))[0].status).toBe('blocked');
    const late = await joinAs(await t.register());
    expect(late.join.messages.some((m) => m.id === row.id)).toBe(false);
  });

  it('delivers a "suspect" sourcing message and queues it', async () => {
    const ack = await send(speaker.socket, SUSPECT);
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.map((m) => m.id)).toContain(ack.message.id);
    const item = (await openQueue()).find((i) => i.targetId === ack.message.id);
    expect(item).toMatchObject({ targetType: 'message', priority: 'normal' });
    expect(item?.detection).toEqual([expect.objectContaining({ kind: 'sourcing', label: 'suspect' })]);
  });

  it('alerts the meeting facilitator and the moderators, live, when a crisis message is delivered', async () => {
    const facAlert = nextEvent<FacilitatorSafetyAlert>(facilitator, 'safety:alert');
    const modAlert = nextEvent<{ item: QueueItemView }>(modSocket, 'alert:urgent');
    const ack = await send(speaker.socket, CRISIS);
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.safety).toMatchObject({ crisis: true, level: 'urgent' });

    const alert = await facAlert;
    expect(alert).toMatchObject({
      sessionId: ack.message.sessionId,
      messageId: ack.message.id,
      participant: speaker.join.you.participant,
      displayName: speaker.join.you.displayName,
      level: 'urgent',
    });
    // The room's alias, never the account.
    expect(alert.displayName).not.toBe(speaker.auth.user.username);
    expect(JSON.stringify(alert)).not.toContain(speaker.auth.user.username);

    const urgent = await modAlert;
    expect(urgent.item).toMatchObject({ targetType: 'message', targetId: ack.message.id, priority: 'urgent' });

    // Other members, and the author, get no facilitator alert.
    await new Promise((r) => setTimeout(r, 200));
    expect(listenerAlerts).toEqual([]);
    expect(speakerAlerts).toEqual([]);
    expect(heard.map((m) => m.id)).toContain(ack.message.id);
  });
});
