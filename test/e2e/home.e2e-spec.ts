import type { Page, PostView, ThreadView, UnreadThread } from '@kindred/contracts';
import { BoardsModerationPort } from '../../apps/api/src/boards/boards-moderation.port.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BOARD = 'life-in-recovery';

describe('home: unread threads (issue 15 item 17)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS: 'off', NEW_MEMBER_HOURS: '0' });
  });
  afterAll(() => t.close());

  const start = async (token: string, title: string): Promise<ThreadView> => {
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token,
      body: { title, body: 'Checking in with everyone today.', anonymous: true },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const reply = async (token: string, threadId: string, body: string): Promise<PostView> => {
    const res = await t.api<PostView>('POST', `/api/threads/${threadId}/posts`, {
      token,
      body: { body, anonymous: true },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const unread = async (token: string, query = ''): Promise<Page<UnreadThread>> => {
    const res = await t.api<Page<UnreadThread>>('GET', `/api/me/unread-threads${query}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('lists the threads a member read that have new posts from others, newest activity first, paged', async () => {
    const [a, b] = await Promise.all([t.register(), t.register()]);
    const first = await start(a.token, 'A quiet Sunday');
    const second = await start(a.token, 'Small wins this week');
    const untouched = await start(a.token, 'Never opened by b');
    expect(await unread(b.token)).toEqual({ items: [], nextCursor: null });

    // b reads both threads, then others write in them; b's own reply is not "unread" for b.
    for (const thread of [first, second]) {
      expect(
        (
          await t.api('PUT', `/api/threads/${thread.id}/read`, {
            token: b.token,
            body: { postId: thread.posts.items[0].id },
          })
        ).status,
      ).toBe(200);
    }
    const news = await reply(a.token, first.id, 'Went for a long walk by the river.');
    await reply(a.token, first.id, 'And called my sister.');
    await reply(b.token, first.id, 'That sounds lovely.');
    await reply(a.token, second.id, 'Cooked a real dinner.');
    await reply(a.token, untouched.id, 'Nobody has read this.');

    const page = await unread(b.token);
    expect(page.items.map((x) => x.id)).toEqual([second.id, first.id]);
    expect(page.items[1]).toMatchObject({
      title: 'A quiet Sunday',
      board: { slug: BOARD },
      unread: 2,
      firstUnreadPostId: news.id,
    });
    expect(page.items[0].unread).toBe(1);

    const one = await unread(b.token, '?limit=1');
    expect(one.items.map((x) => x.id)).toEqual([second.id]);
    const rest = await unread(b.token, `?limit=1&cursor=${one.nextCursor}`);
    expect(rest.items.map((x) => x.id)).toEqual([first.id]);
    expect(rest.nextCursor).toBeNull();

    // Read to the end: gone from the list. A thread the moderators removed is never listed.
    const last = (await t.api<ThreadView>('GET', `/api/threads/${second.id}`, { token: b.token })).body.posts.items.at(
      -1,
    )!;
    await t.api('PUT', `/api/threads/${second.id}/read`, { token: b.token, body: { postId: last.id } });
    await t.app.get(BoardsModerationPort).setThreadStatus(first.id, 'removed', 'Test removal');
    expect((await unread(b.token)).items).toEqual([]);

    expect((await t.api('GET', '/api/me/unread-threads')).status).toBe(401);
    expect((await t.api('GET', '/api/me/unread-threads?cursor=nope', { token: b.token })).status).toBe(400);
  });
});
