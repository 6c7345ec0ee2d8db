import type { ErrorBody, PostView, ThreadView } from '@kindred/contracts';
import { jest } from '@jest/globals';
import { UserCache } from '../../apps/api/src/auth/user-cache.service.js';
import { ThreadsRepository } from '../../apps/api/src/boards/threads.repository.js';
import { UsersRepository } from '../../apps/api/src/users/users.repository.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BOARD = 'welcome-introductions';

/** Resolves once the account cache's LISTEN connection is up (it starts after bootstrap). */
async function cacheActive(t: TestApp): Promise<void> {
  const cache = t.app.get(UserCache);
  for (let i = 0; i < 100 && !cache.active; i++) await new Promise((r) => setTimeout(r, 50));
  expect(cache.active).toBe(true);
}

describe('read caches (accounts behind tokens, guest thread pages)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await cacheActive(t);
  }, 60_000);
  afterAll(() => t.close(), 30_000);

  async function newThread(token: string): Promise<ThreadView> {
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token,
      body: { title: 'A steady week', body: 'Checking in: a steady week.', anonymous: false },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('serves repeated requests of one account from the cache', async () => {
    const { token } = await t.register();
    const findById = jest.spyOn(t.app.get(UsersRepository), 'findById');
    try {
      for (let i = 0; i < 5; i++) expect((await t.api('GET', '/api/boards', { token })).status).toBe(200);
      expect(findById.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      findById.mockRestore();
    }
  });

  it('sees a suspension, a role change and a deletion made in SQL on the very next request', async () => {
    const member = await t.register();
    const thread = await newThread(member.token);
    // The account is cached now.
    expect((await t.api('GET', '/api/me', { token: member.token })).status).toBe(200);

    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [member.user.id]);
    const pinned = await t.api('PATCH', `/api/threads/${thread.id}`, { token: member.token, body: { pinned: true } });
    expect(pinned.status).toBe(200);

    await t.dataSource.query(`UPDATE users SET suspended_until = now() + interval '1 day' WHERE id = $1`, [
      member.user.id,
    ]);
    const reply = await t.api<ErrorBody>('POST', `/api/threads/${thread.id}/posts`, {
      token: member.token,
      body: { body: 'Still here.', anonymous: false },
    });
    expect({ status: reply.status, code: reply.body.code }).toEqual({ status: 403, code: 'suspended' });

    await t.dataSource.query(`DELETE FROM users WHERE id = $1`, [member.user.id]);
    expect((await t.api('GET', '/api/me', { token: member.token })).status).toBe(401);
  });

  it('refuses old tokens right after "sign out everywhere"', async () => {
    const { token } = await t.register();
    expect((await t.api('GET', '/api/me', { token })).status).toBe(200);
    expect((await t.api('POST', '/api/auth/logout-everywhere', { token })).status).toBe(204);
    expect((await t.api('GET', '/api/me', { token })).status).toBe(401);
  });

  it("serves a guest's thread page from memory and shows every change at once", async () => {
    const author = await t.register();
    const other = await t.register();
    const thread = await newThread(author.token);
    const guestPage = async () => {
      const res = await t.api<ThreadView>('GET', `/api/threads/${thread.id}`);
      expect(res.status).toBe(200);
      return res.body;
    };

    const findThread = jest.spyOn(t.app.get(ThreadsRepository), 'findThread');
    try {
      await guestPage();
      await guestPage();
      await guestPage();
      expect(findThread.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      findThread.mockRestore();
    }

    const posted = await t.api<PostView>('POST', `/api/threads/${thread.id}/posts`, {
      token: other.token,
      body: { body: 'Proud of you for checking in.', anonymous: true },
    });
    expect(posted.status).toBe(201);
    let page = await guestPage();
    expect(page.replyCount).toBe(1);
    expect(page.posts.items.map((p) => p.id)).toContain(posted.body.id);

    expect((await t.api('PUT', `/api/posts/${posted.body.id}/reactions/support`, { token: author.token })).status).toBe(
      200,
    );
    page = await guestPage();
    expect(page.posts.items.find((p) => p.id === posted.body.id)?.reactions.support).toBe(1);

    expect((await t.api('DELETE', `/api/posts/${posted.body.id}`, { token: other.token })).status).toBe(200);
    page = await guestPage();
    const deleted = page.posts.items.find((p) => p.id === posted.body.id);
    expect(deleted?.status).toBe('deleted');
    expect(deleted?.body).toBe('');
  });
});
