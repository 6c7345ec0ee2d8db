import type { ThreadView } from '@kindred/contracts';
import { screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

describe('the home page shows what matters now (issue 15 item 17)', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp({ RATE_LIMITS: 'off', NEW_MEMBER_HOURS: '0' });
  }, 60_000);
  afterAll(() => app?.close());

  it('on a fresh install invites the first thread instead of saying every thread has a reply', async () => {
    const page = await app.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    await page.getByTestId('no-threads-yet').waitFor();
    expect(await page.getByText('Every thread has a reply right now').count()).toBe(0);
    expect(await page.getByTestId('no-threads-yet').getByRole('link').getAttribute('href')).toBe(
      '/boards/welcome-introductions',
    );
    // Guests see the next meeting and the pinned reading too, but no unread list.
    await page.getByTestId('home-meeting').getByTestId('home-meeting-status').waitFor();
    await page.getByTestId('home-pinned').getByRole('link').first().waitFor();
    expect(await page.getByTestId('home-unread').count()).toBe(0);
    await page.screenshot({ path: '/tmp/shots-read/home-fresh-desktop.png', fullPage: true });
    await screenshot(page, 'home-fresh');
  }, 60_000);

  it('shows a member their unread threads, the next meeting with its status and the pinned articles', async () => {
    const [author, reader] = await Promise.all([app.t.register(), app.t.register()]);
    const thread = await app.t.api<ThreadView>('POST', '/api/boards/welcome-introductions/threads', {
      token: author.token,
      body: { title: 'Hello from the coast', body: 'New here, glad to find you all.', anonymous: true },
    });
    expect(thread.status).toBe(201);
    await app.t.api('PUT', `/api/threads/${thread.body.id}/read`, {
      token: reader.token,
      body: { postId: thread.body.posts.items[0].id },
    });
    const news = await app.t.api<{ id: string }>('POST', `/api/threads/${thread.body.id}/posts`, {
      token: author.token,
      body: { body: 'Forgot to say: the sea helps me a lot.', anonymous: true },
    });
    expect(news.status).toBe(201);

    const page = await app.newPage();
    await page.goto('/help');
    await page.evaluate((token) => localStorage.setItem('kindred.token', token), reader.token);
    for (const [width, height, name] of [
      [1280, 800, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto('/');
      const unread = page.getByTestId('home-unread');
      const link = unread.getByRole('link', { name: 'Hello from the coast' });
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe(`/threads/${thread.body.id}#post-${news.body.id}`);
      expect(await unread.innerText()).toContain('1 new post · Welcome & Introductions');
      const meeting = page.getByTestId('home-meeting');
      await meeting.getByRole('link', { name: "Newcomers' Circle" }).waitFor();
      expect(await meeting.getByTestId('home-meeting-status').innerText()).toMatch(
        /^(Opens in .+|Lobby open|Live now)$/,
      );
      expect(await page.getByTestId('home-pinned').getByRole('link').count()).toBeGreaterThan(1);
      // There are threads now, and this one has a reply.
      expect(await page.getByTestId('no-threads-yet').count()).toBe(0);
      await page.screenshot({ path: `/tmp/shots-read/home-member-${name}.png` });
      await screenshot(page, `home-member-${name}`);
    }

    // Opening it and reading to the end empties the list.
    await page.getByTestId('home-unread').getByRole('link', { name: 'Hello from the coast' }).click();
    await page.getByRole('heading', { name: 'Hello from the coast' }).waitFor();
    await page.waitForTimeout(1500);
    await page.goto('/');
    await page
      .getByTestId('home-unread')
      .getByText("Nothing new in the threads you've read.", { exact: false })
      .waitFor();
  }, 90_000);
});
