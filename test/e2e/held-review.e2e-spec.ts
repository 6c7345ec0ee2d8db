import { jest } from '@jest/globals';
import type { AuthResponse, NoticeList, PostView, QueuePage, ThreadView } from '@kindred/contracts';
import { startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

const BOARD = 'welcome-introductions';
const HELD = 'Thanks all, text me on 555-867-5309.';

/** Issue 13, finding 18: approving held content publishes it and tells its author; so does every decision. */
jest.setTimeout(30_000);

describe('review of held content', () => {
  let t: TestApp;
  let moderator: AuthResponse;
  beforeAll(async () => {
    t = await startTestApp();
    moderator = await t.register(uniqueName('mod'));
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
  });
  afterAll(() => t.close());

  const itemFor = async (targetId: string): Promise<string> => {
    const queue = await t.api<QueuePage>('GET', '/api/moderation/queue?limit=50', { token: moderator.token });
    const item = queue.body.items.find((i) => i.targetId === targetId);
    if (!item) throw new Error('no queue item');
    return item.id;
  };
  const act = (itemId: string, body: Record<string, unknown>) =>
    t.api<{ summary: string }>('POST', `/api/moderation/items/${itemId}/actions`, { token: moderator.token, body });
  const noticesOf = async (who: AuthResponse) =>
    (await t.api<NoticeList>('GET', '/api/me/notices', { token: who.token })).body.notices;

  it('publishes a held reply when approved and tells its author kindly', async () => {
    const author = await t.register();
    const op = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title: 'Week one', body: 'Checking in.' },
    });
    const held = await t.api<PostView>('POST', `/api/threads/${op.body.id}/posts`, {
      token: author.token,
      body: { body: HELD, anonymous: true },
    });
    expect(held.body.status).toBe('held');
    const res = await act(await itemFor(held.body.id), { action: 'approve', reason: 'no_violation' });
    expect(res.status).toBe(200);
    const posts = await t.api<{ items: PostView[] }>('GET', `/api/threads/${op.body.id}/posts`);
    expect(posts.body.items.find((p) => p.id === held.body.id)).toMatchObject({ status: 'published', body: HELD });
    const notice = (await noticesOf(author)).find((n) => n.targetId === held.body.id);
    expect(notice).toMatchObject({ kind: 'approval', appealable: false });
    expect(notice?.text).toMatch(/Thank you for waiting.*published/);
  });

  it('publishes a held thread, its opening post included, when approved', async () => {
    const author = await t.register();
    const held = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title: 'Reaching out', body: HELD },
    });
    expect(held.body.status).toBe('held');
    expect((await t.api('GET', `/api/threads/${held.body.id}`)).status).toBe(404);
    const res = await act(await itemFor(held.body.id), { action: 'approve', reason: 'no_violation' });
    expect(res.status).toBe(200);
    const thread = await t.api<ThreadView>('GET', `/api/threads/${held.body.id}`);
    expect(thread.status).toBe(200);
    expect(thread.body.status).toBe('published');
    expect(thread.body.posts.items[0]).toMatchObject({ status: 'published', body: HELD });
    const board = await t.api<{ items: Array<{ id: string }> }>('GET', `/api/boards/${BOARD}/threads`);
    expect(board.body.items.map((x) => x.id)).toContain(held.body.id);
    expect((await noticesOf(author)).map((n) => n.kind)).toContain('approval');
  });

  it('tells the author of held content that is removed instead', async () => {
    const author = await t.register();
    const op = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title: 'Week two', body: 'Checking in again.' },
    });
    const held = await t.api<PostView>('POST', `/api/threads/${op.body.id}/posts`, {
      token: author.token,
      body: { body: HELD },
    });
    const res = await act(await itemFor(held.body.id), { action: 'remove', reason: 'personal_info' });
    expect(res.status).toBe(200);
    expect((await noticesOf(author)).find((n) => n.targetId === held.body.id)).toMatchObject({ kind: 'removal' });
  });

  it('never shows an edit into held text to others, not even between the edit and its hold', async () => {
    const author = await t.register();
    const op = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title: 'Week three', body: 'Checking in once more.' },
    });
    const post = await t.api<PostView>('POST', `/api/threads/${op.body.id}/posts`, {
      token: author.token,
      body: { body: 'A kind reply.' },
    });
    const guestSees = async (): Promise<string | undefined> =>
      (await t.api<{ items: PostView[] }>('GET', `/api/threads/${op.body.id}/posts`)).body.items.find(
        (p) => p.id === post.body.id,
      )?.body;
    // Another transaction holds the thread row: a two-step edit (text, then hold) stops between the steps.
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`SELECT id FROM threads WHERE id = $1 FOR UPDATE`, [op.body.id]);
    const edit = t.api<PostView>('PATCH', `/api/posts/${post.body.id}`, { token: author.token, body: { body: HELD } });
    await new Promise((r) => setTimeout(r, 500));
    const during = await guestSees();
    await runner.commitTransaction();
    await runner.release();
    const edited = await edit;
    expect(edited.status).toBe(200);
    expect(edited.body.status).toBe('held');
    expect(during).toBe('A kind reply.');
    expect(await guestSees()).toBeUndefined();
    const thread = await t.api<ThreadView>('GET', `/api/threads/${op.body.id}`, { token: author.token });
    expect(thread.body.replyCount).toBe(0);
  });
});
