import { jest } from '@jest/globals';
import type {
  AuthResponse,
  ErrorBody,
  FlagCreated,
  ModerationActionResult,
  NoticeView,
  PostView,
  ThreadView,
} from '@kindred/contracts';
import { startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

const BOARD = 'welcome-introductions';
jest.setTimeout(60_000);

/**
 * Red-team round 2: moderation that sticks when one person wrote several anonymous posts. Every
 * suspension goes through content, so two decisions about two posts of the same (unknown) author
 * meet on one account: a later, shorter decision must not undo an earlier, longer one — and the
 * moderators' answers must stay the same as for an author with no suspension (the difference would
 * link the two posts).
 */
describe('red team: suspensions through two anonymous posts of one author', () => {
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
  const flag = async (postId: string): Promise<FlagCreated> => {
    const res = await t.api<FlagCreated>('POST', '/api/flags', {
      token: (await t.register()).token,
      body: { targetType: 'post', targetId: postId, reason: 'harassment' },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const act = (itemId: string, body: Record<string, unknown>, token = moderator.token) =>
    t.api<ModerationActionResult & ErrorBody>('POST', `/api/moderation/items/${itemId}/actions`, { token, body });
  const suspendedUntil = async (userId: string): Promise<Date | null> => {
    const [row] = (await t.dataSource.query(`SELECT suspended_until AS until FROM users WHERE id = $1`, [
      userId,
    ])) as Array<{ until: Date | null }>;
    return row.until;
  };

  it('a shorter suspension through a second anonymous post never shortens a permanent one, and answers alike', async () => {
    const author = await t.register();
    const control = await t.register();
    const p1 = await reply(
      author,
      (await newThread()).id,
      'You are all pathetic and nobody here will ever get better.',
    );
    const p2 = await reply(
      author,
      (await newThread()).id,
      'Nobody wants you here, you should all just leave this place.',
    );
    const c1 = await reply(control, (await newThread()).id, 'You are all losers and you will never change, give up.');

    const banned = await act((await flag(p1.id)).itemId, {
      action: 'remove_and_suspend',
      reason: 'harassment',
      days: null,
    });
    expect(banned.status).toBe(200);
    const permanent = await suspendedUntil(author.user.id);
    expect(permanent!.getUTCFullYear()).toBeGreaterThanOrEqual(9000);

    // Another moderator, who cannot know the two posts share an author, suspends for a day.
    const later = await act(
      (await flag(p2.id)).itemId,
      { action: 'suspend_author', reason: 'harassment', days: 1 },
      second.token,
    );
    const fresh = await act(
      (await flag(c1.id)).itemId,
      { action: 'suspend_author', reason: 'harassment', days: 1 },
      second.token,
    );
    expect(later.status).toBe(200);
    expect(fresh.status).toBe(200);
    // The same words whether or not the author was already suspended (a difference links p1 and p2).
    expect(later.body.summary.replace(/until .*/, '')).toBe(fresh.body.summary.replace(/until .*/, ''));
    // The ban stands.
    expect((await suspendedUntil(author.user.id))!.getTime()).toBe(permanent!.getTime());

    // The author appeals the one-day suspension and wins: the permanent one from the other post stays.
    const notices = await t.api<{ notices: NoticeView[] }>('GET', '/api/me/notices', { token: author.token });
    const oneDay = notices.body.notices.find((n) => n.kind === 'suspension' && n.targetId === p2.id);
    expect(oneDay).toBeDefined();
    const appealed = await t.api('POST', `/api/me/notices/${oneDay!.id}/appeal`, {
      token: author.token,
      body: { message: 'I am sorry, I was having a very bad day and I will be kinder.' },
    });
    expect(appealed.status).toBe(201);
    const [appealItem] = (await t.dataSource.query(
      `SELECT id FROM moderation_items WHERE kind = 'appeal' AND status = 'open' AND target_id = $1`,
      [p2.id],
    )) as Array<{ id: string }>;
    const reversed = await act(appealItem.id, { action: 'reverse', reason: 'appeal_accepted' }, second.token);
    expect(reversed.status).toBe(200);
    expect((await suspendedUntil(author.user.id))!.getTime()).toBe(permanent!.getTime());
  });
});
