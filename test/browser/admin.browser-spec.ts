import type { AuthResponse } from '@kindred/contracts';
import type { Page } from 'playwright-core';
import { screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

/** Signs a page in with an existing account's token (the session lives in localStorage). */
async function signedIn(app: BrowserApp, who: AuthResponse): Promise<Page> {
  const page = await app.newPage();
  await page.goto('/help');
  await page.evaluate((token) => localStorage.setItem('kindred.token', token), who.token);
  return page;
}

const SCREENS: Array<[string, string]> = [
  ['/admin/boards', 'Boards'],
  ['/admin/library', 'Library pins'],
  ['/admin/watched-words', 'Watched words'],
  ['/admin/users', 'Users'],
];

describe('admin screens (issue 15 item 5)', () => {
  let app: BrowserApp;
  let admin: AuthResponse;
  let moderator: AuthResponse;
  beforeAll(async () => {
    app = await startBrowserApp({ RATE_LIMITS: 'off', NEW_MEMBER_HOURS: '0' });
    [admin, moderator] = await Promise.all([app.t.register(), app.t.register()]);
    await app.t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id]);
    await app.t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
  }, 60_000);
  afterAll(() => app?.close());

  it('reaches every admin screen from the menu', async () => {
    const page = await signedIn(app, admin);
    for (const [width, height, name] of [
      [1280, 800, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto('/');
      if (name === 'phone') await page.getByRole('button', { name: /Menu/ }).click();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('heading', { name: 'Admin', level: 1 }).waitFor();
      await page.screenshot({ path: `/tmp/shots-read/admin-index-${name}.png` });
      await screenshot(page, `admin-index-${name}`);
      for (const [path, heading] of SCREENS) {
        await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: heading }).click();
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        expect(new URL(page.url()).pathname).toBe(path);
      }
    }
  }, 90_000);

  it('tells a moderator (and a guest) that a page is for admins, without sending them away', async () => {
    const page = await signedIn(app, moderator);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()).toBe(0);
    for (const [path, heading] of [['/admin', 'Admin'], ...SCREENS]) {
      await page.goto(path);
      const gate = page.getByTestId('admin-only');
      await gate.getByRole('heading', { name: 'This page is for admins', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(path);
      expect(await gate.innerText()).toContain(heading);
      expect(await gate.getByRole('link', { name: 'the moderation queue' }).getAttribute('href')).toBe('/moderation');
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '/tmp/shots-read/admin-gate-moderator-phone.png' });
    await screenshot(page, 'admin-gate-moderator');

    const guest = await app.newPage();
    await guest.goto('/admin/users');
    await guest.getByRole('heading', { name: 'This page is for admins' }).waitFor();
    expect(await guest.getByRole('link', { name: 'Sign in' }).last().getAttribute('href')).toBe(
      `/signin?next=${encodeURIComponent('/admin/users')}`,
    );
  }, 60_000);

  it('finds members by username prefix, and suspends and lifts one (paging: admin-users.e2e)', async () => {
    const names = Array.from({ length: 3 }, (_, i) => `heron_${i}`);
    const [, heron] = await Promise.all(names.map((username) => app.t.register(username)));
    const page = await signedIn(app, admin);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/admin/users');
    await page.getByLabel('Username starts with').fill('HER');
    await page.getByRole('button', { name: 'Search' }).click();
    const rows = page.getByTestId('admin-user');
    await rows.filter({ hasText: 'heron_2' }).waitFor();
    expect((await rows.allInnerTexts()).map((x) => x.split('\n')[0].trim())).toEqual(names);

    const row = rows.filter({ hasText: 'heron_1' });
    await row.getByRole('button', { name: 'Suspend…' }).click();
    const form = row.getByRole('form', { name: 'Suspend heron_1' });
    await form.getByLabel('How long').selectOption('3');
    await form.getByLabel('Reason').selectOption('harassment');
    await form.getByLabel(/A note to heron_1/).fill('Please take a few days away.');
    await page.screenshot({ path: '/tmp/shots-read/admin-users-suspend-desktop.png' });
    await screenshot(page, 'admin-users-suspend');
    await form.getByRole('button', { name: 'Suspend heron_1' }).click();
    await page.getByText('heron_1 is suspended for 3 days. They were sent a notice.').first().waitFor();
    const refused = await app.t.api('POST', '/api/boards/life-in-recovery/threads', {
      token: heron.token,
      body: { title: 'Hello again', body: 'Just saying hi.', anonymous: true },
    });
    expect(refused.status).toBe(403);
    // Nothing on the screen says who is suspended.
    expect(await rows.filter({ hasText: 'heron_1' }).innerText()).not.toMatch(/suspended until|paused/i);

    await row.getByRole('button', { name: 'Lift any suspension' }).click();
    await page.getByText('heron_1 can post again (if they were suspended).').first().waitFor();
    const allowed = await app.t.api('POST', '/api/boards/life-in-recovery/threads', {
      token: heron.token,
      body: { title: 'Hello again', body: 'Just saying hi.', anonymous: true },
    });
    expect(allowed.status).toBe(201);

    // Yourself: no suspend button, and the role is fixed.
    await page.getByLabel('Username starts with').fill(admin.user.username);
    await page.getByRole('button', { name: 'Search' }).click();
    const me = rows.filter({ hasText: admin.user.username });
    await me.getByText('This is you').waitFor();
    expect(await me.getByRole('button', { name: 'Suspend…' }).count()).toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '/tmp/shots-read/admin-users-phone.png', fullPage: true });
  }, 90_000);
});
