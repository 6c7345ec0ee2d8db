import type { AuthResponse, PostView, ThreadView } from '@kindred/contracts';
import type { Page } from 'playwright-core';
import { screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

/** Signs a page in with an existing account's token (the session lives in localStorage). */
async function signedIn(app: BrowserApp, who: AuthResponse): Promise<Page> {
  const page = await app.newPage();
  await page.goto('/help');
  await page.evaluate((token) => localStorage.setItem('kindred.token', token), who.token);
  return page;
}

describe('counts and reactions in the browser (issue 15 item 18)', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp({ RATE_LIMITS: 'off', NEW_MEMBER_HOURS: '0' });
  }, 60_000);
  afterAll(() => app?.close());

  it('offers one React control on a post nobody reacted to, none on your own, and keeps counts true after a deletion', async () => {
    const [author, replier] = await Promise.all([app.t.register(), app.t.register()]);
    const thread = await app.t.api<ThreadView>('POST', '/api/boards/milestones-wins/threads', {
      token: author.token,
      body: { title: 'Two months and counting', body: 'Quiet pride today.', anonymous: true },
    });
    const reply = await app.t.api<PostView>('POST', `/api/threads/${thread.body.id}/posts`, {
      token: replier.token,
      body: { body: 'That is wonderful to read.', anonymous: true },
    });
    expect(reply.status).toBe(201);

    const page = await signedIn(app, replier);
    for (const [width, height, name] of [
      [1280, 800, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`/threads/${thread.body.id}`);
      const opening = page.locator(`#post-${thread.body.posts.items[0].id}`);
      const own = page.locator(`#post-${reply.body.id}`);
      await own.waitFor();
      // Own post: nothing to press.
      expect(await own.getByRole('button', { name: /React|Sending strength|Me too|Proud of you/ }).count()).toBe(0);
      if (name === 'desktop') {
        // Someone else's post with no reactions yet: one "React" button, the kinds behind it.
        const group = opening.getByRole('group', { name: 'Reactions' });
        expect(await group.getByRole('button').allTextContents()).toEqual(['React']);
        const react = group.getByRole('button', { name: 'React', exact: true });
        expect(await react.getAttribute('aria-expanded')).toBe('false');
        await react.click();
        expect(await react.getAttribute('aria-expanded')).toBe('true');
        await group.getByRole('button', { name: 'Me too' }).click();
        await group.getByRole('button', { name: 'Me too 1' }).waitFor();
        expect(await group.getByRole('button', { name: 'Me too 1' }).getAttribute('aria-pressed')).toBe('true');
        expect(await group.getByRole('button', { name: 'Sending strength' }).isVisible()).toBe(false);
      }
      await page.getByTestId('reply-count').filter({ hasText: '1 reply' }).waitFor();
      await page.screenshot({ path: `/tmp/shots-read/reactions-${name}.png` });
      await screenshot(page, `reactions-${name}`);
    }

    // The server refuses a reaction to your own post kindly, whatever the UI offers.
    const refused = await app.t.api<{ message: string }>('PUT', `/api/posts/${reply.body.id}/reactions/proud`, {
      token: replier.token,
    });
    expect(refused.status).toBe(403);

    // Deleting the only reply: the thread and its board both say no replies.
    const own = page.locator(`#post-${reply.body.id}`);
    await own.getByRole('button', { name: 'Delete' }).click();
    await own.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByTestId('reply-count').filter({ hasText: 'No replies yet' }).waitFor();
    await page.goto('/boards/milestones-wins');
    const item = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Two months and counting' }) });
    await item.getByText('No replies yet').waitFor();
  }, 90_000);
});
