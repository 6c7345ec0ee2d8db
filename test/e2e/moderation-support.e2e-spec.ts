import { jest } from '@jest/globals';
import type {
  AuthResponse,
  ErrorBody,
  FlagCreated,
  ModerationActionResult,
  NoticeView,
  NotificationList,
  PostView,
  QueueItemView,
  ThreadView,
} from '@kindred/contracts';
import { connected, nextEvent, startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

const BOARD = 'welcome-introductions';
const CRISIS = "I took everything I had tonight and I don't want to wake up. goodbye everyone";
jest.setTimeout(60_000);

/**
 * Issue 15, moderation 2 and 3: a resolved item's content still takes further actions ("suspend
 * the author after a removal", or both in one step), and an urgent crisis item's first actions
 * are supportive — "Reach out" (a private, kind message with the crisis resources, sent through
 * the content) and "Mark as checked" — without any moderator learning who the author is.
 */
describe('acting twice, and supportive crisis actions', () => {
  let t: TestApp;
  let moderator: AuthResponse;
  let second: AuthResponse;
  beforeAll(async () => {
    t = await startTestApp();
    moderator = await t.register(uniqueName('mod'));
    second = await t.register(uniqueName('mod'));
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = ANY($1::uuid[])`, [
      [moderator.user.id, second.user.id],
    ]);
  });
  afterAll(() => t.close());

  const newThread = async (): Promise<ThreadView> => {
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: (await t.register()).token,
      body: { title: 'How was your week?', body: 'Checking in with everyone here.' },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const reply = async (author: AuthResponse, threadId: string, body: string): Promise<PostView> => {
    const res = await t.api<PostView>('POST', `/api/threads/${threadId}/posts`, {
      token: author.token,
      body: { body, anonymous: true },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const flag = async (postId: string, reason: string): Promise<FlagCreated> => {
    const res = await t.api<FlagCreated>('POST', '/api/flags', {
      token: (await t.register()).token,
      body: { targetType: 'post', targetId: postId, reason },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const act = (itemId: string, body: Record<string, unknown>, token = moderator.token) =>
    t.api<ModerationActionResult & ErrorBody>('POST', `/api/moderation/items/${itemId}/actions`, { token, body });

  /** Nothing a moderator receives may name the anonymous author. */
  const expectNoAuthor = (author: AuthResponse, ...bodies: unknown[]) => {
    for (const body of bodies) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(author.user.id);
      expect(text).not.toContain(author.user.username);
    }
  };

  it('suspends the author from a resolved item after a removal; the same decision twice is a kind 409', async () => {
    const author = await t.register();
    const op = await newThread();
    const post = await reply(author, op.id, 'You are all pathetic and nobody here will ever get better.');
    const { itemId } = await flag(post.id, 'harassment');
    const forum = t.socket('/', author.token);
    await connected(forum);

    const removed = await act(itemId, { action: 'remove', reason: 'harassment' });
    expect(removed.status).toBe(200);
    expect(removed.body.item.status).toBe('resolved');

    const suspendedEvent = nextEvent<{ until: string | null }>(forum, 'you:suspended');
    const suspended = await act(itemId, { action: 'suspend_author', reason: 'harassment', days: 3 });
    expect(suspended.status).toBe(200);
    expect(suspended.body.summary).toMatch(/^Author suspended until /);
    expect((await suspendedEvent).until).toEqual(expect.any(String));
    expect(suspended.body.item.history.map((h) => [h.action, h.moderator])).toEqual([
      ['remove', moderator.user.username],
      ['suspend_author', moderator.user.username],
    ]);

    const again = await act(itemId, { action: 'suspend_author', reason: 'harassment', days: 7 }, second.token);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(`${moderator.user.username} already suspended its author`);
    const undo = await act(itemId, { action: 'approve', reason: 'no_violation' }, second.token);
    expect(undo.status).toBe(409);
    expect(undo.body.message).toMatch(/appeal/);
    const item = await t.api<QueueItemView>('GET', `/api/moderation/items/${itemId}`, { token: second.token });
    expectNoAuthor(author, removed.body, suspended.body, again.body, item.body);
    forum.disconnect();
  });

  it('removes and suspends in one step: two notices for the author, two log lines, the author never named', async () => {
    const author = await t.register();
    const op = await newThread();
    const post = await reply(author, op.id, 'Nobody wants you here, you should all just leave this place.');
    const { itemId } = await flag(post.id, 'harassment');
    const res = await act(itemId, { action: 'remove_and_suspend', reason: 'harassment', days: 7 });
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatch(/^Post removed\. Author suspended until /);
    expect(res.body.item.status).toBe('resolved');
    expect(res.body.item.history.map((h) => h.action)).toEqual(['remove', 'suspend_author']);
    const [row] = (await t.dataSource.query(
      `SELECT p.status, u.suspended_until IS NOT NULL AS suspended FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = $1`,
      [post.id],
    )) as Array<{ status: string; suspended: boolean }>;
    expect(row).toEqual({ status: 'removed', suspended: true });
    const notices = await t.api<{ notices: NoticeView[] }>('GET', '/api/me/notices', { token: author.token });
    expect(notices.body.notices.map((n) => n.kind).sort()).toEqual(['removal', 'suspension']);
    expect((await act(itemId, { action: 'remove', reason: 'harassment' })).status).toBe(409);
    expectNoAuthor(author, res.body);
  });

  it('reaches out to the author of an urgent crisis post through the content, once, and marks it checked', async () => {
    const author = await t.register();
    const op = await newThread();
    const forum = t.socket('/', author.token);
    await connected(forum);
    const post = await reply(author, op.id, CRISIS);
    const [found] = (await t.dataSource.query(
      `SELECT id FROM moderation_items WHERE target_type = 'post' AND target_id = $1 AND status = 'open'`,
      [post.id],
    )) as Array<{ id: string }>;
    const itemId = found.id;
    const before = await t.api<QueueItemView>('GET', `/api/moderation/items/${itemId}`, { token: moderator.token });
    expect(before.body).toMatchObject({ priority: 'urgent', crisis: true, history: [] });

    const arrived = nextEvent<{ notice: NoticeView }>(forum, 'notice:new');
    const reached = await act(itemId, {
      action: 'reach_out',
      reason: 'crisis_support',
      message: 'We are glad you wrote.',
    });
    expect(reached.status).toBe(200);
    expect(reached.body.summary).toMatch(/private, kind message/);
    expect(reached.body.item.status).toBe('open');
    expect(reached.body.item.history).toEqual([
      expect.objectContaining({ action: 'reach_out', moderator: moderator.user.username, at: expect.any(String) }),
    ]);

    const { notice } = await arrived;
    expect(notice.kind).toBe('outreach');
    expect(notice.text).toMatch(/check in with you/);
    expect(notice.text).toContain('988 Suicide & Crisis Lifeline: call 988 or text 988.');
    expect(notice.text).toContain('We are glad you wrote.');
    expect(notice.resources?.map((r) => r.id)).toContain('988');
    expect(notice.appealable).toBe(false);
    const centre = await t.api<NotificationList>('GET', '/api/me/notifications', { token: author.token });
    expect(centre.body.items[0]).toMatchObject({ kind: 'outreach', noticeId: notice.id });
    expect(centre.body.items[0].text).toMatch(/check in with you/);
    // Nothing about the moderator's identity reaches the member, and nothing about the member the moderator.
    expect(JSON.stringify(notice)).not.toContain(moderator.user.username);

    const twice = await act(itemId, { action: 'reach_out', reason: 'crisis_support' }, second.token);
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain(`${moderator.user.username} already reached out`);
    expect(twice.body.message).toMatch(/mark this as checked/);

    const wrongReason = await act(itemId, { action: 'mark_checked', reason: 'guidelines' }, second.token);
    expect(wrongReason.status).toBe(400);
    expect(wrongReason.body.message).toMatch(/^reason:/);
    const checked = await act(
      itemId,
      { action: 'mark_checked', reason: 'supported', message: 'Replied in the thread and sent resources.' },
      second.token,
    );
    expect(checked.status).toBe(200);
    expect(checked.body.item).toMatchObject({ status: 'resolved', crisis: false });
    expect(checked.body.item.history.map((h) => [h.action, h.moderator, h.reason])).toEqual([
      ['reach_out', moderator.user.username, 'crisis_support'],
      ['mark_checked', second.user.username, 'supported'],
    ]);
    // The post stays up: a crisis post is published, and checking on the person takes nothing down.
    const [row] = (await t.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [post.id])) as Array<{
      status: string;
    }>;
    expect(row.status).toBe('published');
    expectNoAuthor(author, before.body, reached.body, twice.body, checked.body);
    forum.disconnect();
  });

  it('answers "reach out" the same when the anonymous author deleted their account', async () => {
    const author = await t.register();
    const op = await newThread();
    const post = await reply(author, op.id, CRISIS);
    const { itemId } = await flag(post.id, 'crisis');
    await t.dataSource.query(`UPDATE posts SET author_id = NULL WHERE id = $1`, [post.id]);
    const res = await act(itemId, { action: 'reach_out', reason: 'crisis_support' });
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatch(/private, kind message/);
  });

  it('"not a crisis" clears the urgent alert but leaves the other flags open for review', async () => {
    const author = await t.register();
    const op = await newThread();
    const post = await reply(author, op.id, 'Some days I feel like giving up, and you are all useless anyway.');
    const { itemId } = await flag(post.id, 'crisis');
    await flag(post.id, 'harassment');
    const before = await t.api<QueueItemView>('GET', `/api/moderation/items/${itemId}`, { token: moderator.token });
    expect(before.body).toMatchObject({ priority: 'urgent', crisis: true });
    const res = await act(itemId, { action: 'mark_checked', reason: 'not_a_crisis' });
    expect(res.status).toBe(200);
    expect(res.body.item).toMatchObject({ status: 'open', priority: 'high', crisis: false });
    // A later flag does not bring the cleared detection back as urgent; a new crisis flag would.
    await flag(post.id, 'spam');
    const after = await t.api<QueueItemView>('GET', `/api/moderation/items/${itemId}`, { token: moderator.token });
    expect(after.body).toMatchObject({ status: 'open', priority: 'high', crisis: false });
    expect((await act(itemId, { action: 'mark_checked', reason: 'supported' })).status).toBe(409);
  });
});
