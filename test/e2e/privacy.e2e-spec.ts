import type { AuthResponse, ErrorBody, ExportDocument, PostView, ThreadView } from '@kindred/contracts';
import { PrivacyEraser } from '../../apps/api/src/privacy/privacy-eraser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PASSWORD = 'a long and good passphrase';
const BOARD = 'welcome-introductions';

interface Scenario {
  me: AuthResponse;
  named: ThreadView;
  anon: ThreadView;
  reply: PostView;
  other: AuthResponse;
}

async function scenario(t: TestApp): Promise<Scenario> {
  const me = await t.register();
  const other = await t.register();
  const named = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
    token: me.token,
    body: { title: 'Ninety days today', body: 'Grateful for this place.', anonymous: false },
  });
  expect(named.status).toBe(201);
  const anon = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
    token: me.token,
    body: { title: 'Hard night', body: 'Cravings are loud tonight.', anonymous: true },
  });
  expect(anon.status).toBe(201);
  const otherThread = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
    token: other.token,
    body: { title: 'Day three', body: 'Legs will not stop.', anonymous: false },
  });
  const reply = await t.api<PostView>('POST', `/api/threads/${otherThread.body.id}/posts`, {
    token: me.token,
    body: { body: 'Hot baths helped me on day three.', anonymous: true },
  });
  expect(reply.status).toBe(201);
  const reacted = await t.api('PUT', `/api/posts/${otherThread.body.posts.items[0].id}/reactions/support`, {
    token: me.token,
  });
  expect(reacted.status).toBeLessThan(300);
  const flagged = await t.api('POST', '/api/flags', {
    token: me.token,
    body: { targetType: 'thread', targetId: otherThread.body.id, reason: 'other', note: 'checking in on them' },
  });
  expect(flagged.status).toBe(201);
  return { me, named: named.body, anon: anon.body, reply: reply.body, other };
}

