import { jest } from '@jest/globals';
import type { AuthResponse, ErrorBody, NoticeList, ThreadView } from '@kindred/contracts';
import { startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

const BOARD = 'welcome-introductions';
/** Held in a post body (a phone number and sourcing words): it must not reach anyone through another field. */
const UNSAFE = 'got blues, text 555-867-6390';

/**
 * Issue 13, finding 15: every text a member writes that others can see passes the same safety
 * decision as a post body. Fields with a held state (a thread's or reply's content warning) are
 * held with their post; short or account-level fields are refused with a kind 422.
 */
jest.setTimeout(30_000);

describe('safety: every field others can see', () => {
  let t: TestApp;
  let moderator: AuthResponse;
  beforeAll(async () => {
    t = await startTestApp();
    moderator = await t.register(uniqueName('mod'));
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
  });
  afterAll(() => t.close());

  const expectRefused = (res: { status: number; body: unknown }, field: string): void => {
    expect(res.status).toBe(422);
    const body = res.body as ErrorBody;
    expect(body.details?.fields).toEqual([{ field, reason: expect.stringContaining('cannot include') }]);
    expect(body.message).toMatch(/Please change it and try again/);
  };

  it('holds a thread whose content warning carries what its body would be held for', async () => {
    const author = await t.register();
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title: 'A hard week', body: 'Just checking in.', contentWarning: UNSAFE },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('held');
    expect((await t.api('GET', `/api/threads/${res.body.id}`)).status).toBe(404);
    const board = await t.api<{ items: Array<{ id: string }> }>('GET', `/api/boards/${BOARD}/threads`);
    expect(board.body.items.map((x) => x.id)).not.toContain(res.body.id);
  });

  it('holds a reply whose content warning carries it', async () => {
    const author = await t.register();
    const op = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title: 'Day four', body: 'Still here.' },
    });
    const res = await t.api<{ status: string; id: string }>('POST', `/api/threads/${op.body.id}/posts`, {
      token: author.token,
      body: { body: 'Thanks everyone.', contentWarning: UNSAFE },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('held');
    const posts = await t.api<{ items: Array<{ id: string }> }>('GET', `/api/threads/${op.body.id}/posts`);
    expect(posts.body.items.map((p) => p.id)).not.toContain(res.body.id);
  });

  it('refuses a username with a phone number in it (422, kindly) and creates no account', async () => {
    const res = await t.api('POST', '/api/auth/register', {
      body: { username: 'blues-txt-555-867-6390', password: 'a long and good passphrase' },
    });
    expectRefused(res, 'username');
    const rows: unknown[] = await t.dataSource.query(`SELECT 1 FROM users WHERE username = 'blues-txt-555-867-6390'`);
    expect(rows).toHaveLength(0);
  });

  it('refuses a meeting name, description or tag with it', async () => {
    const meeting = (fields: Record<string, unknown>) =>
      t.api('POST', '/api/meetings', {
        token: moderator.token,
        body: {
          name: 'Evening circle',
          description: 'A gentle meeting.',
          audience: 'members',
          startsAt: new Date(Date.now() + 3600_000).toISOString(),
          timezone: 'America/New_York',
          durationMinutes: 60,
          ...fields,
        },
      });
    expectRefused(await meeting({ name: UNSAFE }), 'name');
    expectRefused(await meeting({ description: `Come along. ${UNSAFE}` }), 'description');
    expectRefused(await meeting({ tags: ['newcomers', UNSAFE] }), 'tags.1');
    expect((await meeting({})).status).toBe(201);
  });

  it('refuses a flag note and an appeal message with it', async () => {
    const author = await t.register();
    const flagger = await t.register();
    const op = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title: 'Ranting', body: 'A rant a moderator removes.' },
    });
    const postId = op.body.posts.items[0].id;
    const flag = await t.api('POST', '/api/flags', {
      token: flagger.token,
      body: { targetType: 'post', targetId: postId, reason: 'other', note: UNSAFE },
    });
    expectRefused(flag, 'note');
    const removed = await t.api('POST', `/api/moderation/targets/post/${postId}/actions`, {
      token: moderator.token,
      body: { action: 'remove', reason: 'guidelines' },
    });
    expect(removed.status).toBe(200);
    const notices = await t.api<NoticeList>('GET', '/api/me/notices', { token: author.token });
    // Removing a thread's opening post removes the thread (issue 15): the notice is about the thread.
    const notice = notices.body.notices.find((n) => n.targetId === op.body.id)!;
    const appeal = await t.api('POST', `/api/me/notices/${notice.id}/appeal`, {
      token: author.token,
      body: { message: `Please look again. ${UNSAFE}` },
    });
    expectRefused(appeal, 'message');
    const fine = await t.api('POST', `/api/me/notices/${notice.id}/appeal`, {
      token: author.token,
      body: { message: 'Please look again, I meant it kindly.' },
    });
    expect(fine.status).toBe(201);
  });
});
