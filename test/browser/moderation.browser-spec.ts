import type { AuthResponse, FlagCreated, PostView, ThreadView } from '@kindred/contracts';
import type { Page } from 'playwright-core';
import { screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

/** Signs a page in with an existing account's token (the session lives in localStorage). */
async function signedIn(app: BrowserApp, who: AuthResponse): Promise<Page> {
  const page = await app.newPage();
  await page.goto('/help');
  await page.evaluate((token) => localStorage.setItem('kindred.token', token), who.token);
  return page;
}

describe('moderation in the browser', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 60_000);
  afterAll(() => app?.close());

  it('a moderator removes a post; the author sees why, another member sees the placeholder', async () => {
    const { t } = app;
    const [author, moderator, flagger, reader] = await Promise.all([
      t.register(),
      t.register(),
      t.register(),
      t.register(),
    ]);
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
    const thread = await t.api<ThreadView>('POST', '/api/boards/welcome-introductions/threads', {
      token: author.token,
      body: { title: 'Looking for a connection', body: 'New here, one week clean.', anonymous: true },
    });
    const post = await t.api<PostView>('POST', `/api/threads/${thread.body.id}/posts`, {
      token: author.token,
      body: { body: 'Anyone nearby selling? I can pay cash tonight.', anonymous: true },
    });
    const flag = await t.api<FlagCreated>('POST', '/api/flags', {
      token: flagger.token,
      body: { targetType: 'post', targetId: post.body.id, reason: 'sourcing' },
    });
    expect(flag.status).toBe(201);

    // The moderator works the live queue.
    const mod = await signedIn(app, moderator);
    await mod.goto('/moderation');
    await mod.getByRole('heading', { name: 'Moderation', level: 1 }).waitFor();
    const card = mod.locator(`[data-item-id="${flag.body.itemId}"]`);
    await card.getByText('cash tonight').waitFor();
    await card.getByRole('button', { name: "I'm on it" }).click();
    await card.getByTestId('claimed-by').filter({ hasText: 'You are on it' }).waitFor();
    await card.getByText('Act on this').click();
    await card.getByLabel('Action').selectOption('remove');
    await card.getByLabel('Reason').selectOption('sourcing');
    await card
      .getByLabel(/Message to the author/)
      .fill('Please reach out to SAMHSA if you need help finding treatment.');
    await card.getByRole('button', { name: 'Apply' }).click();
    await mod.getByTestId('action-result').filter({ hasText: 'Post removed.' }).waitFor();
    await screenshot(mod, 'moderation-queue-after-remove');

    // Another member sees only the placeholder.
    const other = await signedIn(app, reader);
    await other.goto(`/threads/${thread.body.id}`);
    await other.getByTestId('post-placeholder').filter({ hasText: 'Removed by moderators' }).waitFor();
    expect(await other.content()).not.toContain('cash tonight');
    await screenshot(other, 'moderation-member-placeholder');

    // The author sees the reason on the post, and a kind notice with crisis resources and an appeal form.
    const own = await signedIn(app, author);
    await own.goto(`/threads/${thread.body.id}`);
    await own
      .getByText(/buying, selling or arranging drugs/)
      .first()
      .waitFor();
    await own.goto('/notices');
    const notice = own.getByTestId('notice').first();
    await notice
      .getByTestId('notice-text')
      .filter({ hasText: /A moderator removed your post because/ })
      .waitFor();
    expect(await notice.textContent()).toContain('Need help now?');
    await notice.getByLabel(/Appeal/).fill('I was asking about treatment, not drugs. Please look again.');
    await notice.getByRole('button', { name: 'Send appeal' }).click();
    await notice.getByTestId('appeal-status').filter({ hasText: 'waiting for a moderator' }).waitFor();
    await screenshot(own, 'moderation-author-notice');
  }, 90_000);

  it('shows an urgent banner and the count in the title when a crisis flag arrives live', async () => {
    const { t } = app;
    const [author, moderator, flagger] = await Promise.all([t.register(), t.register(), t.register()]);
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
    const mod = await signedIn(app, moderator);
    await mod.goto('/moderation');
    await mod.getByRole('heading', { name: 'Moderation', level: 1 }).waitFor();
    const thread = await t.api<ThreadView>('POST', '/api/boards/welcome-introductions/threads', {
      token: author.token,
      body: { title: 'Cannot do this anymore', body: 'Everything feels pointless tonight.', anonymous: true },
    });
    await mod.waitForTimeout(300);
    await t.api('POST', '/api/flags', {
      token: flagger.token,
      body: { targetType: 'thread', targetId: thread.body.id, reason: 'crisis' },
    });
    await mod.getByTestId('urgent-banner').waitFor();
    await mod.waitForFunction(() => /^\(\d+\) Moderation · Kindred$/.test(document.title));
    await screenshot(mod, 'moderation-urgent');
  }, 60_000);
});
