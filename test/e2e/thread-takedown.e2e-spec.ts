import { jest } from '@jest/globals';
import type { AuthResponse, PostView, ThreadView } from '@kindred/contracts';
import { connected, emitAck, startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

const BOARD = 'welcome-introductions';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 13, finding 17: hidden (by flags) and removed apply to the whole thread — title, opening
 * post and replies. Only its author and moderators read any of it; socket watchers are evicted.
 */
jest.setTimeout(30_000);

describe('a hidden or removed thread, as a whole', () => {
  let t: TestApp;
  let moderator: AuthResponse;
  beforeAll(async () => {
    t = await startTestApp({ FLAG_HIDE_THRESHOLD: '1' });
    moderator = await t.register(uniqueName('mod'));
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
  });
  afterAll(() => t.close());

  const newThread = async (author: AuthResponse): Promise<ThreadView> => {
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title: 'Something to say', body: 'The opening words of the thread.', anonymous: true },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const hideByFlag = async (thread: ThreadView): Promise<void> => {
    const flagger = await t.register();
    const res = await t.api('POST', '/api/flags', {
      token: flagger.token,
      body: { targetType: 'thread', targetId: thread.id, reason: 'harassment' },
    });
    expect(res.status).toBe(201);
    const [row] = (await t.dataSource.query(`SELECT status FROM threads WHERE id = $1`, [thread.id])) as Array<{
      status: string;
    }>;
    expect(row.status).toBe('hidden');
  };

  it('serves nothing of a hidden thread to guests or other members, and all of it to its author and moderators', async () => {
    const author = await t.register();
    const member = await t.register();
    const thread = await newThread(author);
    await hideByFlag(thread);
    for (const token of [undefined, member.token]) {
      expect((await t.api('GET', `/api/threads/${thread.id}`, { token })).status).toBe(404);
      expect((await t.api('GET', `/api/threads/${thread.id}/posts`, { token })).status).toBe(404);
      const board = await t.api<{ items: Array<{ id: string }> }>('GET', `/api/boards/${BOARD}/threads`, { token });
      expect(board.body.items.map((x) => x.id)).not.toContain(thread.id);
      const reaction = await t.api('PUT', `/api/posts/${thread.posts.items[0].id}/reactions/support`, { token });
      expect([401, 404]).toContain(reaction.status);
    }
    for (const token of [author.token, moderator.token]) {
      const res = await t.api<ThreadView>('GET', `/api/threads/${thread.id}`, { token });
      expect(res.status).toBe(200);
      expect(res.body.posts.items[0].body).toBe('The opening words of the thread.');
    }
  });

  it('lets nobody edit posts in a removed thread', async () => {
    const author = await t.register();
    const replier = await t.register();
    const thread = await newThread(author);
    const reply = await t.api<PostView>('POST', `/api/threads/${thread.id}/posts`, {
      token: replier.token,
      body: { body: 'A reply before it was removed.' },
    });
    const removed = await t.api('POST', `/api/moderation/targets/thread/${thread.id}/actions`, {
      token: moderator.token,
      body: { action: 'remove', reason: 'guidelines' },
    });
    expect(removed.status).toBe(200);
    const own = await t.api('PATCH', `/api/posts/${thread.posts.items[0].id}`, {
      token: author.token,
      body: { body: 'Edited after removal' },
    });
    expect(own.status).toBe(403);
    const theirs = await t.api('PATCH', `/api/posts/${reply.body.id}`, {
      token: replier.token,
      body: { body: 'Edited after removal' },
    });
    expect(theirs.status).toBe(404);
    const bodies: Array<{ body: string }> = await t.dataSource.query(`SELECT body FROM posts WHERE thread_id = $1`, [
      thread.id,
    ]);
    expect(bodies.map((b) => b.body)).not.toContain('Edited after removal');
  });

  it('evicts watchers who may no longer read it: later edits reach only the author and moderators', async () => {
    const author = await t.register();
    const member = await t.register();
    const thread = await newThread(author);
    const guest = t.socket('/');
    const memberSocket = t.socket('/', member.token);
    const modSocket = t.socket('/', moderator.token);
    const authorSocket = t.socket('/', author.token);
    const sockets = { guest, member: memberSocket, moderator: modSocket, author: authorSocket };
    await Promise.all(Object.values(sockets).map((s) => connected(s)));
    const updates: Record<string, string[]> = {};
    for (const [name, socket] of Object.entries(sockets)) {
      expect(await emitAck(socket, 'thread:watch', { threadId: thread.id })).toMatchObject({ ok: true });
      updates[name] = [];
      socket.on('post:updated', (post: PostView) => updates[name].push(post.body));
    }
    await hideByFlag(thread);
    await sleep(200);
    const edited = await t.api('PATCH', `/api/posts/${thread.posts.items[0].id}`, {
      token: author.token,
      body: { body: 'Edited while hidden' },
    });
    expect(edited.status).toBe(200);
    await sleep(300);
    expect(updates.guest).not.toContain('Edited while hidden');
    expect(updates.member).not.toContain('Edited while hidden');
    expect(updates.author).toContain('Edited while hidden');
    expect(updates.moderator).toContain('Edited while hidden');
    // And they cannot watch it again.
    expect(await emitAck(guest, 'thread:watch', { threadId: thread.id })).toMatchObject({ ok: false });
  });
});
