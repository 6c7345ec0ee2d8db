import { Writable } from 'node:stream';
import type { Ack, AuthResponse, MeetingView, PostView, ThreadView } from '@kindred/contracts';
import { io, type Socket } from 'socket.io-client';
import { connected, emitAck, startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

const FORWARDED_IP = '203.0.113.77';
const REAL_IP = '127.0.0.1';
const BOARD = 'welcome-introductions';
const PASSWORD = 'a long and good passphrase';

/** Every text-like column of every table in the public schema. */
async function textColumns(t: TestApp): Promise<Array<{ table: string; column: string }>> {
  return t.dataSource.query(
    `SELECT c.table_name AS "table", c.column_name AS "column"
       FROM information_schema.columns c
       JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
      WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE'
        AND (c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'tsvector', 'inet', 'cidr')
             OR c.data_type = 'ARRAY')
      ORDER BY 1, 2`,
  );
}

/** "table.column" for every column holding the needle (case-insensitively). */
async function columnsHolding(t: TestApp, needle: string, skip: string[] = []): Promise<string[]> {
  const hits: string[] = [];
  for (const { table, column } of await textColumns(t)) {
    if (skip.includes(`${table}.${column}`)) continue;
    const rows: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE '%' || $1 || '%'`,
      [needle],
    );
    if (rows[0].n > 0) hits.push(`${table}.${column}`);
  }
  return hits;
}

describe('privacy scan: no IP address and no anonymous identity is stored or logged', () => {
  let t: TestApp;
  let logs = '';
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    });
    t = await startTestApp({ LOG_LEVEL: 'trace' }, { logStream: stream });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  const call = <T>(method: string, path: string, options: { token?: string; body?: unknown } = {}) =>
    t.api<T>(method, path, {
      ...options,
      headers: { 'x-forwarded-for': FORWARDED_IP, 'x-real-ip': FORWARDED_IP, forwarded: `for=${FORWARDED_IP}` },
    });
  const register = async (prefix: string): Promise<AuthResponse> => {
    const res = await call<AuthResponse>('POST', '/api/auth/register', {
      body: { username: uniqueName(prefix), password: PASSWORD },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const chatSocket = (token: string): Socket => {
    const socket = io(`${t.baseUrl}/chat`, {
      transports: ['websocket'],
      auth: { token },
      extraHeaders: { 'x-forwarded-for': FORWARDED_IP },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    return socket;
  };

  it('runs a full scenario, then finds neither the IP nor the anonymous author anywhere', async () => {
    // Someone who only ever writes anonymously, someone who writes under their name, a moderator.
    const hidden = await register('hidden');
    const named = await register('named');
    const mod = await register('mod');
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [mod.user.id]);
    await call('POST', '/api/auth/login', { body: { username: hidden.user.username, password: 'wrong password!' } });
    await call('POST', '/api/auth/login', { body: { username: hidden.user.username, password: PASSWORD } });

    const anonThread = await call<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: hidden.token,
      body: { title: 'First night without', body: 'Shaking, but here.', anonymous: true },
    });
    expect(anonThread.status).toBe(201);
    const namedThread = await call<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: named.token,
      body: { title: 'Six months', body: 'It gets better, I promise.', anonymous: false },
    });
    const anonReply = await call<PostView>('POST', `/api/threads/${namedThread.body.id}/posts`, {
      token: hidden.token,
      body: { body: 'Needed to read this today.', anonymous: true },
    });
    expect(anonReply.status).toBe(201);
    await call('POST', `/api/threads/${anonThread.body.id}/posts`, {
      token: named.token,
      body: { body: 'Proud of you for posting.', anonymous: false },
    });
    await call('PUT', `/api/posts/${anonReply.body.id}/reactions/support`, { token: named.token });
    await call('POST', '/api/flags', {
      token: named.token,
      body: { targetType: 'post', targetId: anonReply.body.id, reason: 'other', note: 'just checking it is ok' },
    });
    // A held post (a phone number) and a crisis post, so the safety paths write too.
    await call('POST', `/api/threads/${anonThread.body.id}/posts`, {
      token: hidden.token,
      body: { body: 'text me 555-867-5309', anonymous: true },
    });
    await call('POST', `/api/threads/${anonThread.body.id}/posts`, {
      token: hidden.token,
      body: { body: "I don't want to wake up tomorrow. goodbye everyone", anonymous: true },
    });
    await call('GET', '/api/moderation/queue', { token: mod.token });
    await call('GET', '/api/me/export', { token: hidden.token });

    // A meeting with a chat.
    const meeting = await call<MeetingView>('POST', '/api/meetings', {
      token: mod.token,
      body: {
        name: 'Night owls',
        audience: 'members',
        startsAt: new Date().toISOString(),
        timezone: 'UTC',
        durationMinutes: 60,
      },
    });
    expect(meeting.status).toBe(201);
    const socket = chatSocket(hidden.token);
    await connected(socket);
    expect((await emitAck<Ack>(socket, 'meeting:join', { meetingId: meeting.body.id })).ok).toBe(true);
    const sent = await emitAck<Ack>(socket, 'message:send', {
      meetingId: meeting.body.id,
      clientId: crypto.randomUUID(),
      body: 'Glad this room exists.',
    });
    expect(sent.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 300));

    // The database: every text column of every table.
    expect(await columnsHolding(t, FORWARDED_IP)).toEqual([]);
    expect(await columnsHolding(t, REAL_IP)).toEqual([]);
    // The anonymous-only author's username lives in users.username and nowhere else.
    // (This also proves the scan finds what is there.)
    expect(await columnsHolding(t, hidden.user.username)).toEqual(['users.username']);
    expect(await columnsHolding(t, hidden.user.id, ['users.id'])).toEqual(
      // Only foreign keys (uuid columns are not text) may point at the account; no text copy of the id.
      [],
    );
    const aliases: Array<{ alias: string }> = await t.dataSource.query(
      `SELECT alias FROM posts WHERE author_id = $1 AND anonymous`,
      [hidden.user.id],
    );
    expect(aliases.length).toBeGreaterThan(0);
    for (const { alias } of aliases) expect(alias.toLowerCase()).not.toContain(hidden.user.username.toLowerCase());

    // The logs: written at the most verbose level, and not empty (so the scan means something).
    expect(logs).toContain('/api/boards/:slug/threads');
    expect(logs).not.toContain(FORWARDED_IP);
    expect(logs).not.toContain(REAL_IP);
    expect(logs.toLowerCase()).not.toContain(hidden.user.username.toLowerCase());
    expect(logs).not.toContain(hidden.token);
  }, 60_000);
});
