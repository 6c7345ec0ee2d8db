import { jest } from '@jest/globals';
import type { Ack, AuthResponse, ChatMessageView, MeetingView, SafetyNotice } from '@kindred/contracts';
import type { Socket } from 'socket.io-client';
import { connected, emitAck, startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(30_000);

describe('safety routing in meeting chat', () => {
  let t: TestApp;
  let meeting: MeetingView;
  let speaker: Socket;
  let listener: Socket;
  const heard: ChatMessageView[] = [];

  const send = (socket: Socket, body: string) =>
    emitAck<Ack<{ message: ChatMessageView; safety?: SafetyNotice }>>(socket, 'message:send', {
      meetingId: meeting.id,
      clientId: crypto.randomUUID(),
      body,
    });

  const member = async (): Promise<{ auth: AuthResponse; socket: Socket }> => {
    const auth = await t.register();
    const socket = t.socket('/chat', auth.token);
    await connected(socket);
    const ack = await emitAck<Ack>(socket, 'meeting:join', { meetingId: meeting.id });
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    return { auth, socket };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const mod = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [mod.user.id]);
    const res = await t.api<MeetingView>('POST', '/api/meetings', {
      token: mod.token,
      body: {
        name: 'Evening circle',
        audience: 'members',
        startsAt: new Date().toISOString(),
        timezone: 'UTC',
        durationMinutes: 60,
      },
    });
    meeting = res.body;
    speaker = (await member()).socket;
    listener = (await member()).socket;
    listener.on('message:new', (m: ChatMessageView) => heard.push(m));
  });
  afterAll(() => t.close());

  it('does not deliver sourcing, with a kind blocked_sourcing ack', async () => {
    const ack = await send(speaker, "who's got blues? need 10 pressed 30s tonight, cash ready, hmu");
    expect(ack).toMatchObject({ ok: false, error: { code: 'blocked_sourcing' } });
    if (!ack.ok) expect(ack.error.message).toContain('not sent');
  });

  it('does not deliver a phone number, naming what to remove', async () => {
    const ack = await send(speaker, 'text me 555-867-5309 after');
    expect(ack).toMatchObject({ ok: false, error: { code: 'blocked_personal_info' } });
    if (!ack.ok) expect(ack.error.message).toContain('555-867-5309');
  });

  it('delivers a crisis message, gives its author the crisis resources and queues it urgently', async () => {
    const ack = await send(speaker, "I took everything I had tonight and I don't want to wake up. goodbye everyone");
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.safety).toMatchObject({ crisis: true, level: 'urgent' });
    expect(ack.safety?.resources.some((r) => r.phone === '988')).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.map((m) => m.id)).toContain(ack.message.id);
    expect(heard.some((m) => m.body.includes('555-867-5309') || m.body.includes('pressed'))).toBe(false);
    const rows: Array<{ priority: string }> = await t.dataSource.query(
      `SELECT priority FROM moderation_items WHERE target_type = 'message' AND target_id = $1`,
      [ack.message.id],
    );
    expect(rows).toEqual([{ priority: 'urgent' }]);
  });
});

describe('new-member chat pace', () => {
  let t: TestApp;
  let mod: AuthResponse;

  /** A new account (NEW_MEMBER_HOURS=24) joined to a new meeting; `facilitates` names it a facilitator. */
  const newcomerIn = async (opts: { facilitates?: boolean; moderator?: boolean } = {}) => {
    const me = await t.register();
    if (opts.moderator) await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [me.user.id]);
    const meeting = (
      await t.api<MeetingView>('POST', '/api/meetings', {
        token: mod.token,
        body: {
          name: 'Pace',
          audience: 'members',
          startsAt: new Date().toISOString(),
          timezone: 'UTC',
          durationMinutes: 60,
          ...(opts.facilitates ? { facilitators: [me.user.username] } : {}),
        },
      })
    ).body;
    const socket = t.socket('/chat', me.token);
    await connected(socket);
    const joined = await emitAck<Ack>(socket, 'meeting:join', { meetingId: meeting.id });
    if (!joined.ok) throw new Error(JSON.stringify(joined));
    const say = (body: string, clientId: string = crypto.randomUUID()) =>
      emitAck<Ack<{ message: ChatMessageView }>>(socket, 'message:send', { meetingId: meeting.id, clientId, body });
    return { me, socket, say };
  };

  beforeAll(async () => {
    t = await startTestApp({ NEW_MEMBER_HOURS: '24' });
    mod = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [mod.user.id]);
  });
  afterAll(() => t.close());

  it('allows a new member one message every 3 seconds', async () => {
    const { say } = await newcomerIn();
    expect((await say('hello all')).ok).toBe(true);
    expect(await say('me again')).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('answers a resend of the same clientId with the stored message, never rate_limited, and does not count it', async () => {
    const { say } = await newcomerIn();
    const clientId = crypto.randomUUID();
    const first = await say('hello, first time here', clientId);
    expect(first.ok).toBe(true);
    // The retry comes well within the 3 s pace: it is the same message, not a new one.
    const retry = await say('hello, first time here', clientId);
    expect(retry).toMatchObject({ ok: true });
    if (first.ok && retry.ok) expect(retry.message).toEqual(first.message);
    const again = await say('hello, first time here', clientId);
    if (first.ok && again.ok) expect(again.message.id).toBe(first.message.id);
    else throw new Error(`resend refused: ${JSON.stringify(again)}`);
  });

  it('does not pace a new account while it facilitates the session', async () => {
    const { say } = await newcomerIn({ facilitates: true });
    expect((await say('Welcome, everyone. Let us begin.')).ok).toBe(true);
    expect((await say('First, a moment of quiet.')).ok).toBe(true);
    expect((await say('Who would like to share?')).ok).toBe(true);
  });

  it('does not pace a new moderator account in a session', async () => {
    const { say } = await newcomerIn({ moderator: true });
    expect((await say('Hello, I am one of the moderators.')).ok).toBe(true);
    expect((await say('Reach out any time.')).ok).toBe(true);
  });
});
