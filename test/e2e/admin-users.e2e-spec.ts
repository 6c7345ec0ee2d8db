import type { AdminUserList, AdminUserView, ErrorBody, NoticeList } from '@kindred/contracts';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('admin users screen API (issue 15 item 5)', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp['register']>>;
  let moderator: Awaited<ReturnType<TestApp['register']>>;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS: 'off', NEW_MEMBER_HOURS: '0' });
    [admin, moderator] = await Promise.all([t.register(), t.register()]);
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id]);
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
  });
  afterAll(() => t.close());

  it('finds any member by username prefix, keyset-paged, with no suspension state', async () => {
    const names = ['Otter_b', 'otter_a', 'otter_c'];
    for (const username of names) {
      expect(
        (await t.api('POST', '/api/auth/register', { body: { username, password: 'a long and good passphrase' } }))
          .status,
      ).toBe(201);
    }
    const first = await t.api<AdminUserList>('GET', '/api/admin/users?q=OTTER&limit=2', { token: admin.token });
    expect(first.status).toBe(200);
    expect(first.body.users.map((u) => u.username)).toEqual(['otter_a', 'Otter_b']);
    expect(first.body.nextCursor).not.toBeNull();
    const rest = await t.api<AdminUserList>('GET', `/api/admin/users?q=otter&limit=2&cursor=${first.body.nextCursor}`, {
      token: admin.token,
    });
    expect(rest.body.users.map((u) => u.username)).toEqual(['otter_c']);
    expect(rest.body.nextCursor).toBeNull();
    for (const user of [...first.body.users, ...rest.body.users]) {
      expect(Object.keys(user).sort()).toEqual(['createdAt', 'role', 'username']);
    }
    expect((await t.api('GET', '/api/admin/users?q=otter&cursor=bad', { token: admin.token })).status).toBe(400);
    expect((await t.api('GET', '/api/admin/users?q=otter', { token: moderator.token })).status).toBe(403);
  });

  it('suspends and lifts by username with the same rules as elsewhere, and tells the member kindly', async () => {
    const member = await t.register();
    const before = await t.api<AdminUserView>('GET', `/api/admin/users?q=${member.user.username}`, {
      token: admin.token,
    });
    const res = await t.api<AdminUserView>('PUT', `/api/admin/users/${member.user.username}/suspension`, {
      token: admin.token,
      body: { days: 7, reason: 'repeated', message: 'Take a week, then come back.' },
    });
    expect(res.status).toBe(200);
    // The answer is the same view as before: nothing here says who is suspended.
    expect([res.body]).toEqual((before.body as unknown as AdminUserList).users);

    const post = await t.api<ErrorBody>('POST', '/api/boards/life-in-recovery/threads', {
      token: member.token,
      body: { title: 'Trying to post', body: 'Hello there.', anonymous: true },
    });
    expect(post.status).toBe(403);
    const notices = await t.api<NoticeList>('GET', '/api/me/notices', { token: member.token });
    expect(notices.body.notices[0]).toMatchObject({ kind: 'suspension', message: 'Take a week, then come back.' });
    expect(notices.body.notices[0].text).toMatch(/You can still read everything here/);

    expect(
      (await t.api('DELETE', `/api/admin/users/${member.user.username}/suspension`, { token: admin.token })).status,
    ).toBe(200);
    const again = await t.api('POST', '/api/boards/life-in-recovery/threads', {
      token: member.token,
      body: { title: 'Back again', body: 'Hello there.', anonymous: true },
    });
    expect(again.status).toBe(201);

    // The rules: never yourself, never an admin, a known member, a valid length; admins only.
    const self = await t.api<ErrorBody>('PUT', `/api/admin/users/${admin.user.username}/suspension`, {
      token: admin.token,
      body: { days: 1, reason: 'repeated' },
    });
    expect(self.status).toBe(403);
    expect(self.body.message).toBe('You cannot suspend yourself.');
    const otherAdmin = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [otherAdmin.user.id]);
    const adminTarget = await t.api<ErrorBody>('PUT', `/api/admin/users/${otherAdmin.user.username}/suspension`, {
      token: admin.token,
      body: { days: null, reason: 'repeated' },
    });
    expect(adminTarget.status).toBe(403);
    expect(adminTarget.body.message).toMatch(/Change their role first/);
    expect(
      (
        await t.api('PUT', '/api/admin/users/nobody_here_at_all/suspension', {
          token: admin.token,
          body: { days: 1, reason: 'repeated' },
        })
      ).status,
    ).toBe(404);
    const badDays = await t.api<ErrorBody>('PUT', `/api/admin/users/${member.user.username}/suspension`, {
      token: admin.token,
      body: { days: 2, reason: 'repeated' },
    });
    expect(badDays.status).toBe(400);
    expect(badDays.body.details?.fields?.[0].field).toBe('days');
    expect(
      (
        await t.api('PUT', `/api/admin/users/${member.user.username}/suspension`, {
          token: moderator.token,
          body: { days: 1, reason: 'repeated' },
        })
      ).status,
    ).toBe(403);
  });
});
