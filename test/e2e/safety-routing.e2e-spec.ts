import type { AuthResponse, ErrorBody, Page, PostView, ThreadSummary, ThreadView } from '@kindred/contracts';
import { connected, nextEvent, startTestApp, type TestApp } from '../support/test-app.js';

const BOARD = 'welcome-introductions';
const PHONE = 'Call me at 555-867-5309 if you want to talk';
const SOURCING = "who's got blues? need 10 pressed 30s tonight, cash ready, hmu";
const CRISIS = "I took everything I had tonight and I don't want to wake up. goodbye everyone";
const CONCERN = "I've been feeling really low and hopeless lately";

async function queueItem(t: TestApp, type: string, id: string): Promise<{ priority: string; detection: unknown[] }> {
  const rows: Array<{ priority: string; detection: unknown[] }> = await t.dataSource.query(
    `SELECT priority, detection FROM moderation_items WHERE target_type = $1 AND target_id = $2 AND status = 'open'`,
    [type, id],
  );
  return rows[0];
}

describe('safety routing on boards', () => {
  let t: TestApp;
  let author: AuthResponse;
  let reader: AuthResponse;
  let thread: ThreadView;
  beforeAll(async () => {
    t = await startTestApp();
    author = await t.register();
    reader = await t.register();
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: reader.token,
      body: { title: 'Week two check-in', body: 'How is everyone doing?', anonymous: false },
    });
    thread = res.body;
  });
  afterAll(() => t.close());

  const reply = (body: string, token = author.token) =>
    t.api<PostView & ErrorBody>('POST', `/api/threads/${thread.id}/posts`, { token, body: { body, anonymous: true } });
  const visibleTo = async (token: string) =>
    (await t.api<Page<PostView>>('GET', `/api/threads/${thread.id}/posts`, { token })).body.items.map((p) => p.id);

  it('holds a post with a phone number, marks the span, and hides it from others', async () => {
    const res = await reply(PHONE);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('held');
    expect(res.body.safety).toMatchObject({ held: true, crisis: false });
    expect(res.body.safety?.spans).toEqual([expect.objectContaining({ kind: 'phone', text: '555-867-5309' })]);
    expect(res.body.safety?.reasons.join(' ')).toContain('phone number');
    expect(await visibleTo(reader.token)).not.toContain(res.body.id);
    expect(await visibleTo(author.token)).toContain(res.body.id);
    expect((await queueItem(t, 'post', res.body.id)).priority).toBe('high');
  });

  it('holds a sourcing thread: out of the board listing for others, high-priority queue item', async () => {
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title: 'anyone around', body: SOURCING, anonymous: true },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('held');
    expect(res.body.safety?.held).toBe(true);
    const listing = await t.api<Page<ThreadSummary>>('GET', `/api/boards/${BOARD}/threads`, { token: reader.token });
    expect(listing.body.items.map((x) => x.id)).not.toContain(res.body.id);
    expect((await t.api('GET', `/api/threads/${res.body.id}`, { token: reader.token })).status).toBe(404);
    const item = await queueItem(t, 'thread', res.body.id);
    expect(item.priority).toBe('high');
    expect(item.detection).toEqual([expect.objectContaining({ kind: 'sourcing', label: 'likely' })]);
  });

  it('publishes a crisis post with crisis resources for its author and an urgent queue item', async () => {
    const mod = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [mod.user.id]);
    const modSocket = t.socket('/moderation', mod.token);
    await connected(modSocket);
    const alert = nextEvent<{ item: { targetId: string; priority: string } }>(modSocket, 'alert:urgent');
    const res = await reply(CRISIS);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('published');
    expect(res.body.safety).toMatchObject({ crisis: true, level: 'urgent', held: false });
    expect(res.body.safety?.resources.map((r) => r.phone)).toEqual(expect.arrayContaining(['988', '1-800-662-4357']));
    expect(await visibleTo(reader.token)).toContain(res.body.id);
    expect((await queueItem(t, 'post', res.body.id)).priority).toBe('urgent');
    // Every open moderator screen is alerted, live.
    await expect(alert).resolves.toMatchObject({ item: { targetId: res.body.id, priority: 'urgent' } });
    // Readers never get the notice.
    const seen = await t.api<Page<PostView>>('GET', `/api/threads/${thread.id}/posts`, { token: reader.token });
    expect(seen.body.items.find((p) => p.id === res.body.id)).not.toHaveProperty('safety');
  });

  it('publishes a "concern" post with a gentle support notice and no queue item', async () => {
    const res = await reply(CONCERN);
    expect(res.body.status).toBe('published');
    expect(res.body.safety).toMatchObject({ crisis: false, level: 'concern' });
    expect(await queueItem(t, 'post', res.body.id)).toBeUndefined();
  });

  it('publishes ordinary recovery talk with no notice', async () => {
    const res = await reply('My doctor started me on subs and the methadone clinic moved my dose. Day 12.');
    expect(res.body.status).toBe('published');
    expect(res.body.safety).toBeUndefined();
  });

  it('holds an edit that adds personal details', async () => {
    const res = await reply('Thanks all, see you tomorrow.');
    const edited = await t.api<PostView>('PATCH', `/api/posts/${res.body.id}`, {
      token: author.token,
      body: { body: 'Thanks all — text me on 555-867-5309.' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.status).toBe('held');
    expect(await visibleTo(reader.token)).not.toContain(res.body.id);
  });

  it('applies watched words: block → 422, censor → ■■■', async () => {
    const admin = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id]);
    await t.api('POST', '/api/admin/watched-words', {
      token: admin.token,
      body: { pattern: 'forbidden phrase', action: 'block' },
    });
    await t.api('POST', '/api/admin/watched-words', {
      token: admin.token,
      body: { pattern: 'darn', action: 'censor' },
    });
    const blocked = await reply('this has a forbidden phrase in it');
    expect(blocked.status).toBe(422);
    expect(blocked.body.message).toContain('forbidden phrase');
    const censored = await reply('darn cravings today');
    expect(censored.status).toBe(201);
    expect(censored.body.body).toBe('■■■ cravings today');
  });
});