describe('privacy: export and account deletion', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('exports everything tied to the account, anonymous posts marked with their alias', async () => {
    const s = await scenario(t);
    await t.api('PUT', '/api/me/milestones/clean', {
      token: s.me.token,
      body: { label: 'clean since', since: '2025-06-01' },
    });
    const res = await t.api<ExportDocument>('GET', '/api/me/export', { token: s.me.token });
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.profile.username).toBe(s.me.user.username);
    expect(doc.threads.map((x) => x.title).sort()).toEqual(['Hard night', 'Ninety days today']);
    const anonThread = doc.threads.find((x) => x.title === 'Hard night')!;
    expect(anonThread).toMatchObject({ anonymous: true, board: BOARD });
    expect(anonThread.alias).toEqual(expect.any(String));
    expect(doc.threads.find((x) => x.title === 'Ninety days today')).toMatchObject({ anonymous: false, alias: null });
    expect(doc.posts.map((p) => p.body)).toEqual(
      expect.arrayContaining([
        'Grateful for this place.',
        'Cravings are loud tonight.',
        'Hot baths helped me on day three.',
      ]),
    );
    const reply = doc.posts.find((p) => p.id === s.reply.id)!;
    expect(reply).toMatchObject({ anonymous: true, threadTitle: 'Day three' });
    expect(reply.alias).toBe(s.reply.author.type === 'anonymous' ? s.reply.author.alias : 'not anonymous');
    expect(doc.reactions).toEqual([expect.objectContaining({ kind: 'support' })]);
    expect(doc.flags).toEqual([expect.objectContaining({ reason: 'other', note: 'checking in on them' })]);
    expect(doc.rsvps).toEqual([]);
    // Every timestamp is an ISO string, and a post never edited says so with null.
    const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    for (const row of [...doc.threads, ...doc.posts, ...doc.reactions, ...doc.flags]) {
      expect(row.createdAt).toMatch(isoTime);
    }
    expect(doc.posts.every((p) => p.editedAt === null)).toBe(true);
    expect(Array.isArray(doc.notices)).toBe(true);
    // The private milestone date is the member's too.
    expect(doc.milestones).toEqual([{ kind: 'clean', label: 'clean since', since: '2025-06-01', showBadge: false }]);
    // Nothing of the other member's is in it.
    expect(JSON.stringify(doc)).not.toContain('Legs will not stop.');
    expect(JSON.stringify(doc)).not.toContain(s.other.user.username);
    expect((await t.api('GET', '/api/me/export')).status).toBe(401);
  }, 30_000);

  it('needs the password and a known mode, and deletes nothing otherwise', async () => {
    const s = await scenario(t);
    const wrong = await t.api<ErrorBody>('DELETE', '/api/me', {
      token: s.me.token,
      body: { password: 'not my password', mode: 'anonymize' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.details?.fields).toEqual([{ field: 'password', reason: 'is not right' }]);
    const badMode = await t.api<ErrorBody>('DELETE', '/api/me', {
      token: s.me.token,
      body: { password: PASSWORD, mode: 'shred' },
    });
    expect(badMode.status).toBe(400);
    expect(badMode.body.details?.fields).toEqual([{ field: 'mode', reason: 'must be anonymize or erase' }]);
    expect((await t.api('GET', '/api/me', { token: s.me.token })).status).toBe(200);
  }, 30_000);

  it('anonymize: deletes the account, keeps posts under "former member" and anonymous ones anonymous', async () => {
    const s = await scenario(t);
    const res = await t.api('DELETE', '/api/me', {
      token: s.me.token,
      body: { password: PASSWORD, mode: 'anonymize' },
    });
    expect(res.status).toBe(204);
    // The token stops working at once; the username cannot sign in.
    expect((await t.api('GET', '/api/me', { token: s.me.token })).status).toBe(401);
    const login = await t.api('POST', '/api/auth/login', {
      body: { username: s.me.user.username, password: PASSWORD },
    });
    expect(login.status).toBe(401);

    const named = await t.api<ThreadView>('GET', `/api/threads/${s.named.id}`, { token: s.other.token });
    expect(named.status).toBe(200);
    expect(named.body.posts.items[0].body).toBe('Grateful for this place.');
    expect(named.body.posts.items[0].author).toEqual({ type: 'former' });
    const anon = await t.api<ThreadView>('GET', `/api/threads/${s.anon.id}`, { token: s.other.token });
    expect(anon.body.posts.items[0].body).toBe('Cravings are loud tonight.');
    expect(anon.body.posts.items[0].author.type).toBe('anonymous');
    const rows: Array<{ n: string }> = await t.dataSource.query(
      `SELECT count(*) AS n FROM posts WHERE author_id = $1`,
      [s.me.user.id],
    );
    expect(Number(rows[0].n)).toBe(0);
    const users: unknown[] = await t.dataSource.query(`SELECT 1 FROM users WHERE id = $1`, [s.me.user.id]);
    expect(users).toHaveLength(0);
  }, 30_000);

  it('erase: each post is deleted alone, as its author would delete it, with no shared mark', async () => {
    const s = await scenario(t);
    // A post another member deleted by hand, to compare with.
    const lone = await t.api<PostView>('POST', `/api/threads/${s.anon.id}/posts`, {
      token: s.other.token,
      body: { body: 'I will take this back later.', anonymous: true },
    });
    expect((await t.api('DELETE', `/api/posts/${lone.body.id}`, { token: s.other.token })).status).toBe(200);
    const mine = [s.named.posts.items[0].id, s.anon.posts.items[0].id, s.reply.id];
    const before = await postViews(t, s, mine);

    const res = await t.api('DELETE', '/api/me', { token: s.me.token, body: { password: PASSWORD, mode: 'erase' } });
    expect(res.status).toBe(204);
    expect((await t.api('GET', '/api/me', { token: s.me.token })).status).toBe(401);
    // Nothing changes at the moment of deletion (a reader polling now sees no common change)...
    expect((await postViews(t, s, mine)).map((p) => p.body)).toEqual(before.map((p) => p.body));
    // ...and each post has its own moment within the window.
    const due: Array<{ at: string }> = await t.dataSource.query(
      `SELECT due_at::text AS at FROM erasures WHERE target_id = ANY($1::uuid[])`,
      [mine],
    );
    expect(due).toHaveLength(3);
    expect(new Set(due.map((d) => d.at)).size).toBe(3);
    await t.dataSource.query(`UPDATE erasures SET due_at = now() WHERE target_id = ANY($1::uuid[])`, [mine]);
    expect(await t.app.get(PrivacyEraser).sweep()).toBe(3);

    const after = await postViews(t, s, mine);
    const loneView = (await postViews(t, s, [lone.body.id]))[0];
    const shape = (p: PostView): unknown => ({ ...p, id: 0, threadId: 0, createdAt: 0, isOpeningPost: 0, author: 0 });
    for (const [i, post] of after.entries()) {
      // Exactly what a post deleted alone shows: no text, no new editedAt, same status.
      expect(shape(post)).toEqual(shape(loneView));
      expect(post.editedAt).toBe(before[i].editedAt);
    }
    const named = await t.api<ThreadView>('GET', `/api/threads/${s.named.id}`);
    expect(named.body.title).toBe('This thread was deleted by its author');
    // The words are gone from the database too; the other member's words are untouched.
    const bodies: Array<{ body: string }> = await t.dataSource.query(`SELECT body FROM posts WHERE id = ANY($1)`, [
      mine,
    ]);
    expect(bodies.map((r) => r.body)).toEqual(['', '', '']);
    const titles: Array<{ title: string }> = await t.dataSource.query(`SELECT title FROM threads WHERE id = $1`, [
      s.named.id,
    ]);
    expect(titles[0].title).toBe('');
    const otherThread = await t.api<{ items: PostView[] }>('GET', `/api/threads/${s.reply.threadId}/posts`);
    expect(otherThread.body.items.find((p) => p.isOpeningPost)?.body).toBe('Legs will not stop.');
  }, 30_000);
});

async function postViews(t: TestApp, s: Scenario, ids: string[]): Promise<PostView[]> {
  const threads = [s.named.id, s.anon.id, s.reply.threadId];
  const all: PostView[] = [];
  for (const id of threads) {
    const res = await t.api<{ items: PostView[] }>('GET', `/api/threads/${id}/posts`);
    all.push(...res.body.items);
  }
  return ids.map((id) => all.find((p) => p.id === id)!);
}
