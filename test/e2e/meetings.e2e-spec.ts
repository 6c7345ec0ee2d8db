import { jest } from '@jest/globals';
import type {
  NotificationList,
  AuthResponse,
  ChatMessageView,
  ErrorBody,
  JoinResult,
  MeetingListView,
  MeetingView,
  RsvpView,
} from '@kindred/contracts';
import type { Socket } from 'socket.io-client';
import { MeetingsScheduler } from '../../apps/api/src/meetings/meetings.scheduler.js';
import { SessionAlias } from '../../apps/api/src/meetings/session-alias.js';
import { connected, emitAck, nextEvent, startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

type AckOf<T> =
  ({ ok: true } & T) | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Collects every event of a kind on a socket. */
function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

jest.setTimeout(20_000);

describe('meetings', () => {
  let t: TestApp;
  let moderator: AuthResponse;

  const createMeeting = async (overrides: Record<string, unknown> = {}): Promise<MeetingView> => {
    const res = await t.api<MeetingView>('POST', '/api/meetings', {
      token: moderator.token,
      body: {
        name: `Newcomers' Circle ${uniqueName('m')}`,
        description: 'A gentle first meeting.',
        tags: ['newcomers welcome', 'MAT-friendly'],
        audience: 'members',
        startsAt: new Date().toISOString(),
        timezone: 'America/New_York',
        durationMinutes: 60,
        ...overrides,
      },
    });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const member = async (): Promise<{ auth: AuthResponse; socket: Socket }> => {
    const auth = await t.register();
    const socket = t.socket('/chat', auth.token);
    await connected(socket);
    return { auth, socket };
  };

  const join = (socket: Socket, meetingId: string, extra: Record<string, unknown> = {}) =>
    emitAck<AckOf<JoinResult>>(socket, 'meeting:join', { meetingId, ...extra });

  const send = (socket: Socket, meetingId: string, body: string, clientId: string = crypto.randomUUID()) =>
    emitAck<AckOf<{ message: ChatMessageView }>>(socket, 'message:send', { meetingId, clientId, body });

  const joined = async (
    socket: Socket,
    meetingId: string,
    extra: Record<string, unknown> = {},
  ): Promise<JoinResult> => {
    const ack = await join(socket, meetingId, extra);
    if (!ack.ok) throw new Error(`join failed: ${JSON.stringify(ack.error)}`);
    return ack;
  };

  beforeAll(async () => {
    t = await startTestApp({ CHAT_RETENTION_HOURS: '0' });
    moderator = await t.register(uniqueName('mod'));
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
  });
  afterAll(() => t.close());

  describe('REST', () => {
    it("starts a fresh install with the example Newcomers' Circle, weekly on Tuesdays at 19:00 New York time", async () => {
      const list = await t.api<MeetingListView>('GET', '/api/meetings');
      const example = list.body.items.find((m) => m.name === "Newcomers' Circle");
      expect(example).toMatchObject({
        audience: 'open',
        schedule: { rrule: 'FREQ=WEEKLY;BYDAY=TU', timezone: 'America/New_York', durationMinutes: 60 },
      });
      const local = new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/New_York',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(example!.nextSession!.startsAt));
      expect(local).toBe('Tue 19:00');
    });

    it('lets moderators schedule a meeting and lists it in the local schedule', async () => {
      const facilitator = await t.register();
      const meeting = await createMeeting({
        startsAt: '2026-01-07T00:00:00Z',
        rrule: 'RRULE:FREQ=WEEKLY;BYDAY=TU',
        facilitators: [facilitator.user.username.toUpperCase()],
        audience: 'open',
      });
      expect(meeting).toMatchObject({
        audience: 'open',
        schedule: {
          rrule: 'FREQ=WEEKLY;BYDAY=TU',
          timezone: 'America/New_York',
          durationMinutes: 60,
          lobbyMinutes: 10,
        },
        capacity: 50,
        facilitators: [facilitator.user.username],
        rsvpCount: 0,
        rsvpd: false,
      });
      // The next session is a Tuesday at 19:00 New York time.
      const next = new Date(meeting.nextSession!.startsAt);
      const local = new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/New_York',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(next);
      expect(local).toBe('Tue 19:00');
      expect(meeting.nextSession?.id).toBeDefined();

      const guestList = await t.api<MeetingListView>('GET', '/api/meetings');
      expect(guestList.status).toBe(200);
      expect(guestList.body.items.map((m) => m.id)).toContain(meeting.id);
      const starts = guestList.body.items.map((m) => m.nextSession?.startsAt ?? '');
      expect([...starts].sort()).toEqual(starts);
    });

    it('refuses members and names the field of every bad value', async () => {
      const { token } = await t.register();
      const asMember = await t.api('POST', '/api/meetings', {
        token,
        body: { name: 'x', audience: 'open', startsAt: new Date().toISOString(), timezone: 'UTC', durationMinutes: 60 },
      });
      expect(asMember.status).toBe(403);

      const base = {
        name: 'Evening check-in',
        audience: 'members',
        startsAt: new Date().toISOString(),
        timezone: 'America/New_York',
        durationMinutes: 60,
      };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ durationMinutes: 10 }, 'durationMinutes'],
        [{ lobbyMinutes: 31 }, 'lobbyMinutes'],
        [{ capacity: 1 }, 'capacity'],
        [{ timezone: 'Mars/Olympus' }, 'timezone'],
        [{ rrule: 'FREQ=SOMETIMES' }, 'rrule'],
        [{ rrule: 'FREQ=MINUTELY' }, 'rrule'],
        [{ facilitators: ['nobody_by_that_name'] }, 'facilitators'],
        [{ audience: 'everyone' }, 'audience'],
        [{ startsAt: 'next tuesday' }, 'startsAt'],
      ];
      for (const [change, field] of cases) {
        const res = await t.api<ErrorBody>('POST', '/api/meetings', {
          token: moderator.token,
          body: { ...base, ...change },
        });
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.details?.fields?.map((f) => f.field)).toContain(field);
      }
      expect((await t.api('GET', '/api/meetings/not-a-uuid')).status).toBe(400);
      expect((await t.api('GET', `/api/meetings/${crypto.randomUUID()}`)).status).toBe(404);
    });

    it('edits, RSVPs and cancels', async () => {
      const meeting = await createMeeting({ startsAt: new Date(Date.now() + 86_400_000).toISOString() });
      const edited = await t.api<MeetingView>('PATCH', `/api/meetings/${meeting.id}`, {
        token: moderator.token,
        body: { name: 'Renamed circle', capacity: 20 },
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ name: 'Renamed circle', capacity: 20 });

      const { token } = await t.register();
      const on = await t.api<RsvpView>('PUT', `/api/meetings/${meeting.id}/rsvp`, { token });
      expect(on.body).toMatchObject({ rsvpd: true, rsvpCount: 1 });
      const again = await t.api<RsvpView>('PUT', `/api/meetings/${meeting.id}/rsvp`, { token });
      expect(again.body.rsvpCount).toBe(1);
      const view = await t.api<MeetingView>('GET', `/api/meetings/${meeting.id}`, { token });
      expect(view.body).toMatchObject({ rsvpd: true, rsvpCount: 1 });
      const off = await t.api<RsvpView>('DELETE', `/api/meetings/${meeting.id}/rsvp`, { token });
      expect(off.body).toMatchObject({ rsvpd: false, rsvpCount: 0 });
      expect((await t.api('PUT', `/api/meetings/${meeting.id}/rsvp`)).status).toBe(401);

      expect((await t.api('DELETE', `/api/meetings/${meeting.id}`, { token })).status).toBe(403);
      expect((await t.api('DELETE', `/api/meetings/${meeting.id}`, { token: moderator.token })).status).toBe(204);
      expect((await t.api('GET', `/api/meetings/${meeting.id}`)).status).toBe(404);
    });

    it('cancels a single occurrence and moves on to the next one', async () => {
      const meeting = await createMeeting({
        startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        rrule: 'FREQ=WEEKLY',
      });
      const first = meeting.nextSession!;
      const res = await t.api('DELETE', `/api/meetings/${meeting.id}/sessions/${first.id}`, { token: moderator.token });
      expect(res.status).toBe(204);
      const after = await t.api<MeetingView>('GET', `/api/meetings/${meeting.id}`);
      expect(new Date(after.body.nextSession!.startsAt).getTime() - new Date(first.startsAt).getTime()).toBe(
        7 * 86_400_000,
      );
      const ics = await t.api<string>('GET', `/api/meetings/${meeting.id}/calendar.ics`);
      expect(ics.body).toContain('EXDATE;TZID=America/New_York:');
    });

    it('serves a valid calendar file with the RRULE and TZID', async () => {
      const meeting = await createMeeting({
        name: 'Family, friends; and us',
        startsAt: '2026-01-07T00:00:00Z',
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
      });
      const res = await t.api<string>('GET', `/api/meetings/${meeting.id}/calendar.ics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      const body = res.body;
      expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
      const lines = body.split('\r\n');
      expect(lines).toEqual(
        expect.arrayContaining([
          'VERSION:2.0',
          'BEGIN:VEVENT',
          'DTSTART;TZID=America/New_York:20260106T190000',
          'RRULE:FREQ=WEEKLY;BYDAY=TU',
          'DTEND;TZID=America/New_York:20260106T200000',
          `UID:meeting-${meeting.id}@kindred`,
          'BEGIN:VTIMEZONE',
          'TZID:America/New_York',
          'SUMMARY:Family\\, friends\\; and us',
        ]),
      );
      expect(lines.some((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(true);
    });

    it('gives "weekly on Monday" created on another day its first session at startsAt (RFC 5545)', async () => {
      const startsAt = new Date(Date.now() + 3600_000);
      const weekday = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short' }).format(startsAt);
      const other = weekday === 'Mon' ? 'TU' : 'MO';
      const meeting = await createMeeting({
        startsAt: startsAt.toISOString(),
        timezone: 'UTC',
        rrule: `FREQ=WEEKLY;BYDAY=${other}`,
      });
      expect(new Date(meeting.nextSession!.startsAt).getTime()).toBe(Math.floor(startsAt.getTime() / 1000) * 1000);
    });

    it('no longer lists a one-off meeting once it has ended, even early', async () => {
      const meeting = await createMeeting({ audience: 'open' });
      const series = await createMeeting({ audience: 'open', rrule: 'FREQ=DAILY' });
      const listed = async () => (await t.api<MeetingListView>('GET', '/api/meetings')).body.items.map((m) => m.id);
      expect(await listed()).toEqual(expect.arrayContaining([meeting.id, series.id]));
      const mod = t.socket('/chat', moderator.token);
      await connected(mod);
      for (const m of [meeting, series]) {
        await joined(mod, m.id);
        expect(await emitAck(mod, 'meeting:end', { meetingId: m.id })).toEqual({ ok: true });
      }
      mod.disconnect();
      const after = await listed();
      expect(after).not.toContain(meeting.id);
      expect(after).toContain(series.id);
      // Its own page still answers, as ended.
      const page = await t.api<MeetingView>('GET', `/api/meetings/${meeting.id}`);
      expect(page.body.nextSession?.status).toBe('ended');
    });
  });

  describe('the room', () => {
    it('shows a facilitator under the role name they chose, the same every session, never their username', async () => {
      const fac = await member();
      const first = await createMeeting({ facilitators: [fac.auth.user.username] });
      const second = await createMeeting({ facilitators: [fac.auth.user.username] });
      const before = await joined(fac.socket, first.id);
      expect(before.you).toMatchObject({ role: 'facilitator', displayName: 'Facilitator' });

      // Only facilitators and moderators choose one; the name passes the same safety decision.
      const outsider = await t.register();
      const refused = await t.api<ErrorBody>('PUT', '/api/meetings/facilitator-name', {
        token: outsider.token,
        body: { name: 'Sam' },
      });
      expect(refused.status).toBe(403);
      const unsafe = await t.api<ErrorBody>('PUT', '/api/meetings/facilitator-name', {
        token: fac.auth.token,
        body: { name: 'call 555-867-5309' },
      });
      expect(unsafe.status).toBe(422);
      expect(JSON.stringify(unsafe.body)).toContain('name');
      const chosen = await t.api<{ displayName: string }>('PUT', '/api/meetings/facilitator-name', {
        token: fac.auth.token,
        body: { name: '  Sam ' },
      });
      expect(chosen.body).toEqual({ displayName: 'Facilitator – Sam' });

      await emitAck(fac.socket, 'meeting:leave', { meetingId: first.id });
      for (const m of [first, second]) {
        const ack = await joined(fac.socket, m.id);
        expect(ack.you).toMatchObject({ role: 'facilitator', displayName: 'Facilitator – Sam' });
        expect(ack.you.displayName).not.toContain(fac.auth.user.username);
        const listener = await member();
        const heard = nextEvent<ChatMessageView>(listener.socket, 'message:new');
        const seen = await joined(listener.socket, m.id);
        expect(seen.participants.find((p) => p.role === 'facilitator')?.displayName).toBe('Facilitator – Sam');
        expect((await send(fac.socket, m.id, 'Welcome, everyone.')).ok).toBe(true);
        expect(await heard).toMatchObject({ displayName: 'Facilitator – Sam', isFacilitator: true });
        listener.socket.disconnect();
      }
      fac.socket.disconnect();
    });

    it('lets two members chat under aliases; each message is stored before the ack and broadcast once', async () => {
      const meeting = await createMeeting();
      const a = await member();
      const b = await member();
      const joinA = await joined(a.socket, meeting.id);
      const joinB = await joined(b.socket, meeting.id);
      expect(joinA.session.status).toBe('live');
      expect(joinA.you.displayName).not.toBe(a.auth.user.username);
      expect(joinA.you.displayName).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(joinA.you.displayName).not.toBe(joinB.you.displayName);
      expect(joinA.retentionHours).toBe(0);

      const seenA = collect<ChatMessageView>(a.socket, 'message:new');
      const seenB = collect<ChatMessageView>(b.socket, 'message:new');
      const clientId = crypto.randomUUID();
      const ack = await send(a.socket, meeting.id, 'Hi everyone, 30 days today.', clientId);
      if (!ack.ok) throw new Error(JSON.stringify(ack.error));
      expect(ack.message).toMatchObject({
        clientId,
        displayName: joinA.you.displayName,
        body: 'Hi everyone, 30 days today.',
      });
      const [stored] = await t.dataSource.query(`SELECT body FROM chat_messages WHERE id = $1`, [ack.message.id]);
      expect(stored.body).toBe('Hi everyone, 30 days today.');

      // Resending the same clientId returns the stored message and broadcasts nothing.
      const resend = await send(a.socket, meeting.id, 'Hi everyone, 30 days today.', clientId);
      expect(resend).toMatchObject({ ok: true, message: { id: ack.message.id } });
      await sleep(300);
      expect(seenA.map((m) => m.id)).toEqual([ack.message.id]);
      expect(seenB.map((m) => m.id)).toEqual([ack.message.id]);
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM chat_messages WHERE client_id = $1`,
        [clientId],
      );
      expect(count).toBe(1);

      // No account is linked in what others receive.
      const wire = JSON.stringify(seenB);
      expect(wire).not.toContain(a.auth.user.id);
      expect(wire).not.toContain(a.auth.user.username);
      expect(seenB[0].clientId).toBeUndefined();
    });

    it('keeps the alias across reconnects and shows one presence entry for two tabs', async () => {
      const meeting = await createMeeting();
      const a = await member();
      const first = await joined(a.socket, meeting.id);
      const secondTab = t.socket('/chat', a.auth.token);
      await connected(secondTab);
      const second = await joined(secondTab, meeting.id);
      expect(second.you.displayName).toBe(first.you.displayName);
      expect(second.participants.filter((p) => p.displayName === first.you.displayName)).toHaveLength(1);

      const named = await joined(secondTab, meeting.id, { useUsername: true });
      expect(named.you.displayName).toBe(a.auth.user.username);
    });

    it('gives unrelated handles to a member under their username and under the alias; a mute holds under both', async () => {
      const facilitatorAuth = await t.register();
      const meeting = await createMeeting({ facilitators: [facilitatorAuth.user.username] });
      const fac = t.socket('/chat', facilitatorAuth.token);
      await connected(fac);
      await joined(fac, meeting.id);
      const a = await member();
      const seen = collect<ChatMessageView>(fac, 'message:new');
      const asAlias = await joined(a.socket, meeting.id);
      expect((await send(a.socket, meeting.id, 'hello from the alias')).ok).toBe(true);
      const asName = await joined(a.socket, meeting.id, { useUsername: true });
      expect(asName.you.displayName).toBe(a.auth.user.username);
      expect((await send(a.socket, meeting.id, 'hello under my name')).ok).toBe(true);
      await sleep(200);
      expect(asName.you.participant).not.toBe(asAlias.you.participant);
      const byName = (name: string) => seen.filter((m) => m.displayName === name).map((m) => m.participant);
      expect(byName(asAlias.you.displayName!)).toEqual([asAlias.you.participant]);
      expect(byName(a.auth.user.username)).toEqual([asName.you.participant]);
      // History (what a late joiner reads) keeps them apart too.
      const late = await member();
      const history = await joined(late.socket, meeting.id);
      const handles = new Set(history.messages.map((m) => `${m.displayName}|${m.participant}`));
      expect(handles).toEqual(
        new Set([
          `${asAlias.you.displayName}|${asAlias.you.participant}`,
          `${a.auth.user.username}|${asName.you.participant}`,
        ]),
      );
      // Muted under the username, switching to the alias does not lift it.
      const mute = await emitAck<AckOf<{ until: string }>>(fac, 'participant:mute', {
        meetingId: meeting.id,
        participant: asName.you.participant,
        minutes: 'session',
      });
      expect(mute.ok).toBe(true);
      await joined(a.socket, meeting.id);
      expect(await send(a.socket, meeting.id, 'still here?')).toMatchObject({ ok: false, error: { code: 'muted' } });
    });

    it('refuses the next message of a member suspended mid-meeting, from any path or process', async () => {
      const meeting = await createMeeting();
      const a = await member();
      await joined(a.socket, meeting.id);
      expect((await send(a.socket, meeting.id, 'before')).ok).toBe(true);
      // Suspended by SQL, as another process or the CLI would: only the users-changed NOTIFY tells this one.
      await t.dataSource.query(`UPDATE users SET suspended_until = now() + interval '1 day' WHERE id = $1`, [
        a.auth.user.id,
      ]);
      await sleep(300);
      expect(await send(a.socket, meeting.id, 'after')).toMatchObject({ ok: false, error: { code: 'suspended' } });
      const hand = await emitAck<AckOf<object>>(a.socket, 'hand:raise', { meetingId: meeting.id });
      expect(hand).toMatchObject({ ok: false, error: { code: 'suspended' } });
      const rows: unknown[] = await t.dataSource.query(`SELECT 1 FROM chat_messages WHERE body = 'after'`);
      expect(rows).toHaveLength(0);
    });

    it('never gives two members the same alias in one session', async () => {
      const meeting = await createMeeting();
      const a = await member();
      const b = await member();
      const first = await joined(a.socket, meeting.id);
      // Make a's alias the one b's keyed hash picks first (as if they had collided).
      const wanted = new SessionAlias(t.config.aliasSecret).aliasCandidates(first.session.id, b.auth.user.id)[0];
      await t.dataSource.query(`UPDATE meeting_session_aliases SET alias = $3 WHERE session_id = $1 AND user_id = $2`, [
        first.session.id,
        a.auth.user.id,
        wanted,
      ]);
      const again = await joined(a.socket, meeting.id);
      expect(again.you.displayName).toBe(wanted);
      const second = await joined(b.socket, meeting.id);
      expect(second.you.displayName).not.toBe(wanted);
      expect(second.participants.map((p) => p.displayName).filter((n) => n === wanted)).toHaveLength(1);
    });

    it("removes a deleted account's username from its stored chat messages", async () => {
      const meeting = await createMeeting();
      const a = await member();
      await joined(a.socket, meeting.id, { useUsername: true });
      expect((await send(a.socket, meeting.id, 'under my own name')).ok).toBe(true);
      const deleted = await t.api('DELETE', '/api/me', {
        token: a.auth.token,
        body: { password: 'a long and good passphrase', mode: 'anonymize' },
      });
      expect(deleted.status).toBe(204);
      const rows: Array<{ display_name: string }> = await t.dataSource.query(
        `SELECT display_name FROM chat_messages WHERE body = 'under my own name'`,
      );
      expect(rows.map((r) => r.display_name)).toEqual(['Former member']);
      const b = await member();
      const history = await joined(b.socket, meeting.id);
      expect(JSON.stringify(history)).not.toContain(a.auth.user.username);
    });

    it('lets a facilitator remove a message for everyone, and mute a member who then cannot send', async () => {
      const facilitatorAuth = await t.register();
      const meeting = await createMeeting({ facilitators: [facilitatorAuth.user.username] });
      const fac = t.socket('/chat', facilitatorAuth.token);
      await connected(fac);
      const facJoin = await joined(fac, meeting.id);
      expect(facJoin.you.role).toBe('facilitator');
      const a = await member();
      const b = await member();
      const joinA = await joined(a.socket, meeting.id);
      await joined(b.socket, meeting.id);

      const sent = await send(a.socket, meeting.id, 'message to be removed');
      if (!sent.ok) throw new Error(JSON.stringify(sent.error));
      const removedA = nextEvent<{ id: string; reason?: string }>(a.socket, 'message:removed');
      const removedB = nextEvent<{ id: string; reason?: string }>(b.socket, 'message:removed');
      const removal = await emitAck(fac, 'message:remove', {
        messageId: sent.message.id,
        reason: 'it shared a phone number',
      });
      expect(removal).toEqual({ ok: true });
      expect((await removedB).id).toBe(sent.message.id);
      const forAuthor = await removedA;
      expect(forAuthor.id).toBe(sent.message.id);
      expect(forAuthor.reason).toContain('phone number');

      // Members cannot moderate.
      const notAllowed = await emitAck<AckOf<object>>(b.socket, 'participant:mute', {
        meetingId: meeting.id,
        participant: joinA.you.participant,
        minutes: 10,
      });
      expect(notAllowed).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      const mutedEvent = nextEvent<{ until: string }>(a.socket, 'you:muted');
      const mute = await emitAck<AckOf<{ until: string }>>(fac, 'participant:mute', {
        meetingId: meeting.id,
        participant: joinA.you.participant,
        minutes: 'session',
      });
      expect(mute.ok).toBe(true);
      expect((await mutedEvent).until).toBeDefined();
      const refused = await send(a.socket, meeting.id, 'can I still talk?');
      expect(refused).toMatchObject({ ok: false, error: { code: 'muted' } });

      const [action] = await t.dataSource.query(
        `SELECT action, target_display_name, reason, actor_id FROM meeting_actions WHERE action = 'message.remove' AND message_id = $1`,
        [sent.message.id],
      );
      expect(action).toMatchObject({
        target_display_name: joinA.you.displayName,
        reason: 'it shared a phone number',
        actor_id: facilitatorAuth.user.id,
      });

      // Removing a participant: they are told, and cannot come back this session.
      const removedEvent = nextEvent<{ reason: string }>(b.socket, 'you:removed');
      const joinB = await joined(b.socket, meeting.id);
      await emitAck(fac, 'participant:remove', { meetingId: meeting.id, participant: joinB.you.participant });
      expect((await removedEvent).reason).toContain('leave');
      expect(await join(b.socket, meeting.id)).toMatchObject({ ok: false, error: { code: 'removed' } });
    });

    it('refuses a meeting that starts tomorrow with not_open', async () => {
      const meeting = await createMeeting({ startsAt: new Date(Date.now() + 86_400_000).toISOString() });
      const a = await member();
      expect(await join(a.socket, meeting.id)).toMatchObject({ ok: false, error: { code: 'not_open' } });
      expect(await join(a.socket, crypto.randomUUID())).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });

    it('opens a lobby where only facilitators post, and tells RSVPd members it is opening', async () => {
      // The lobby (10 minutes before the start) opens a moment after the RSVP.
      const meeting = await createMeeting({
        startsAt: new Date(Date.now() + 10 * 60_000 + 1500).toISOString(),
        lobbyMinutes: 10,
      });
      expect(meeting.nextSession?.status).toBe('scheduled');
      const a = await member();
      await t.api('PUT', `/api/meetings/${meeting.id}/rsvp`, { token: a.auth.token });
      const opening = nextEvent<{ meetingId: string }>(a.socket, 'meeting:opening', 8000);
      await sleep(1600);
      await t.app.get(MeetingsScheduler).tick();
      expect((await opening).meetingId).toBe(meeting.id);
      // A stored item of the centre too (one per RSVP, however often the scheduler runs).
      await t.app.get(MeetingsScheduler).tick();
      const centre = await t.api<NotificationList>('GET', '/api/me/notifications', { token: a.auth.token });
      const items = centre.body.items.filter((n) => n.kind === 'meeting_opening');
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ meeting: { id: meeting.id, name: meeting.name }, readAt: null });
      expect(items[0].text).toContain('opening now');
      expect(centre.body.unread).toBe(1);

      const joinA = await joined(a.socket, meeting.id);
      expect(joinA.session.status).toBe('lobby');
      expect(await send(a.socket, meeting.id, 'hello?')).toMatchObject({ ok: false, error: { code: 'not_live' } });
      const mod = t.socket('/chat', moderator.token);
      await connected(mod);
      await joined(mod, meeting.id);
      expect((await send(mod, meeting.id, 'Welcome, we start in 5 minutes.')).ok).toBe(true);
    });

    it('delivers the messages a client missed exactly once when it rejoins with afterId', async () => {
      const meeting = await createMeeting();
      const a = await member();
      const b = await member();
      await joined(a.socket, meeting.id);
      await joined(b.socket, meeting.id);
      const first = await send(a.socket, meeting.id, 'before the drop');
      if (!first.ok) throw new Error('send failed');
      await nextEvent(b.socket, 'message:new').catch(() => undefined);

      b.socket.disconnect();
      const missed: string[] = [];
      for (const text of ['missed one', 'missed two', 'missed three']) {
        const ack = await send(a.socket, meeting.id, text);
        if (ack.ok) missed.push(ack.message.id);
      }
      b.socket.connect();
      await connected(b.socket);
      const seen = collect<ChatMessageView>(b.socket, 'message:new');
      const rejoin = await joined(b.socket, meeting.id, { afterId: first.message.id });
      expect(rejoin.messages.map((m) => m.id)).toEqual(missed);
      const after = await send(a.socket, meeting.id, 'after the return');
      await sleep(300);
      expect(seen.map((m) => m.body)).toEqual(['after the return']);
      expect(after.ok).toBe(true);
    });

    it('answers a bad payload with an error ack and keeps the connection usable', async () => {
      const meeting = await createMeeting();
      const a = await member();
      expect(await emitAck(a.socket, 'meeting:join', { meetingId: 'nope' })).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      });
      expect(await emitAck(a.socket, 'message:send', 'not an object')).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      });
      expect(
        await emitAck(a.socket, 'message:send', { meetingId: meeting.id, clientId: 'x', body: 'hi' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(a.socket.connected).toBe(true);
      await joined(a.socket, meeting.id);
      expect(await send(a.socket, meeting.id, 'x'.repeat(2001))).toMatchObject({
        ok: false,
        error: { code: 'too_long' },
      });
      expect(await send(a.socket, meeting.id, '   ')).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      });
      expect((await send(a.socket, meeting.id, 'still here')).ok).toBe(true);
    });

    it('enforces slow mode with the seconds left', async () => {
      const meeting = await createMeeting({ slowModeSeconds: 30 });
      const a = await member();
      await joined(a.socket, meeting.id);
      expect((await send(a.socket, meeting.id, 'one')).ok).toBe(true);
      const second = await send(a.socket, meeting.id, 'two');
      expect(second).toMatchObject({ ok: false, error: { code: 'slow_mode' } });
      if (!second.ok) expect(second.error.details?.secondsLeft).toBeGreaterThan(25);
    });

    it('lets guests read an open meeting but not post, and keeps members meetings for members', async () => {
      const open = await createMeeting({ audience: 'open' });
      const closed = await createMeeting({ audience: 'members' });
      const guest = t.socket('/chat');
      await connected(guest);
      expect(await join(guest, closed.id)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      const result = await joined(guest, open.id);
      expect(result.you.role).toBe('guest');
      expect(await send(guest, open.id, 'hello')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    });

    it('refuses a member once the meeting is full', async () => {
      const meeting = await createMeeting({ capacity: 2 });
      await joined((await member()).socket, meeting.id);
      await joined((await member()).socket, meeting.id);
      expect(await join((await member()).socket, meeting.id)).toMatchObject({ ok: false, error: { code: 'full' } });
    });

    it('ends a session early for everyone and deletes its messages after retention', async () => {
      const meeting = await createMeeting();
      const mod = t.socket('/chat', moderator.token);
      await connected(mod);
      await joined(mod, meeting.id);
      const a = await member();
      const joinA = await joined(a.socket, meeting.id);
      const sent = await send(a.socket, meeting.id, 'thanks all');
      expect(sent.ok).toBe(true);
      const ended = nextEvent<{ status: string }>(a.socket, 'session:status');
      expect(await emitAck(mod, 'meeting:end', { meetingId: meeting.id })).toEqual({ ok: true });
      expect((await ended).status).toBe('ended');
      expect(await send(a.socket, meeting.id, 'one more')).toMatchObject({ ok: false, error: { code: 'not_live' } });
      expect(await join(a.socket, meeting.id)).toMatchObject({ ok: false, error: { code: 'not_open' } });

      await t.app.get(MeetingsScheduler).tick({ forceRetention: true });
      const rows = await t.dataSource.query(`SELECT id FROM chat_messages WHERE session_id = $1`, [joinA.session.id]);
      expect(rows).toHaveLength(0);
    });
  });
});
