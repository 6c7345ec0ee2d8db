import { jest } from '@jest/globals';
import type { AuthResponse, FollowingList, NotificationList, PostView, ThreadView } from '@kindred/contracts';
import { startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

const BOARD = 'welcome-introductions';
jest.setTimeout(60_000);

/**
 * Red-team round 2: what a member's notification centre and "Following" list keep of a thread that
 * moderators took down. Removed or hidden content is read by nobody but its author and moderators
 * (SECURITY.md, finding 17), so its title must not live on in other members' lists.
 */
describe('red team: notifications and follows of a thread taken down', () => {
  let t: TestApp;
  let moderator: AuthResponse;
  beforeAll(async () => {
    t = await startTestApp();
    moderator = await t.register(uniqueName('mod'));
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
  });
  afterAll(() => t.close());

  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
  const centre = async (who: AuthResponse): Promise<NotificationList> =>
    (await t.api<NotificationList>('GET', '/api/me/notifications', { token: who.token })).body;

  it("shows no removed thread title in a watcher's notifications or following list (its author still sees it)", async () => {
    const author = await t.register();
    const watcher = await t.register();
    const title = 'Pinecone weather and the quiet lighthouse';
    const started = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title, body: 'Some thoughts on a calm week.', anonymous: true },
    });
    expect(started.status).toBe(201);
    const threadId = started.body.id;
    expect(
      (await t.api('PUT', `/api/threads/${threadId}/follow`, { token: watcher.token, body: { level: 'watching' } }))
        .status,
    ).toBe(200);
    const replied = await t.api<PostView>('POST', `/api/threads/${threadId}/posts`, {
      token: (await t.register()).token,
      body: { body: 'Thanks for sharing this, it helped.', anonymous: true },
    });
    expect(replied.status).toBe(201);
    let list: NotificationList = { items: [], nextCursor: null, unread: 0 };
    for (let i = 0; i < 50 && list.items.length === 0; i++) {
      await settle();
      list = await centre(watcher);
    }
    expect(JSON.stringify(list)).toContain(title);

    const removed = await t.api('POST', `/api/moderation/targets/thread/${threadId}/actions`, {
      token: moderator.token,
      body: { action: 'remove', reason: 'guidelines' },
    });
    expect(removed.status).toBe(200);
    expect((await t.api('GET', `/api/threads/${threadId}`, { token: watcher.token })).status).toBe(404);

    const after = await centre(watcher);
    expect(after.items).toHaveLength(1);
    expect(JSON.stringify(after)).not.toContain(title);
    const following = await t.api<FollowingList>('GET', '/api/me/following', { token: watcher.token });
    expect(JSON.stringify(following.body)).not.toContain(title);
    const mine = await t.api<FollowingList>('GET', '/api/me/following', { token: author.token });
    expect(JSON.stringify(mine.body)).toContain(title);
  });
});
