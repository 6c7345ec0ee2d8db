import type {
  AdminUserView,
  AuthResponse,
  ErrorBody,
  FlagCreated,
  LogPage,
  ModerationActionResult,
  NoticeList,
  NoticeView,
  Page,
  PostView,
  QueueItemView,
  QueuePage,
  ThreadView,
} from '@kindred/contracts';
import { connected, nextEvent, startTestApp, type TestApp } from '../support/test-app.js';

const BOARD = 'welcome-introductions';

describe('moderation', () => {
  let t: TestApp;
  let moderator: AuthResponse;
  let admin: AuthResponse;

  beforeAll(async () => {
    t = await startTestApp();
    moderator = await t.register();
    admin = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id]);
  });
  afterAll(() => t.close());

  async function thread(author: AuthResponse, anonymous = false): Promise<ThreadView> {
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title: 'Day three of withdrawal', body: 'The nights are the hardest part for me.', anonymous },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function reply(author: AuthResponse, threadId: string, body: string, anonymous = false): Promise<PostView> {
    const res = await t.api<PostView>('POST', `/api/threads/${threadId}/posts`, {
      token: author.token,
      body: { body, anonymous },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function postAs(viewer: AuthResponse | null, threadId: string, postId: string): Promise<PostView> {
    const res = await t.api<Page<PostView>>('GET', `/api/threads/${threadId}/posts`, { token: viewer?.token });
    expect(res.status).toBe(200);
    const post = res.body.items.find((p) => p.id === postId);
    if (!post) throw new Error('post not in thread');
    return post;
  }

  const flag = (who: AuthResponse, targetId: string, reason: string, targetType = 'post', note?: string) =>
    t.api<FlagCreated & ErrorBody>('POST', '/api/flags', {
      token: who.token,
      body: { targetType, targetId, reason, ...(note ? { note } : {}) },
    });

  const act = (itemId: string, body: Record<string, unknown>, token = moderator.token) =>
    t.api<ModerationActionResult & ErrorBody>('POST', `/api/moderation/items/${itemId}/actions`, { token, body });

  it('hides a post once three members flag it: others see the placeholder, the author sees why', async () => {
    const author = await t.register();
    const op = await thread(author);
    const post = await reply(author, op.id, 'This thread is boring and so are all of you.');
    const [a, b, c, reader] = await Promise.all([t.register(), t.register(), t.register(), t.register()]);

    const first = await flag(a, post.id, 'sourcing');
    expect(first.status).toBe(201);
    expect(first.body.itemId).toEqual(expect.any(String));
    expect((await flag(b, post.id, 'spam')).status).toBe(201);
    expect((await postAs(reader, op.id, post.id)).status).toBe('published');
    const third = await flag(c, post.id, 'sourcing');
    expect(third.body.itemId).toBe(first.body.itemId);

    const seen = await postAs(reader, op.id, post.id);
    expect(seen.status).toBe('hidden');
    expect(seen.body).toBe('');
    const own = await postAs(author, op.id, post.id);
    expect(own.status).toBe('hidden');
    expect(own.moderation?.reason).toMatch(/hidden while moderators review/i);

    const item = await t.api<QueueItemView>('GET', `/api/moderation/items/${first.body.itemId}`, {
      token: moderator.token,
    });
    expect(item.body).toMatchObject({ hidden: true, priority: 'high', flagCount: 3, weight: 3, status: 'open' });
    expect(item.body.reasons).toEqual(
      expect.arrayContaining([
        { reason: 'sourcing', count: 2 },
        { reason: 'spam', count: 1 },
      ]),
    );
    expect(item.body.target).toMatchObject({
      excerpt: expect.stringContaining('boring'),
      author: author.user.username,
    });
  });

  it('answers 409 for a second flag, 403 on your own post, 400 for "other" without a note', async () => {
    const author = await t.register();
    const op = await thread(author);
    const member = await t.register();
    expect((await flag(member, op.posts.items[0].id, 'spam')).status).toBe(201);
    const again = await flag(member, op.posts.items[0].id, 'harassment');
    expect(again.status).toBe(409);
    const own = await flag(author, op.posts.items[0].id, 'spam');
    expect(own.status).toBe(403);
    const noNote = await flag(member, op.id, 'other', 'thread');
    expect(noNote.status).toBe(400);
    // The opening post is the thread (issue 15): flagging the thread after its opening post is the same flag.
    expect((await flag(member, op.id, 'other', 'thread', 'Looks like a copy of another thread')).status).toBe(409);
    const another = await t.register();
    expect((await flag(another, op.id, 'other', 'thread', 'Looks like a copy of another thread')).status).toBe(201);
    const missing = await flag(member, '00000000-0000-4000-8000-000000000000', 'spam');
    expect(missing.status).toBe(404);
    expect(
      (await t.api('POST', '/api/flags', { body: { targetType: 'post', targetId: op.id, reason: 'spam' } })).status,
    ).toBe(401);
  });

  it('never hides for a crisis flag, puts it first and alerts moderators live', async () => {
    const socket = t.socket('/moderation', moderator.token);
    await connected(socket);
    const author = await t.register();
    const op = await thread(author);
    const post = await reply(author, op.id, 'I do not think I can keep going tonight.');
    const upsert = nextEvent<{ item: QueueItemView }>(socket, 'queue:upsert');
    const alert = nextEvent<{ item: QueueItemView }>(socket, 'alert:urgent');
    const members = await Promise.all([t.register(), t.register(), t.register(), t.register()]);
    const first = await flag(members[0], post.id, 'crisis');
    expect(first.status).toBe(201);
    expect((await upsert).item).toMatchObject({ id: first.body.itemId, priority: 'urgent' });
    expect((await alert).item.id).toBe(first.body.itemId);
    for (const member of members.slice(1)) expect((await flag(member, post.id, 'crisis')).status).toBe(201);

    expect((await postAs(members[0], op.id, post.id)).status).toBe('published');
    const queue = await t.api<QueuePage>('GET', '/api/moderation/queue', { token: moderator.token });
    expect(queue.status).toBe(200);
    expect(queue.body.items[0]).toMatchObject({ id: first.body.itemId, priority: 'urgent', hidden: false });
  });

  it('paginates the queue with a keyset cursor, urgent first then oldest first', async () => {
    const seen: QueueItemView[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: QueuePage } = await t.api<QueuePage>(
        'GET',
        `/api/moderation/queue?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { token: moderator.token },
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    const rank = { urgent: 0, high: 1, normal: 2 };
    for (let i = 1; i < seen.length; i++) {
      const a = seen[i - 1];
      const b = seen[i];
      expect(
        rank[a.priority] < rank[b.priority] || (a.priority === b.priority && a.firstFlaggedAt <= b.firstFlaggedAt),
      ).toBe(true);
    }
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    expect((await t.api('GET', '/api/moderation/queue?cursor=nonsense', { token: moderator.token })).status).toBe(400);
  });

  it('refuses members (403) and guests (401) on the queue, and members at the socket handshake', async () => {
    const member = await t.register();
    expect((await t.api('GET', '/api/moderation/queue')).status).toBe(401);
    expect((await t.api('GET', '/api/moderation/queue', { token: member.token })).status).toBe(403);
    expect((await t.api('GET', '/api/moderation/log', { token: member.token })).status).toBe(403);
    expect((await t.api('POST', '/api/moderation/unmask', { token: moderator.token, body: {} })).status).toBe(403);
    const socket = t.socket('/moderation', member.token);
    await expect(connected(socket)).rejects.toThrow(/permission/);
    const guest = t.socket('/moderation');
    await expect(connected(guest)).rejects.toThrow(/sign in/);
  });

  it('suspends the author of an anonymous post without revealing who they are', async () => {
    const author = await t.register();
    const op = await thread(await t.register());
    const post = await reply(author, op.id, 'Selling what you need, message me for prices.', true);
    const forum = t.socket('/', author.token);
    await connected(forum);
    const member = await t.register();
    const flagged = await flag(member, post.id, 'sourcing');

    const bodies: unknown[] = [];
    const record = <T>(res: { body: T }): T => {
      bodies.push(res.body);
      return res.body;
    };
    record(await t.api('GET', '/api/moderation/queue', { token: moderator.token }));
    const item = record(
      await t.api<QueueItemView>('GET', `/api/moderation/items/${flagged.body.itemId}`, { token: moderator.token }),
    );
    expect(item.target?.anonymous).toBe(true);
    expect(item.target?.author).toBeNull();
    const claimed = await t.api<QueueItemView>('POST', `/api/moderation/items/${flagged.body.itemId}/claim`, {
      token: moderator.token,
    });
    record(claimed);
    expect(claimed).toMatchObject({ status: 200, body: { claimedBy: moderator.user.username } });
    const taken = await t.api<ErrorBody>('POST', `/api/moderation/items/${flagged.body.itemId}/claim`, {
      token: admin.token,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toContain(moderator.user.username);
    expect((await act(flagged.body.itemId, { action: 'approve', reason: 'no_violation' }, admin.token)).status).toBe(
      409,
    );

    const suspendedEvent = nextEvent<{ until: string | null }>(forum, 'you:suspended');
    const notice = nextEvent<{ notice: NoticeView }>(forum, 'notice:new');
    const res = await act(flagged.body.itemId, { action: 'suspend_author', reason: 'sourcing', days: 7 });
    record(res);
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatch(/^Author suspended until /);
    expect((await suspendedEvent).until).toEqual(expect.any(String));
    expect((await notice).notice).toMatchObject({ kind: 'suspension', appealable: true });

    const removed = await act(flagged.body.itemId, { action: 'remove', reason: 'sourcing' });
    record(removed);
    expect(removed.status).toBe(200);
    record(await t.api('GET', '/api/moderation/log', { token: moderator.token }));
    record(await t.api('GET', '/api/moderation/queue?status=resolved', { token: moderator.token }));

    const everything = JSON.stringify(bodies);
    expect(everything).not.toContain(author.user.username);
    expect(everything).not.toContain(author.user.id);

    const blocked = await t.api<ErrorBody>('POST', `/api/threads/${op.id}/posts`, {
      token: author.token,
      body: { body: 'trying again' },
    });
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('suspended');
    const flagBlocked = await flag(author, op.posts.items[0].id, 'spam');
    expect(flagBlocked.status).toBe(403);
    const rows: Array<Record<string, unknown>> = await t.dataSource.query(`SELECT * FROM moderation_log`);
    expect(JSON.stringify(rows)).not.toContain(author.user.username);
    expect(JSON.stringify(rows)).not.toContain(author.user.id);
  });

  it('answers "suspend the author" the same whether or not the anonymous author deleted their account', async () => {
    // Red-team finding: a 404 "no longer has an account" told a moderator which anonymous posts
    // belonged to one deleted account (they all flipped at once).
    const op = await thread(await t.register());
    const gone = await t.register();
    const live = await t.register();
    const gonePost = await reply(gone, op.id, 'I said something unkind earlier tonight.', true);
    const livePost = await reply(live, op.id, 'I said something unkind earlier too.', true);
    const deleted = await t.api('DELETE', '/api/me', {
      token: gone.token,
      body: { password: 'a long and good passphrase', mode: 'anonymize' },
    });
    expect(deleted.status).toBe(204);
    const suspend = (postId: string) =>
      t.api<{ summary: string }>('POST', `/api/moderation/targets/post/${postId}/actions`, {
        token: moderator.token,
        body: { action: 'suspend_author', reason: 'harassment', days: 1 },
      });
    const [a, b] = [await suspend(gonePost.id), await suspend(livePost.id)];
    expect({ status: a.status, summary: a.body.summary }).toEqual({ status: b.status, summary: b.body.summary });
    expect(a.status).toBe(200);
  });

  it('shows moderators nothing of a post its author deleted (as for an erased one: the two look alike)', async () => {
    const op = await thread(await t.register());
    const author = await t.register();
    const post = await reply(author, op.id, 'Something I regret writing here tonight.', true);
    const flagged = await flag(await t.register(), post.id, 'harassment');
    expect(flagged.status).toBe(201);
    expect((await t.api('DELETE', `/api/posts/${post.id}`, { token: author.token })).status).toBe(200);
    const item = await t.api<QueueItemView>('GET', `/api/moderation/items/${flagged.body.itemId}`, {
      token: moderator.token,
    });
    expect(item.status).toBe(200);
    expect(item.body.target?.excerpt).toBe('');
    expect(JSON.stringify(item.body)).not.toContain('regret');
  });

  it('no admin screen tells who was suspended through an anonymous post, or when', async () => {
    const author = await t.register();
    const bystander = await t.register();
    const op = await thread(await t.register());
    const post = await reply(author, op.id, 'Selling what you need, message me for prices.', true);
    const res = await t.api('POST', `/api/moderation/targets/post/${post.id}/actions`, {
      token: admin.token,
      body: { action: 'suspend_author', reason: 'sourcing', days: 7 },
    });
    expect(res.status).toBe(200);
    const list = await t.api<{ users: AdminUserView[] }>('GET', '/api/admin/users', { token: admin.token });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(author.user.username);
    // A search finds both members; nothing in their rows but the names and join times differs.
    const shape = (u: AdminUserView | undefined): unknown => ({ ...u, username: 0, createdAt: 0 });
    const rowOf = async (who: AuthResponse): Promise<AdminUserView | undefined> =>
      (
        await t.api<{ users: AdminUserView[] }>('GET', `/api/admin/users?q=${who.user.username}`, {
          token: admin.token,
        })
      ).body.users.find((u) => u.username === who.user.username);
    expect(shape(await rowOf(author))).toEqual(shape(await rowOf(bystander)));
    // Lifting answers and logs the same for a suspended member and for one who never was.
    const lift = async (who: AuthResponse) => {
      const lifted = await t.api<AdminUserView>('DELETE', `/api/admin/users/${who.user.username}/suspension`, {
        token: admin.token,
      });
      const log = await t.api<LogPage>('GET', '/api/moderation/log?action=lift_suspension', { token: admin.token });
      return { status: lifted.status, body: shape(lifted.body), entry: { ...log.body.entries[0], id: 0, at: 0 } };
    };
    expect(await lift(author)).toEqual(await lift(bystander));
    expect((await reply(author, op.id, 'Back again')).status).toBe('published');
  });

  it('logs every action, filters by action and moderator, and the log cannot be changed', async () => {
    const author = await t.register();
    const op = await thread(author);
    const post = await reply(author, op.id, 'A long rant at another member.');
    const direct = async (body: Record<string, unknown>) =>
      t.api<ModerationActionResult & ErrorBody>('POST', `/api/moderation/targets/post/${post.id}/actions`, {
        token: moderator.token,
        body,
      });
    expect((await direct({ action: 'warn_author', reason: 'harassment', message: 'Please be gentle.' })).status).toBe(
      200,
    );
    expect((await direct({ action: 'add_content_warning', reason: 'graphic', text: 'Describes use' })).status).toBe(
      200,
    );
    expect((await direct({ action: 'lock_thread', reason: 'off_topic' })).status).toBe(200);
    expect((await direct({ action: 'approve', reason: 'no_violation' })).status).toBe(200);
    expect((await direct({ action: 'remove', reason: 'made_up_reason' })).status).toBe(400);
    expect((await direct({ action: 'warn_author', reason: 'harassment' })).status).toBe(400);
    expect((await direct({ action: 'suspend_author', reason: 'harassment', days: 2 })).status).toBe(400);
    expect((await direct({ action: 'uphold', reason: 'appeal_declined' })).status).toBe(400);

    const log = await t.api<LogPage>(
      'GET',
      `/api/moderation/log?moderator=${moderator.user.username.toUpperCase()}&limit=50`,
      { token: moderator.token },
    );
    expect(log.status).toBe(200);
    const forPost = log.body.entries.filter((e) => e.targetId === post.id).map((e) => e.action);
    expect(forPost).toEqual(['approve', 'lock_thread', 'add_content_warning', 'warn_author']);
    const onlyLocks = await t.api<LogPage>('GET', '/api/moderation/log?action=lock_thread', { token: moderator.token });
    expect(onlyLocks.body.entries.every((e) => e.action === 'lock_thread')).toBe(true);
    const paged = await t.api<LogPage>('GET', '/api/moderation/log?limit=1', { token: moderator.token });
    expect(paged.body.nextCursor).toEqual(expect.any(String));
    const next = await t.api<LogPage>('GET', `/api/moderation/log?limit=1&cursor=${paged.body.nextCursor}`, {
      token: moderator.token,
    });
    expect(next.body.entries[0].id).not.toBe(paged.body.entries[0].id);

    await expect(t.dataSource.query(`UPDATE moderation_log SET reason = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM moderation_log`)).rejects.toThrow(/append-only/);

    const notices = await t.api<NoticeList>('GET', '/api/me/notices', { token: author.token });
    expect(notices.body.notices[0]).toMatchObject({ kind: 'warning', message: 'Please be gentle.', appealable: false });
    const locked = await t.api('POST', `/api/threads/${op.id}/posts`, { token: author.token, body: { body: 'hi' } });
    expect(locked.status).toBe(403);
  });

  it('keeps the whole of a long moderator message in the log (summary + the full 1000-character note)', async () => {
    const author = await t.register();
    const op = await thread(author);
    const post = await reply(author, op.id, 'A post a moderator removes with a long note.');
    // 1000 characters (the note's maximum), ending in a sentence that must survive.
    const ending = ' The end of the note must not be lost.';
    const message = `${'Please read the guidelines again. '.repeat(40)}`.slice(0, 1000 - ending.length) + ending;
    expect(message).toHaveLength(1000);
    const res = await t.api<ModerationActionResult & ErrorBody>(
      'POST',
      `/api/moderation/targets/post/${post.id}/actions`,
      { token: moderator.token, body: { action: 'remove', reason: 'guidelines', message } },
    );
    expect(res.status).toBe(200);
    const whole = `Post removed. — ${message}`;
    expect(whole.length).toBeGreaterThan(1000);

    const log = await t.api<LogPage>('GET', '/api/moderation/log?action=remove&limit=50', { token: moderator.token });
    expect(log.status).toBe(200);
    const entry = log.body.entries.find((e) => e.targetId === post.id);
    expect(entry?.message).toBe(whole);
    const rows: Array<{ message: string }> = await t.dataSource.query(
      `SELECT message FROM moderation_log WHERE target_id = $1 AND action = 'remove'`,
      [post.id],
    );
    expect(rows.map((r) => r.message)).toEqual([whole]);
    // The author's notice carries the note itself, whole as well.
    const notices = await t.api<NoticeList>('GET', '/api/me/notices', { token: author.token });
    expect(notices.body.notices.find((n) => n.targetId === post.id)?.message).toBe(message);
  });

  it('reverses a removal on appeal and tells the author', async () => {
    const author = await t.register();
    const op = await thread(author);
    const post = await reply(author, op.id, 'Methadone saved my life, and I am not ashamed of it.');
    const reader = await t.register();
    const removed = await t.api<ModerationActionResult>('POST', `/api/moderation/targets/post/${post.id}/actions`, {
      token: moderator.token,
      body: { action: 'remove', reason: 'misinformation', message: 'Sorry, we think this was misread.' },
    });
    expect(removed.status).toBe(200);
    expect((await postAs(reader, op.id, post.id)).status).toBe('removed');
    const own = await postAs(author, op.id, post.id);
    expect(own.moderation?.reason).toMatch(/medication treatment/);

    const list = await t.api<NoticeList>('GET', '/api/me/notices', { token: author.token });
    const notice = list.body.notices.find((n) => n.kind === 'removal' && n.targetId === post.id);
    expect(notice?.text).toMatch(/A moderator removed your post because .*Need help now\?.*appeal/s);
    expect(notice?.appealable).toBe(true);

    const other = await t.api('POST', `/api/me/notices/${notice?.id}/appeal`, {
      token: reader.token,
      body: { message: 'This is not even mine but let me try.' },
    });
    expect(other.status).toBe(404);
    const appealed = await t.api<NoticeView>('POST', `/api/me/notices/${notice?.id}/appeal`, {
      token: author.token,
      body: { message: 'Medication treatment is recovery; please look again.' },
    });
    expect(appealed.status).toBe(201);
    expect(appealed.body.appeal?.status).toBe('pending');
    const twice = await t.api('POST', `/api/me/notices/${notice?.id}/appeal`, {
      token: author.token,
      body: { message: 'Medication treatment is recovery; please look again.' },
    });
    expect(twice.status).toBe(409);

    const queue = await t.api<QueuePage>('GET', '/api/moderation/queue?limit=50', { token: moderator.token });
    const appealItem = queue.body.items.find((i) => i.kind === 'appeal' && i.targetId === post.id);
    expect(appealItem?.appeal).toMatchObject({ message: expect.stringContaining('Medication'), noticeKind: 'removal' });
    expect(JSON.stringify(appealItem)).not.toContain(author.user.id);
    expect((await act(appealItem!.id, { action: 'remove', reason: 'spam' })).status).toBe(400);
    const reversed = await act(appealItem!.id, { action: 'reverse', reason: 'appeal_accepted' });
    expect(reversed.status).toBe(200);
    expect(reversed.body.item.status).toBe('resolved');

    expect((await postAs(reader, op.id, post.id)).status).toBe('published');
    const after = await t.api<NoticeList>('GET', '/api/me/notices', { token: author.token });
    expect(after.body.notices[0]).toMatchObject({ kind: 'appeal_result', reason: 'appeal_accepted' });
    const log = await t.api<LogPage>('GET', '/api/moderation/log?action=reverse', { token: moderator.token });
    expect(log.body.entries.some((e) => e.targetId === post.id)).toBe(true);
  });

  it('lets an admin unmask with a logged reason, change roles and lift a suspension', async () => {
    const author = await t.register();
    const op = await thread(author, true);
    const short = await t.api('POST', '/api/moderation/unmask', {
      token: admin.token,
      body: { targetType: 'thread', targetId: op.id, reason: 'why' },
    });
    expect(short.status).toBe(400);
    const unmask = await t.api<{ username: string }>('POST', '/api/moderation/unmask', {
      token: admin.token,
      body: { targetType: 'thread', targetId: op.id, reason: 'Court order received by the operator' },
    });
    expect(unmask).toMatchObject({ status: 200, body: { username: author.user.username } });
    const log = await t.api<LogPage>('GET', '/api/moderation/log?action=unmask', { token: moderator.token });
    expect(log.body.entries[0]).toMatchObject({ moderator: admin.user.username, targetId: op.id });
    expect(JSON.stringify(log.body)).not.toContain(author.user.username);

    expect((await t.api('GET', '/api/admin/users', { token: moderator.token })).status).toBe(403);
    const found = await t.api<{ users: Array<{ username: string }> }>(
      'GET',
      `/api/admin/users?q=${author.user.username.slice(0, 8)}`,
      { token: admin.token },
    );
    expect(found.body.users.map((u) => u.username)).toContain(author.user.username);
    const promoted = await t.api('PUT', `/api/admin/users/${author.user.username}/role`, {
      token: admin.token,
      body: { role: 'moderator' },
    });
    expect(promoted).toMatchObject({ status: 200, body: { role: 'moderator' } });
    expect((await t.api('GET', '/api/moderation/queue', { token: author.token })).status).toBe(200);
    expect(
      (
        await t.api('PUT', `/api/admin/users/${author.user.username}/role`, {
          token: admin.token,
          body: { role: 'boss' },
        })
      ).status,
    ).toBe(400);

    await t.dataSource.query(`UPDATE users SET suspended_until = now() + interval '3 days' WHERE id = $1`, [
      author.user.id,
    ]);
    const lifted = await t.api('DELETE', `/api/admin/users/${author.user.username}/suspension`, { token: admin.token });
    expect(lifted).toMatchObject({ status: 200, body: { username: author.user.username } });
    expect((await reply(author, op.id, 'Back again')).status).toBe('published');
  });

  it('stops at 20 flags a day with 429 and Retry-After', async () => {
    const flagger = await t.register();
    const author = await t.register();
    const op = await thread(author);
    const posts: PostView[] = [];
    for (let i = 0; i < 21; i++) posts.push(await reply(author, op.id, `Reply number ${i}`));
    for (let i = 0; i < 20; i++) expect((await flag(flagger, posts[i].id, 'spam')).status).toBe(201);
    const limited = await flag(flagger, posts[20].id, 'spam');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
