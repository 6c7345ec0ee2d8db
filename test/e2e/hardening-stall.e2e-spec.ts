import { createConnection } from 'node:net';
import { jest } from '@jest/globals';
import type { Ack, AuthResponse, ErrorBody, JoinResult, MeetingView, ThreadView } from '@kindred/contracts';
import { connected, emitAck, startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

/** Issue #13: forged input must get a clear refusal, never a 500, a dropped connection or a stall. */

jest.setTimeout(30_000);

const BOARD = 'withdrawal-detox';
const cursorOf = (values: unknown[]): string => Buffer.from(JSON.stringify(values)).toString('base64url');
const UUID = '00000000-0000-4000-8000-000000000000';

describe('hardening: bad input is refused clearly (issue #13)', () => {
  let t: TestApp;
  let member: AuthResponse;
  let moderator: AuthResponse;

  beforeAll(async () => {
    t = await startTestApp();
    member = await t.register();
    moderator = await t.register(uniqueName('mod'));
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
  });
  afterAll(() => t.close());

  const liveMeeting = async (): Promise<MeetingView> => {
    const res = await t.api<MeetingView>('POST', '/api/meetings', {
      token: moderator.token,
      body: {
        name: `Evening check-in ${uniqueName('m')}`,
        description: 'A short meeting.',
        tags: [],
        audience: 'members',
        startsAt: new Date().toISOString(),
        timezone: 'America/New_York',
        durationMinutes: 60,
      },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  describe('item 19', () => {
    it.each([
      ['a rank of 1e300', [1e300, UUID]],
      ['a rank of 1e-60', [1e-60, UUID]],
      ['a rank of -1', [-1, UUID]],
    ])('answers 400 naming the cursor for a search cursor with %s', async (_name, values) => {
      const res = await t.api<ErrorBody>('GET', `/api/search?q=withdrawal&cursor=${cursorOf(values)}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('bad_cursor');
      expect(res.body.details?.fields).toEqual([{ field: 'cursor', reason: 'is not a valid cursor' }]);
    });

    it.each([
      ['the open queue', '/api/moderation/queue', [1, 'not a date', UUID]],
      ['the open queue (bad id)', '/api/moderation/queue', [1, new Date().toISOString(), 'nope']],
      ['the open queue (huge rank)', '/api/moderation/queue', [1e300, new Date().toISOString(), UUID]],
      ['the resolved queue', '/api/moderation/queue?status=resolved', ['not a date', UUID]],
      ['the log', '/api/moderation/log', ['not a date', UUID]],
      ['the log (year 99999)', '/api/moderation/log', ['+099999-01-01T00:00:00.000Z', UUID]],
      ['the log (bad id)', '/api/moderation/log', [new Date().toISOString(), "x'"]],
    ])('answers 400 naming the cursor for a forged cursor of %s', async (_name, path, values) => {
      const sep = path.includes('?') ? '&' : '?';
      const res = await t.api<ErrorBody>('GET', `${path}${sep}cursor=${cursorOf(values)}`, {
        token: moderator.token,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('bad_cursor');
      expect(res.body.message).toMatch(/^cursor:/);
    });

    it('still pages the queue and the log with the cursors it hands out', async () => {
      const log = await t.api<{ nextCursor: string | null }>('GET', '/api/moderation/log?limit=1', {
        token: moderator.token,
      });
      expect(log.status).toBe(200);
      const queue = await t.api(
        'GET',
        `/api/moderation/queue?cursor=${cursorOf([0, new Date().toISOString(), UUID])}`,
        {
          token: moderator.token,
        },
      );
      expect(queue.status).toBe(200);
    });

    it('answers a chat message with a NUL byte with a validation ack naming the field', async () => {
      const meeting = await liveMeeting();
      const socket = t.socket('/chat', member.token);
      await connected(socket);
      const join = await emitAck<Ack<JoinResult>>(socket, 'meeting:join', { meetingId: meeting.id });
      expect(join.ok).toBe(true);
      const ack = await emitAck<Ack>(socket, 'message:send', {
        meetingId: meeting.id,
        clientId: crypto.randomUUID(),
        body: 'hello\u0000there',
      });
      expect(ack).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      expect(!ack.ok && ack.error.message).toMatch(/^body:/);
      // The connection is still fine.
      expect((await emitAck<Ack>(socket, 'meeting:leave', { meetingId: meeting.id })).ok).toBe(true);
    });

    it('answers a NUL byte in a post with a 400 naming the field', async () => {
      const res = await t.api<ErrorBody>('POST', `/api/boards/${BOARD}/threads`, {
        token: member.token,
        body: { title: 'A title\u0000', body: 'fine', anonymous: false },
      });
      expect(res.status).toBe(400);
      expect(res.body.details?.fields?.[0]?.field).toBe('title');
    });

    it('answers a socket event over 1 MB with an error ack before it closes', async () => {
      const socket = t.socket('/', member.token);
      await connected(socket);
      const ack = await emitAck<Ack>(socket, 'session:whoami', { filler: 'x'.repeat(1_100_000) }, 10_000);
      expect(ack).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
      expect(!ack.ok && ack.error.message).toMatch(/too large/i);
    });

    it('answers an event over the 64 KB payload limit with an error ack and keeps the connection', async () => {
      const socket = t.socket('/', member.token);
      await connected(socket);
      const ack = await emitAck<Ack>(socket, 'session:whoami', { filler: 'x'.repeat(70_000) });
      expect(ack).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
      expect((await emitAck<Ack>(socket, 'session:whoami', {})).ok).toBe(true);
    });

    it('answers 413 for a non-JSON body over 64 KB', async () => {
      const res = await t.api<ErrorBody>('POST', '/api/preview', {
        token: member.token,
        raw: 'x'.repeat(70 * 1024),
        headers: { 'content-type': 'text/plain' },
      });
      expect(res.status).toBe(413);
      expect(res.body.message).toBeTruthy();
      const small = await t.api<ErrorBody>('POST', '/api/preview', {
        token: member.token,
        raw: 'hello',
        headers: { 'content-type': 'text/plain' },
      });
      expect(small.status).toBe(400);
    });
  });

  describe('item 8', () => {
    const wide = (keys: number): Record<string, string> =>
      Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, 'v']));
    /** CPU time of the whole process (this test and the in-process app) around one call. */
    const cpu = async (call: () => Promise<unknown>): Promise<number> => {
      const start = process.cpuUsage();
      await call();
      const used = process.cpuUsage(start);
      return used.user + used.system;
    };

    it('answers a 62 KB body with thousands of unknown keys with a small 400, as cheaply as a narrow one', async () => {
      const body = { body: 'hello', ...wide(5000) };
      expect(JSON.stringify(body).length).toBeGreaterThan(50_000);
      let res: { status: number; body: ErrorBody } | undefined;
      const wideCost = await cpu(
        async () => (res = await t.api<ErrorBody>('POST', '/api/preview', { token: member.token, body })),
      );
      expect(res!.status).toBe(400);
      expect(JSON.stringify(res!.body).length).toBeLessThan(2_000);
      expect(res!.body.message).toMatch(/fields/);
      // Guests too.
      const guest = await t.api<ErrorBody>('POST', '/api/auth/login', { body: { username: 'x', ...wide(5000) } });
      expect(guest.status).toBe(400);
      expect(JSON.stringify(guest.body).length).toBeLessThan(2_000);
      const narrowCost = await cpu(() =>
        t.api('POST', '/api/preview', {
          token: member.token,
          body: { body: 'hello', k0: 'v'.repeat(JSON.stringify(body).length) },
        }),
      );
      expect(wideCost).toBeLessThan(narrowCost * 5 + 20_000);
    });

    it('names at most 10 fields in one refusal', async () => {
      const res = await t.api<ErrorBody>('POST', '/api/preview', {
        token: member.token,
        body: { body: 'x', ...wide(40) },
      });
      expect(res.status).toBe(400);
      expect(res.body.details?.fields).toHaveLength(10);
      expect(res.body.message).toContain('and 30 more');
    });

    it('answers a socket event with thousands of unknown keys with a small error ack', async () => {
      const socket = t.socket('/', member.token);
      await connected(socket);
      const payload = wide(20_000);
      let ack: Ack | undefined;
      await cpu(async () => (ack = await emitAck<Ack>(socket, 'session:whoami', payload)));
      expect(ack!.ok).toBe(false);
      expect(JSON.stringify(ack).length).toBeLessThan(2_000);
      const narrow = await emitAck<Ack>(socket, 'session:whoami', wide(3_000));
      expect(narrow).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      expect(JSON.stringify(narrow).length).toBeLessThan(2_000);
      expect((await emitAck<Ack>(socket, 'session:whoami', {})).ok).toBe(true);
    });

    it('refuses an overlong list before validating each item', async () => {
      const res = await t.api<ErrorBody>('POST', '/api/meetings', {
        token: moderator.token,
        body: { name: 'A meeting', tags: Array.from({ length: 5000 }, () => 'x') },
      });
      expect(res.status).toBe(400);
      expect(res.body.details?.fields?.[0]?.field).toBe('tags');
      expect(JSON.stringify(res.body).length).toBeLessThan(2_000);
    });
  });

  describe('item 7', () => {
    it('answers 422 naming the body for 2,000 nested quotes on preview, reply and edit (was a 500)', async () => {
      const deep = '>'.repeat(2000);
      const preview = await t.api<ErrorBody>('POST', '/api/preview', { token: member.token, body: { body: deep } });
      expect(preview.status).toBe(422);
      expect(preview.body.message).toMatch(/^body: quotes and lists can be nested at most 10 levels/);
      const thread = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
        token: member.token,
        body: { title: 'Quotes', body: 'a start', anonymous: false },
      });
      expect(thread.status).toBe(201);
      const reply = await t.api<ErrorBody>('POST', `/api/threads/${thread.body.id}/posts`, {
        token: member.token,
        body: { body: deep, anonymous: false },
      });
      expect(reply.status).toBe(422);
      const posts = await t.api<{ items: Array<{ id: string }> }>('GET', `/api/threads/${thread.body.id}/posts`);
      expect(posts.body.items).toHaveLength(1);
      const edit = await t.api<ErrorBody>('PATCH', `/api/posts/${posts.body.items[0].id}`, {
        token: member.token,
        body: { body: '_a_'.repeat(6666) },
      });
      expect(edit.status).toBe(422);
      expect(edit.body.message).toMatch(/formatting marks/);
    });
  });

  it('keeps threads working (sanity)', async () => {
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: member.token,
      body: { title: 'Still here', body: 'Day two.', anonymous: false },
    });
    expect(res.status).toBe(201);
  });
});

describe('hardening: registration limit counts created accounts only (issue #13 item 14)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REGISTRATIONS_PER_DAY: '3' });
  });
  afterAll(() => t.close());

  it('does not count typos and taken usernames toward REGISTRATIONS_PER_DAY', async () => {
    const taken = uniqueName('taken');
    const failures: Array<Record<string, unknown>> = [
      { username: 'x', password: 'a long and good passphrase' },
      { username: uniqueName('short'), password: 'short' },
      { username: uniqueName('extra'), password: 'a long and good passphrase', surprise: true },
      {},
    ];
    for (const body of failures) {
      expect((await t.api('POST', '/api/auth/register', { body })).status).toBe(400);
    }
    await t.register(taken);
    expect(
      (await t.api('POST', '/api/auth/register', { body: { username: taken, password: 'another good passphrase' } }))
        .status,
    ).toBe(409);
    await t.register();
    await t.register();
    const over = await t.api<ErrorBody>('POST', '/api/auth/register', {
      body: { username: uniqueName('over'), password: 'a long and good passphrase' },
    });
    expect(over.status).toBe(429);
    expect(over.body.message).toContain('Only 3 accounts');
  });
});

describe('hardening: limits hold per account and per client across sockets (issue #13 item 10)', () => {
  const LIMITS = {
    SOCKET_EVENTS_PER_ACCOUNT_10S: '100',
    SOCKET_EVENTS_PER_CLIENT_10S: '300',
    SOCKETS_PER_ACCOUNT: '5',
    SOCKETS_PER_CLIENT: '12',
  };
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(LIMITS);
  });
  afterAll(() => t.close());

  const refusalOf = (socket: ReturnType<TestApp['socket']>): Promise<string> =>
    connected(socket).then(
      () => 'connected',
      (error: Error & { data?: { code?: string } }) => `${error.data?.code}: ${error.message}`,
    );
  const whoamiBurst = async (sockets: Array<ReturnType<TestApp['socket']>>, total: number): Promise<number> => {
    const acks = await Promise.all(
      Array.from({ length: total }, (_, i) => emitAck<Ack>(sockets[i % sockets.length], 'session:whoami', {})),
    );
    return acks.filter((ack) => ack.ok).length;
  };

  it('shares one event budget among all sockets of an account, and a reconnect does not reset it', async () => {
    const member = await t.register();
    const sockets = Array.from({ length: 5 }, () => t.socket('/', member.token));
    await Promise.all(sockets.map(connected));
    expect(await whoamiBurst(sockets, 250)).toBe(100);
    sockets.forEach((s) => s.close());
    const again = t.socket('/', member.token);
    await connected(again);
    const ack = await emitAck<Ack>(again, 'session:whoami', {});
    expect(ack).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    again.close();
  });

  it('caps open sockets per account with a kind refusal, and frees a place when one closes', async () => {
    const member = await t.register();
    const sockets = Array.from({ length: 5 }, (_, i) => t.socket(i % 2 ? '/chat' : '/', member.token));
    await Promise.all(sockets.map(connected));
    const sixth = t.socket('/', member.token);
    expect(await refusalOf(sixth)).toMatch(/^rate_limited: This account has a lot of Kindred connections open/);
    sockets[0].close();
    await new Promise((r) => setTimeout(r, 200));
    const replacement = t.socket('/', member.token);
    expect(await refusalOf(replacement)).toBe('connected');
    [...sockets, replacement].forEach((s) => s.close());
  });

  it('caps guest sockets per client address and counts guests from one address as one reader', async () => {
    await new Promise((r) => setTimeout(r, 200));
    const member = await t.register();
    const thread = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: member.token,
      body: { title: 'Readers', body: 'Who is here?', anonymous: false },
    });
    const guests = Array.from({ length: 12 }, () => t.socket('/'));
    const results = await Promise.all(guests.map(refusalOf));
    // The member's own sockets from the tests above are closed, so all 12 places are for guests.
    expect(results.filter((r) => r === 'connected')).toHaveLength(12);
    expect(await refusalOf(t.socket('/'))).toMatch(
      /^rate_limited: There are a lot of Kindred connections from this network/,
    );
    const acks = await Promise.all(
      guests
        .slice(0, 10)
        .map((g) => emitAck<{ ok: boolean; readers: number }>(g, 'thread:watch', { threadId: thread.body.id })),
    );
    expect(Math.max(...acks.map((a) => a.readers))).toBe(1);
    guests.forEach((g) => g.close());
  });
});

describe('hardening: per-client socket limits hold across processes with Redis (issue #13 item 10)', () => {
  const env = {
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `kindred-test-${process.pid}-${Date.now()}`,
    SOCKETS_PER_CLIENT: '6',
    SOCKET_EVENTS_PER_CLIENT_10S: '40',
  };
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('counts sockets and events of one client on both processes together', async () => {
    const sockets = [a, a, a, b, b, b].map((app) => app.socket('/'));
    await Promise.all(sockets.map(connected));
    await expect(connected(b.socket('/'))).rejects.toMatchObject({ data: { code: 'rate_limited' } });
    await expect(connected(a.socket('/'))).rejects.toMatchObject({ data: { code: 'rate_limited' } });
    const acks = await Promise.all(
      Array.from({ length: 80 }, (_, i) => emitAck<Ack>(sockets[i % 6], 'session:whoami', {})),
    );
    expect(acks.filter((ack) => ack.ok)).toHaveLength(40);
    sockets.forEach((s) => s.close());
  });
});

describe('hardening: slow requests and connections per client (issue #13 item 9)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ HTTP_HEADERS_TIMEOUT_S: '2', HTTP_REQUEST_TIMEOUT_S: '3', CONNECTIONS_PER_CLIENT: '8' });
  });
  afterAll(() => t.close());

  const port = (): number => Number(new URL(t.baseUrl).port);
  /** Sends a request a few bytes at a time; resolves with what came back and when. */
  const trickle = (body: string, everyMs: number): Promise<{ response: string; ms: number }> =>
    new Promise((resolve) => {
      const started = Date.now();
      const socket = createConnection(port(), '127.0.0.1');
      let response = '';
      let i = 0;
      const timer = setInterval(() => {
        if (i < body.length && !socket.destroyed) socket.write(body.slice(i, (i += 10)));
      }, everyMs);
      socket.write(
        `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
      );
      socket.on('data', (chunk) => (response += chunk.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ response, ms: Date.now() - started });
      });
      setTimeout(() => socket.destroy(), 10_000);
    });
  const body = JSON.stringify({ username: 'slow_phone', password: 'a long and good passphrase', padding: 'x' });

  it('stops holding a trickled body after HTTP_REQUEST_TIMEOUT_S', async () => {
    // 10 bytes every 500 ms: the whole body would take over 5 s.
    const slow = await trickle(body.padEnd(200, ' '), 500);
    expect(slow.ms).toBeLessThan(6_000);
    expect(slow.response).toMatch(/^HTTP\/1\.1 408/);
  });

  it('still lets a slow phone finish within the timeout', async () => {
    // 10 bytes every 40 ms: about a second.
    const ok = await trickle(body, 40);
    expect(ok.response).toMatch(/^HTTP\/1\.1 400/); // 'padding' is not a login field: a real answer, not a timeout
  });

  it('caps open connections per client with a 429', async () => {
    const held = Array.from({ length: 8 }, () => createConnection(port(), '127.0.0.1'));
    await Promise.all(held.map((s) => new Promise((r) => s.once('connect', r))));
    const ninth = await new Promise<string>((resolve) => {
      const socket = createConnection(port(), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(ninth).toMatch(/^HTTP\/1\.1 429/);
    expect(ninth).toContain('a lot of open connections');
    held.forEach((s) => s.destroy());
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.api('GET', '/api/health')).status).toBe(200);
  });
});

describe('hardening: search is throttled per client and bounded (issue #13 item 22)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SEARCHES_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());

  it('refuses a search of more than 10 words with a 400 naming q', async () => {
    const words = Array.from({ length: 11 }, (_, i) => `word${i}`).join(' ');
    const res = await t.api<ErrorBody>('GET', `/api/search?q=${encodeURIComponent(words)}`);
    expect(res.status).toBe(400);
    expect(res.body.details?.fields).toEqual([{ field: 'q', reason: 'may have at most 10 words' }]);
    const ten = Array.from({ length: 10 }, (_, i) => `word${i}`).join(' ');
    expect((await t.api('GET', `/api/search?q=${encodeURIComponent(ten)}`)).status).toBe(200);
  });

  it('limits searches per client, guests and members from one address together', async () => {
    // Two of the five are used above.
    const member = await t.register();
    expect((await t.api('GET', '/api/search?q=withdrawal')).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      expect((await t.api('GET', `/api/search?q=cravings${i}`, { token: member.token })).status).toBe(200);
    }
    const over = await t.api<ErrorBody>('GET', '/api/search?q=withdrawal');
    expect(over.status).toBe(429);
    expect(over.body.message).toMatch(/a lot of searches in a minute\. You can try again in \d+ seconds/);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
