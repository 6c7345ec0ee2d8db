import type {
  AuthResponse,
  MentionableView,
  MeView,
  NotificationList,
  NotificationView,
  PostView,
  ThreadView,
} from '@kindred/contracts';
import type { Socket } from 'socket.io-client';
import { BoardsModerationPort } from '../../apps/api/src/boards/boards-moderation.port.js';
import { NoticesRepository } from '../../apps/api/src/moderation/notices/notices.repository.js';
import { connected, nextEvent, startTestApp, type TestApp } from '../support/test-app.js';

const BOARD = 'withdrawal-detox';

type NewEvent = { notification: NotificationView; unread: number };

/**
 * The notification centre: a reply reaches the thread's watchers live on their own room, named
 * only as the thread shows the replier; replies collapse; reading clears; muting silences; held
 * content notifies once approved; moderation notices are kinds of the same centre.
 */
describe('notifications', () => {
  let t: TestApp;
  let a: AuthResponse;
  let b: AuthResponse;
  let c: AuthResponse;
  const heard = new Map<string, Array<{ event: string; payload: unknown }>>();
  const sockets = new Map<string, Socket>();

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.register('dawn_hidden_author');
    b = await t.register('bright_replier');
    c = await t.register('calm_mentioner');
    for (const [name, who] of [
      ['a', a],
      ['b', b],
      ['c', c],
    ] as const) {
      const socket = t.socket('/', who.token);
      await connected(socket);
      const log: Array<{ event: string; payload: unknown }> = [];
      socket.onAny((event: string, payload: unknown) => log.push({ event, payload }));
      heard.set(name, log);
      sockets.set(name, socket);
    }
  }, 30_000);
  afterAll(() => t.close());

  const thread = async (
    who: AuthResponse,
    anonymous: boolean,
    title = 'Day 3 and cannot sleep',
  ): Promise<ThreadView> => {
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: who.token,
      body: { title, body: 'The nights are the worst part.', anonymous },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const reply = async (who: AuthResponse, threadId: string, body: string, anonymous = true, replyToId?: string) => {
    const res = await t.api<PostView>('POST', `/api/threads/${threadId}/posts`, {
      token: who.token,
      body: { body, anonymous, ...(replyToId ? { replyToId } : {}) },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const centre = async (who: AuthResponse, query = ''): Promise<NotificationList> => {
    const res = await t.api<NotificationList>('GET', `/api/me/notifications${query}`, { token: who.token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const alias = (view: PostView | ThreadView): string => {
    if (view.author.type !== 'anonymous') throw new Error('expected an anonymous author');
    return view.author.alias;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

  it('tells the anonymous author live of a reply, naming the replier only by their alias', async () => {
    const started = await thread(a, true);
    const live = nextEvent<NewEvent>(sockets.get('a')!, 'notification:new');
    const answer = await reply(b, started.id, 'Hang in there, night three was my worst too.');
    const { notification, unread } = await live;
    expect(unread).toBe(1);
    expect(notification).toMatchObject({
      kind: 'reply',
      count: 1,
      readAt: null,
      thread: { id: started.id, title: 'Day 3 and cannot sleep' },
      post: { id: answer.id },
      actor: { displayName: alias(answer) },
    });
    expect(notification.text).toBe(`${alias(answer)} replied in “Day 3 and cannot sleep”`);
    expect(JSON.stringify(notification)).not.toContain(b.user.username);
    const list = await centre(a);
    expect(list.unread).toBe(1);
    expect(list.items[0].id).toBe(notification.id);
    // The replier is told nothing, and nothing they can fetch or hear names the author.
    await settle();
    expect((await centre(b)).items).toEqual([]);
    expect(JSON.stringify(heard.get('b'))).not.toContain(a.user.username);
    expect(JSON.stringify(heard.get('c'))).not.toContain(a.user.username);
  });

  it("forgets a deleted replier's username in other members' notifications (red-team finding)", async () => {
    const author = await t.register();
    const replier = await t.register();
    const started = await thread(author, true, 'Week two, still here');
    await reply(replier, started.id, 'Proud of you for week two, keep going.', false);
    let list: NotificationList = { items: [], nextCursor: null, unread: 0 };
    for (let i = 0; i < 50 && list.items.length === 0; i++) {
      await settle();
      list = await centre(author);
    }
    expect(list.items[0]?.actor?.displayName).toBe(replier.user.username);
    const gone = await t.api('DELETE', '/api/me', {
      token: replier.token,
      body: { password: 'a long and good passphrase', mode: 'anonymize' },
    });
    expect(gone.status).toBe(204);
    const after = await centre(author);
    expect(JSON.stringify(after)).not.toContain(replier.user.username);
    expect(after.items[0]?.actor?.displayName).toBe('Former member');
  });

  it('collapses several replies to one thread into one unread item, and notifies nobody of their own reply', async () => {
    const started = await thread(a, true, 'Shaky hands on day two');
    const first = nextEvent<NewEvent>(sockets.get('a')!, 'notification:new');
    await reply(b, started.id, 'Magnesium helped me a little.');
    const firstItem = (await first).notification;
    for (const body of ['Warm baths too.', 'And water, lots of it.']) {
      const grown = nextEvent<NewEvent>(sockets.get('a')!, 'notification:new');
      await reply(c, started.id, body, false);
      expect((await grown).notification.id).toBe(firstItem.id);
    }
    const list = await centre(a);
    const item = list.items.find((i) => i.thread?.id === started.id)!;
    expect(item).toMatchObject({ id: firstItem.id, count: 3, text: '3 new replies in “Shaky hands on day two”' });
    // It still points at the first of them, so opening it starts where the news starts.
    expect(item.post?.id).toBe(firstItem.post?.id);
    // A answers anonymously in their own thread: A hears nothing; B and C (who replied, so watch) hear A's alias.
    const bHears = nextEvent<NewEvent>(sockets.get('b')!, 'notification:new');
    const own = await reply(a, started.id, 'Thank you both.');
    const bItem = (await bHears).notification;
    expect(bItem.actor?.displayName).toBe(alias(own));
    expect(JSON.stringify(bItem)).not.toContain(a.user.username);
    expect((await centre(a)).items.find((i) => i.thread?.id === started.id)?.count).toBe(3);
  });

  it('marks items read by id or all at once, live in every tab, and starts a new item after reading', async () => {
    const started = await thread(a, false, 'Reading marks');
    const arrived = nextEvent<NewEvent>(sockets.get('a')!, 'notification:new');
    await reply(b, started.id, 'One.');
    const item = (await arrived).notification;
    const readLive = nextEvent<{ ids: string[] | null; unread: number }>(sockets.get('a')!, 'notification:read');
    const before = (await centre(a)).unread;
    const res = await t.api<{ unread: number }>('POST', '/api/me/notifications/read', {
      token: a.token,
      body: { ids: [item.id] },
    });
    expect(res.status).toBe(200);
    expect(res.body.unread).toBe(before - 1);
    expect(await readLive).toEqual({ ids: [item.id], unread: before - 1 });
    const next = nextEvent<NewEvent>(sockets.get('a')!, 'notification:new');
    await reply(b, started.id, 'Two.');
    expect((await next).notification.id).not.toBe(item.id);
    const all = await t.api<{ unread: number }>('POST', '/api/me/notifications/read', {
      token: a.token,
      body: { all: true },
    });
    expect(all.body.unread).toBe(0);
    expect((await centre(a)).unread).toBe(0);
    // Someone else's ids change nothing of theirs.
    const other = await t.api<{ unread: number }>('POST', '/api/me/notifications/read', {
      token: b.token,
      body: { ids: [item.id] },
    });
    expect(other.status).toBe(200);
  });

  it('stops notifying once the thread is muted, and notifies a reply to your post unless muted', async () => {
    const started = await thread(a, true, 'Muting');
    const mute = await t.api('PUT', `/api/threads/${started.id}/follow`, { token: a.token, body: { level: 'muted' } });
    expect(mute.status).toBe(200);
    expect(mute.body).toEqual({ threadId: started.id, level: 'muted' });
    await reply(b, started.id, 'Muted reply.', true, started.posts.items[0].id);
    await settle();
    expect((await centre(a)).items.filter((i) => i.thread?.id === started.id)).toEqual([]);
    // Normal: only replies to you.
    await t.api('PUT', `/api/threads/${started.id}/follow`, { token: a.token, body: { level: 'normal' } });
    await reply(c, started.id, 'Not to you.', false);
    await settle();
    expect((await centre(a)).items.filter((i) => i.thread?.id === started.id)).toEqual([]);
    const arrived = nextEvent<NewEvent>(sockets.get('a')!, 'notification:new');
    await reply(c, started.id, 'To you.', false, started.posts.items[0].id);
    expect((await arrived).notification.thread?.id).toBe(started.id);
  });

  it('does not notify of held content until a moderator approves it, then once', async () => {
    const started = await thread(a, true, 'Held replies');
    const held = await t.api<PostView>('POST', `/api/threads/${started.id}/posts`, {
      token: b.token,
      body: { body: 'Call me at 555-867-5309 if you want to talk', anonymous: true },
    });
    expect(held.body.status).toBe('held');
    await settle();
    expect((await centre(a)).items.filter((i) => i.thread?.id === started.id)).toEqual([]);
    const arrived = nextEvent<NewEvent>(sockets.get('a')!, 'notification:new');
    await t.app.get(BoardsModerationPort).setPostStatus(held.body.id, 'published', null);
    expect((await arrived).notification.post?.id).toBe(held.body.id);
    // Hidden and shown again: no second notification.
    await t.app.get(BoardsModerationPort).setPostStatus(held.body.id, 'hidden', 'Flagged');
    await t.app.get(BoardsModerationPort).setPostStatus(held.body.id, 'published', null);
    await settle();
    expect((await centre(a)).items.find((i) => i.thread?.id === started.id)?.count).toBe(1);
  });

  it('pages the centre by keyset, and answers bad input with 400/404 naming the field', async () => {
    const first = await centre(a, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await centre(a, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0].id);
    expect(second.items.map((i) => i.id)).not.toContain(first.items[1].id);
    const badCursor = await t.api('GET', '/api/me/notifications?cursor=bm90LWEtY3Vyc29y', { token: a.token });
    expect(badCursor.status).toBe(400);
    expect(JSON.stringify(badCursor.body)).toContain('cursor');
    expect((await t.api('GET', '/api/me/notifications')).status).toBe(401);

    const started = await thread(a, false, 'Bad input');
    const level = await t.api('PUT', `/api/threads/${started.id}/follow`, { token: a.token, body: { level: 'loud' } });
    expect(level.status).toBe(400);
    expect(JSON.stringify(level.body)).toContain('level');
    const unknown = await t.api('PUT', `/api/threads/00000000-0000-4000-8000-000000000000/follow`, {
      token: a.token,
      body: { level: 'watching' },
    });
    expect(unknown.status).toBe(404);
    expect((await t.api('PUT', `/api/threads/nope/follow`, { token: a.token, body: { level: 'muted' } })).status).toBe(
      404,
    );
    // A thread that someone else cannot read (held) is the same 404 as one that does not exist.
    const heldThread = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: a.token,
      body: { title: 'anyone around', body: "who's got blues? need 10 pressed 30s tonight, cash ready, hmu" },
    });
    expect(heldThread.body.status).toBe('held');
    const hidden = await t.api('PUT', `/api/threads/${heldThread.body.id}/follow`, {
      token: b.token,
      body: { level: 'watching' },
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(unknown.body);
    const neither = await t.api('POST', '/api/me/notifications/read', { token: a.token, body: {} });
    expect(neither.status).toBe(400);
    expect(JSON.stringify(neither.body)).toContain('ids');
    const badIds = await t.api('POST', '/api/me/notifications/read', { token: a.token, body: { ids: ['x'] } });
    expect(badIds.status).toBe(400);
    const board = await t.api('PUT', `/api/boards/no-such-board/follow`, {
      token: a.token,
      body: { level: 'watching' },
    });
    expect(board.status).toBe(404);
    const boardLevel = await t.api('PUT', `/api/boards/${BOARD}/follow`, { token: a.token, body: { level: 'muted' } });
    expect(boardLevel.status).toBe(400);
    expect(JSON.stringify(boardLevel.body)).toContain('level');
  });

  it('keeps moderation notices as kinds of the centre, read in step with /api/me/notices', async () => {
    const noticeId = await t.app.get(NoticesRepository).create({
      userId: c.user.id,
      kind: 'warning',
      targetType: 'post',
      targetId: null,
      excerpt: null,
      reason: 'other',
      message: 'Please keep it kind.',
      suspendedUntil: null,
      appealable: false,
    });
    const list = await centre(c);
    const item = list.items.find((i) => i.noticeId === noticeId)!;
    expect(item).toMatchObject({ kind: 'warning', readAt: null });
    expect(item.text).toContain('note');
    await t.api('POST', '/api/me/notifications/read', { token: c.token, body: { ids: [item.id] } });
    const notices = await t.api<{ notices: Array<{ id: string; readAt: string | null }> }>('GET', '/api/me/notices', {
      token: c.token,
    });
    expect(notices.body.notices.find((n) => n.id === noticeId)?.readAt).not.toBeNull();
  });

  it('notifies a mention by username, and a mention of an alias reaches the person behind it', async () => {
    const started = await thread(a, true, 'Mentions');
    const opening = started.posts.items[0];
    // B watches (auto-watch on reply); C mentions B by name and A by the alias the thread shows.
    await reply(b, started.id, 'Here with you.', false);
    await settle();
    await t.api('POST', '/api/me/notifications/read', { token: a.token, body: { all: true } });
    await t.api('POST', '/api/me/notifications/read', { token: b.token, body: { all: true } });
    const aHears = nextEvent<NewEvent>(sockets.get('a')!, 'notification:new');
    const bHears = nextEvent<NewEvent>(sockets.get('b')!, 'notification:new');
    const res = await t.api<PostView>('POST', `/api/threads/${started.id}/posts`, {
      token: c.token,
      body: {
        body: `@${alias(opening)} and @${b.user.username}, you are not alone.`,
        anonymous: true,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('published');
    const [aEvent, bEvent] = await Promise.all([aHears, bHears]);
    for (const { notification } of [aEvent, bEvent]) {
      expect(notification).toMatchObject({ kind: 'mention', post: { id: res.body.id } });
      expect(notification.actor?.displayName).toBe(alias(res.body));
      expect(notification.text).toBe(`${alias(res.body)} mentioned you in “Mentions”`);
    }
    // A mention instead of (not as well as) a reply notification.
    await settle();
    expect((await centre(b)).items.filter((i) => i.thread?.id === started.id && !i.readAt)).toHaveLength(1);
    // The writer learns nothing: no event, and the response is the same as any reply.
    expect(JSON.stringify(res.body)).not.toContain(a.user.username);
    expect(JSON.stringify(heard.get('c'))).not.toContain(a.user.username);
    // Muted: a mention reaches nobody.
    await t.api('PUT', `/api/threads/${started.id}/follow`, { token: b.token, body: { level: 'muted' } });
    await reply(c, started.id, `@${b.user.username} again`, false);
    await settle();
    expect((await centre(b)).items.filter((i) => i.thread?.id === started.id && !i.readAt)).toHaveLength(1);
  });

  it('tells board watchers of a new thread, and nobody of a thread they started', async () => {
    const follow = await t.api('PUT', `/api/boards/${BOARD}/follow`, { token: c.token, body: { level: 'watching' } });
    expect(follow.status).toBe(200);
    expect(follow.body).toEqual({ slug: BOARD, level: 'watching' });
    const cHears = nextEvent<NewEvent>(sockets.get('c')!, 'notification:new');
    const started = await thread(a, true, 'A new thread to watch');
    const { notification } = await cHears;
    expect(notification).toMatchObject({ kind: 'thread', thread: { id: started.id, title: 'A new thread to watch' } });
    expect(notification.actor?.displayName).toBe(alias(started));
    const following = await t.api<{ threads: Array<{ id: string; level: string }>; boards: unknown[] }>(
      'GET',
      '/api/me/following',
      { token: a.token },
    );
    expect(following.body.threads).toContainEqual(expect.objectContaining({ id: started.id, level: 'watching' }));
    const cFollowing = await t.api<{ boards: Array<{ slug: string }> }>('GET', '/api/me/following', { token: c.token });
    expect(cFollowing.body.boards).toEqual([expect.objectContaining({ slug: BOARD, level: 'watching' })]);
    await t.api('PUT', `/api/boards/${BOARD}/follow`, { token: c.token, body: { level: 'normal' } });
  });

  it('publishes a reply that mentions a member, and still holds an @handle that is nobody on Kindred', async () => {
    const started = await thread(a, false, 'Handles and mentions');
    const known = await reply(c, started.id, `Thank you @${a.user.username}`, false);
    expect(known.status).toBe('published');
    const unknown = await t.api<PostView>('POST', `/api/threads/${started.id}/posts`, {
      token: c.token,
      body: { body: 'find me @sober_insta_dan_88', anonymous: false },
    });
    expect(unknown.body.status).toBe('held');
  });

  it('completes @ with the names the thread shows, never who is behind an alias', async () => {
    const started = await thread(a, true, 'Who is around tonight');
    const signed = await reply(b, started.id, 'I am here, signed.', false);
    expect(signed.author).toEqual({ type: 'member', username: 'bright_replier' });
    const shown = alias(started);
    const ask = (prefix: string, who = c) =>
      t.api<MentionableView>('GET', `/api/threads/${started.id}/mentionable?prefix=${encodeURIComponent(prefix)}`, {
        token: who.token,
      });
    expect((await ask(shown.slice(0, 3).toLowerCase())).body.items).toContainEqual({ name: shown, type: 'alias' });
    expect((await ask('bri')).body.items).toEqual([{ name: 'bright_replier', type: 'username' }]);
    // A wrote the thread anonymously: their username is not a name this thread shows.
    expect((await ask('dawn')).body.items).toEqual([]);
    const all = await ask('');
    expect(JSON.stringify(all.body)).not.toContain('dawn_hidden_author');
    expect(all.body.items.map((i) => i.name).sort()).toEqual(['bright_replier', shown].sort());
    const bad = await ask('50%');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('prefix');
    expect((await t.api('GET', `/api/threads/${crypto.randomUUID()}/mentionable`, { token: c.token })).status).toBe(
      404,
    );
    expect((await t.api('GET', `/api/threads/${started.id}/mentionable`)).status).toBe(401);
  });

  it('takes autoWatch through PATCH /api/me too (the issue names it), naming a bad field', async () => {
    const d = await t.register();
    const me = await t.api<MeView>('PATCH', '/api/me', { token: d.token, body: { autoWatch: false } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ autoWatch: false, pushTitles: false, anonymousByDefault: true });
    expect((await t.api('GET', '/api/me/notification-settings', { token: d.token })).body).toEqual({
      autoWatch: false,
    });
    const both = await t.api<MeView>('PATCH', '/api/me', {
      token: d.token,
      body: { autoWatch: true, anonymousByDefault: false },
    });
    expect(both.body).toMatchObject({ autoWatch: true, anonymousByDefault: false });
    const bad = await t.api('PATCH', '/api/me', { token: d.token, body: { autoWatch: 'yes' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('autoWatch');
    const empty = await t.api('PATCH', '/api/me', { token: d.token, body: {} });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('autoWatch');
  });

  it('lets a member stop watching what they reply to (auto-watch off), and lists what they follow', async () => {
    const d = await t.register();
    expect((await t.api('GET', '/api/me/notification-settings', { token: d.token })).body).toEqual({ autoWatch: true });
    const off = await t.api('PUT', '/api/me/notification-settings', { token: d.token, body: { autoWatch: false } });
    expect(off.body).toEqual({ autoWatch: false });
    const bad = await t.api('PUT', '/api/me/notification-settings', { token: d.token, body: { autoWatch: 'yes' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('autoWatch');
    const started = await thread(a, false, 'Auto-watch off');
    await reply(d, started.id, 'Passing by.', false);
    expect((await t.api('GET', `/api/threads/${started.id}/follow`, { token: d.token })).body).toEqual({
      threadId: started.id,
      level: 'normal',
    });
    await reply(b, started.id, 'Hello both.', false);
    await settle();
    expect((await centre(d)).items).toEqual([]);
    const board = await t.api('GET', `/api/boards/${BOARD}/follow`, { token: d.token });
    expect(board.body).toEqual({ slug: BOARD, level: 'normal' });
    expect((await t.api('GET', '/api/me/following', { token: d.token })).body).toEqual({ threads: [], boards: [] });
  });

  it('tracks where a member stopped reading: first unread post, "n new" per thread, forward only', async () => {
    const started = await thread(a, false, 'Unread tracking');
    const opening = started.posts.items[0];
    const never = await t.api('GET', `/api/threads/${started.id}/read`, { token: b.token });
    expect(never.body).toEqual({ threadId: started.id, lastReadPostId: null, firstUnreadPostId: null, unread: 0 });
    const mark = await t.api('PUT', `/api/threads/${started.id}/read`, {
      token: b.token,
      body: { postId: opening.id },
    });
    expect(mark.status).toBe(200);
    const first = await reply(c, started.id, 'First new one.', false);
    await reply(c, started.id, 'Second new one.', false);
    await reply(c, started.id, 'Third new one.', false);
    const state = await t.api('GET', `/api/threads/${started.id}/read`, { token: b.token });
    expect(state.body).toEqual({
      threadId: started.id,
      lastReadPostId: opening.id,
      firstUnreadPostId: first.id,
      unread: 3,
    });
    const other = await thread(a, false, 'Never opened');
    const counts = await t.api('GET', `/api/me/unread?threads=${started.id},${other.id}`, { token: b.token });
    expect(counts.body).toEqual({ threads: { [started.id]: 3 } });
    // Reading on moves the mark; an older post does not move it back.
    await t.api('PUT', `/api/threads/${started.id}/read`, { token: b.token, body: { postId: first.id } });
    await t.api('PUT', `/api/threads/${started.id}/read`, { token: b.token, body: { postId: opening.id } });
    expect(
      ((await t.api('GET', `/api/threads/${started.id}/read`, { token: b.token })).body as { unread: number }).unread,
    ).toBe(2);
    // Bad input.
    const badPost = await t.api('PUT', `/api/threads/${started.id}/read`, {
      token: b.token,
      body: { postId: other.posts.items[0].id },
    });
    expect(badPost.status).toBe(404);
    const malformed = await t.api('PUT', `/api/threads/${started.id}/read`, { token: b.token, body: { postId: 'x' } });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('postId');
    const badList = await t.api('GET', '/api/me/unread?threads=nope', { token: b.token });
    expect(badList.status).toBe(400);
    expect(JSON.stringify(badList.body)).toContain('threads');
    expect((await t.api('PUT', `/api/threads/${started.id}/read`, { body: { postId: first.id } })).status).toBe(401);
  });
});