describe('new-member limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ NEW_MEMBER_HOURS: '24' });
  });
  afterAll(() => t.close());

  const backdate = (userId: string) =>
    Promise.all([
      t.dataSource.query(`UPDATE posts SET created_at = created_at - interval '1 minute' WHERE author_id = $1`, [
        userId,
      ]),
      t.dataSource.query(`UPDATE threads SET created_at = created_at - interval '1 minute' WHERE author_id = $1`, [
        userId,
      ]),
    ]);

  it('asks for 30 s between posts and allows 3 threads a day, saying when they can post again', async () => {
    const me = await t.register();
    const start = (n: number) =>
      t.api<ThreadView & ErrorBody>('POST', `/api/boards/${BOARD}/threads`, {
        token: me.token,
        body: { title: `Thread ${n}`, body: 'Checking in today.', anonymous: false },
      });
    expect((await start(1)).status).toBe(201);
    const tooSoon = await start(2);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.message).toMatch(/30 seconds between posts.*in \d+ seconds/);
    expect(Number(tooSoon.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    await backdate(me.user.id);
    expect((await start(2)).status).toBe(201);
    await backdate(me.user.id);
    expect((await start(3)).status).toBe(201);
    await backdate(me.user.id);
    const fourth = await start(4);
    expect(fourth.status).toBe(429);
    expect(fourth.body.message).toContain('3 threads a day');
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(23 * 3600);
  });

  it('holds a new member’s post with more than 2 links; an older account is not limited', async () => {
    const me = await t.register();
    const links = 'See https://a.org and https://b.org and https://c.org for help';
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: me.token,
      body: { title: 'Useful links', body: links, anonymous: false },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('held');
    expect(res.body.safety?.reasons.join(' ')).toContain('up to 2 links');

    const old = await t.register();
    await t.dataSource.query(`UPDATE users SET created_at = now() - interval '3 days' WHERE id = $1`, [old.user.id]);
    for (let i = 0; i < 2; i++) {
      const ok = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
        token: old.token,
        body: { title: `Links ${i}`, body: links, anonymous: false },
      });
      expect(ok.status).toBe(201);
      expect(ok.body.status).toBe('published');
    }
  });
});
