import type { AuthResponse, PostView, ThreadView } from '@kindred/contracts';
import type { Socket } from 'socket.io-client';
import { BoardsModerationPort } from '../../apps/api/src/boards/boards-moderation.port.js';
import { connected, emitAck, startTestApp, type TestApp } from '../support/test-app.js';

const BOARD = 'cravings-relapse-prevention';
const EVENTS = [
  'post:new',
  'post:updated',
  'post:removed',
  'post:reactions',
  'thread:updated',
  'thread:new',
  'thread:readers',
  'board:activity',
];

/**
 * The anonymity promise: whatever a guest, another member or a moderator can fetch or hear,
 * an anonymous author's id and username appear nowhere in it.
 */
describe('boards anonymity', () => {
  let t: TestApp;
  let author: AuthResponse;
  let other: AuthResponse;
  let moderator: AuthResponse;

  beforeAll(async () => {
    t = await startTestApp();
    author = await t.register('hidden_author_zq');
    other = await t.register();
    moderator = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
  });
  afterAll(() => t.close());

  const alias = (post: PostView | ThreadView): string => {
    if (post.author.type !== 'anonymous') throw new Error(`expected an anonymous author, got ${post.author.type}`);
    return post.author.alias;
  };

  it('never reveals an anonymous author to guests, other members or moderators', async () => {
    const viewers: Array<{ name: string; token?: string }> = [
      { name: 'guest' },
      { name: 'member', token: other.token },
      { name: 'moderator', token: moderator.token },
    ];
    // Everyone watches the board and (once it exists) the thread, recording every event.
    const heard: Array<{ viewer: string; event: string; payload: unknown }> = [];
    const sockets: Array<{ name: string; socket: Socket }> = [];
    for (const viewer of viewers) {
      const socket = t.socket('/', viewer.token);
      await connected(socket);
      for (const event of EVENTS)
        socket.on(event, (payload: unknown) => heard.push({ viewer: viewer.name, event, payload }));
      await emitAck(socket, 'board:watch', { slug: BOARD });
      sockets.push({ name: viewer.name, socket });
    }

    const started = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title: 'Craving hit hard tonight', body: 'It came out of nowhere after work.', anonymous: true },
    });
    expect(started.status).toBe(201);
    const thread = started.body;
    expect(thread.isMine).toBe(true);
    for (const { socket } of sockets) await emitAck(socket, 'thread:watch', { threadId: thread.id });

    const otherReply = await t.api<PostView>('POST', `/api/threads/${thread.id}/posts`, {
      token: other.token,
      body: { body: 'Ride it out with us, craving waves pass.', anonymous: true },
    });
    const authorReply = await t.api<PostView>('POST', `/api/threads/${thread.id}/posts`, {
      token: author.token,
      body: { body: 'Thank you. The craving is easing now.', anonymous: true, replyToId: otherReply.body.id },
    });
    expect(authorReply.body.isMine).toBe(true);
    await t.api('PATCH', `/api/posts/${authorReply.body.id}`, {
      token: author.token,
      body: { body: 'Thank you. The craving is easing now, truly.' },
    });
    await t.api('PUT', `/api/posts/${otherReply.body.id}/reactions/support`, { token: author.token });
    await t.api('PUT', `/api/posts/${authorReply.body.id}/reactions/proud`, { token: other.token });

    // A second thread, started by someone else, where the author answers anonymously too.
    const second = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: other.token,
      body: { title: 'Evening cravings routine', body: 'What helps you in the evening?', anonymous: false },
    });
    const elsewhere = await t.api<PostView>('POST', `/api/threads/${second.body.id}/posts`, {
      token: author.token,
      body: { body: 'A walk helps me with the craving.', anonymous: true },
    });

    // Moderation acts on the post, and watchers hear about it.
    const port = t.app.get(BoardsModerationPort);
    await port.setPostStatus(authorReply.body.id, 'hidden', 'Flagged by members');
    await port.setPostStatus(authorReply.body.id, 'published', null);
    await port.lockThread(second.body.id, true);
    await port.setThreadStatus(second.body.id, 'published', null);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const paths = [
      '/api/boards',
      `/api/boards/${BOARD}`,
      `/api/boards/${BOARD}/threads`,
      `/api/boards/${BOARD}/threads?unanswered=true`,
      '/api/threads?unanswered=true',
      `/api/threads/${thread.id}`,
      `/api/threads/${thread.id}/posts`,
      `/api/threads/${second.body.id}`,
      `/api/threads/${second.body.id}/posts?limit=1`,
      '/api/search?q=craving',
      '/api/search?q=evening',
      `/api/members/${other.user.username}`,
    ];
    const fetched: Array<{ viewer: string; path: string; body: unknown }> = [];
    for (const viewer of viewers) {
      for (const path of paths) {
        const res = await t.api('GET', path, { token: viewer.token });
        expect([path, res.status]).toEqual([path, 200]);
        fetched.push({ viewer: viewer.name, path, body: res.body });
      }
      if (viewer.token) {
        const own = await t.api('GET', `/api/threads/${thread.id}/alias`, { token: viewer.token });
        fetched.push({ viewer: viewer.name, path: 'alias', body: own.body });
      }
    }
    const authorProfile = await t.api('GET', `/api/members/${author.user.username}`);
    expect(JSON.stringify(authorProfile.body)).not.toContain(authorReply.body.id);
    expect(JSON.stringify(authorProfile.body)).not.toContain(thread.id);
    expect(JSON.stringify(authorProfile.body)).not.toContain(elsewhere.body.id);

    // Enough was heard for the check to mean something.
    for (const viewer of viewers) {
      const events = new Set(heard.filter((h) => h.viewer === viewer.name).map((h) => h.event));
      for (const event of [
        'post:new',
        'post:updated',
        'post:reactions',
        'thread:new',
        'board:activity',
        'thread:updated',
      ]) {
        expect([viewer.name, event, events.has(event)]).toEqual([viewer.name, event, true]);
      }
    }
    const search = fetched.find((f) => f.path === '/api/search?q=craving')?.body as { items: unknown[] };
    expect(search.items.length).toBeGreaterThanOrEqual(4);

    const everything = JSON.stringify({ fetched, heard });
    expect(everything).not.toContain(author.user.id);
    expect(everything.toLowerCase()).not.toContain(author.user.username.toLowerCase());
    // …and the scan is not vacuous: the other member's signed thread does name them.
    expect(everything).toContain(other.user.username);

    // Aliases: stable within a thread, different across threads and between members.
    const view = (await t.api<ThreadView>('GET', `/api/threads/${thread.id}`)).body;
    const [opening, otherPost, authorPost] = view.posts.items;
    expect(alias(view)).toBe(alias(opening));
    expect(alias(authorPost)).toBe(alias(opening));
    expect(alias(otherPost)).not.toBe(alias(opening));
    expect(alias(elsewhere.body)).not.toBe(alias(opening));
    expect(view.posts.items.every((p) => p.isMine === false)).toBe(true);
    const authorView = (await t.api<ThreadView>('GET', `/api/threads/${thread.id}`, { token: author.token })).body;
    expect(authorView.posts.items.map((p) => p.isMine)).toEqual([true, false, true]);
  });

  it('resolves an alias clash between two members deterministically', async () => {
    const started = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title: 'Clash test thread', body: 'first', anonymous: true },
    });
    const taken = alias(started.body);
    // Pretend the other member's usual alias is already held by someone else in this thread.
    const preview = await t.api<{ alias: string }>('GET', `/api/threads/${started.body.id}/alias`, {
      token: other.token,
    });
    await t.dataSource.query(`UPDATE posts SET alias = $2 WHERE id = $1`, [
      started.body.posts.items[0].id,
      preview.body.alias,
    ]);
    const reply = await t.api<PostView>('POST', `/api/threads/${started.body.id}/posts`, {
      token: other.token,
      body: { body: 'second', anonymous: true },
    });
    expect(alias(reply.body)).not.toBe(preview.body.alias);
    expect(taken).toBeTruthy();
    const again = await t.api<PostView>('POST', `/api/threads/${started.body.id}/posts`, {
      token: other.token,
      body: { body: 'third', anonymous: true },
    });
    expect(alias(again.body)).toBe(alias(reply.body));
  });
});
