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
    await card.getByTestId('queue-excerpt').getByText('cash tonight').waitFor();
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
    await mod.waitForFunction(() => /^\(\d+ urgent\) Moderation · Kindred$/.test(document.title));
    await screenshot(mod, 'moderation-urgent');
  }, 60_000);
  it('tells priorities apart by colour and by word and icon, at 4.5:1 or more, with the urgent count in the title', async () => {
    const { t } = app;
    const [author, moderator, flagger] = await Promise.all([t.register(), t.register(), t.register()]);
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
    const open = async (title: string, reason: string): Promise<void> => {
      const thread = await t.api<ThreadView>('POST', '/api/boards/welcome-introductions/threads', {
        token: author.token,
        body: { title, body: 'Checking in after work today.', anonymous: true },
      });
      const flag = await t.api('POST', '/api/flags', {
        token: flagger.token,
        body: { targetType: 'thread', targetId: thread.body.id, reason },
      });
      expect(flag.status).toBe(201);
    };
    await open('Priority urgent one', 'crisis');
    await open('Priority urgent two', 'crisis');
    await open('Priority high', 'harassment');
    await open('Priority normal', 'spam');

    const mod = await signedIn(app, moderator);
    await mod.setViewportSize({ width: 1280, height: 800 });
    await mod.goto('/moderation');
    await mod.getByRole('heading', { name: 'Moderation', level: 1 }).waitFor();
    await mod.getByTestId('queue-item').filter({ hasText: 'Priority normal' }).waitFor();
    // The queue is shared with the other tests here: count the urgent items on screen (2 are ours).
    const urgentCount = await mod.locator('[data-testid="priority-badge"][data-priority="urgent"]').count();
    expect(urgentCount).toBeGreaterThanOrEqual(2);
    await mod.waitForFunction((n) => document.title === `(${n} urgent) Moderation · Kindred`, urgentCount);

    const badges = await mod.evaluate(() => {
      const channel = (c: number): number => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      const luminance = (css: string): number => {
        const [r, g, b] = (css.match(/[\d.]+/g) ?? []).map(Number);
        return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
      };
      const out: Record<string, { text: string; color: string; background: string; contrast: number }> = {};
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid="priority-badge"]')) {
        const style = getComputedStyle(el);
        const [hi, lo] = [luminance(style.color), luminance(style.backgroundColor)].sort((a, b) => b - a);
        out[el.dataset.priority!] = {
          text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
          color: style.color,
          background: style.backgroundColor,
          contrast: (hi! + 0.05) / (lo! + 0.05),
        };
      }
      return out;
    });
    expect(Object.keys(badges).sort()).toEqual(['high', 'normal', 'urgent']);
    expect(badges.urgent!.text).toBe('⚠ Urgent');
    expect(badges.high!.text).toBe('▲ High');
    expect(badges.normal!.text).toBe('● Normal');
    // Colour differs too (background), not the word alone.
    expect(new Set(Object.values(badges).map((b) => b.background)).size).toBe(3);
    for (const b of Object.values(badges)) {
      expect(b.background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
      expect({ badge: b.text, contrast: Number(b.contrast.toFixed(2)) >= 4.5 }).toEqual({
        badge: b.text,
        contrast: true,
      });
    }
    await screenshot(mod, 'moderation-priorities-desktop');
    await mod.setViewportSize({ width: 390, height: 844 });
    await screenshot(mod, 'moderation-priorities-phone');
  }, 90_000);

  it('puts supportive actions first on an urgent crisis item: reach out once (who and when shown), then mark as checked', async () => {
    const { t } = app;
    const [author, first, second, flagger] = await Promise.all([
      t.register(),
      t.register(),
      t.register(),
      t.register(),
    ]);
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = ANY($1::uuid[])`, [
      [first.user.id, second.user.id],
    ]);
    const thread = await t.api<ThreadView>('POST', '/api/boards/welcome-introductions/threads', {
      token: (await t.register()).token,
      body: { title: 'Rough night check-in', body: 'How is everyone holding up tonight?' },
    });
    const post = await t.api<PostView>('POST', `/api/threads/${thread.body.id}/posts`, {
      token: author.token,
      body: { body: "I took everything I had tonight and I don't want to wake up. goodbye everyone", anonymous: true },
    });
    expect(post.status).toBe(201);
    const flag = await t.api<FlagCreated>('POST', '/api/flags', {
      token: flagger.token,
      body: { targetType: 'post', targetId: post.body.id, reason: 'crisis' },
    });
    expect(flag.status).toBe(201);

    // The queue: the urgent item shows "First, check on the person" before any other action.
    const mod = await signedIn(app, first);
    await mod.setViewportSize({ width: 1280, height: 800 });
    await mod.goto('/moderation');
    const card = mod.locator(`[data-item-id="${flag.body.itemId}"]`);
    const support = card.getByTestId('support-actions');
    await support.getByRole('heading', { name: 'First, check on the person' }).waitFor();
    await card.getByTestId('crisis-badge').waitFor();
    await support.getByTestId('reached-out-none').waitFor();
    expect(await card.getByText('Other actions', { exact: true }).isVisible()).toBe(true);
    // Supportive actions come before the punitive ones in the card's reading order.
    const order = await card.evaluate((el) => {
      const s = el.querySelector('[data-testid="support-actions"]');
      const other = [...el.querySelectorAll('summary')].find((x) => x.textContent?.includes('Other actions'));
      return s && other ? s.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    expect(order).toBeTruthy();
    await screenshot(mod, 'moderation-crisis-queue-desktop');
    await mod.setViewportSize({ width: 390, height: 844 });
    await card.scrollIntoViewIfNeeded();
    await screenshot(mod, 'moderation-crisis-queue-phone');
    await mod.setViewportSize({ width: 1280, height: 800 });

    await support.getByLabel('A line of your own (optional)').fill('We are really glad you wrote here.');
    await support.getByRole('button', { name: 'Reach out privately' }).click();
    await support
      .getByTestId('reached-out')
      .filter({ hasText: `${first.user.username} reached out` })
      .waitFor();

    // A second moderator on the item page is told, kindly, who already reached out.
    const other = await signedIn(app, second);
    await other.setViewportSize({ width: 1280, height: 800 });
    await other.goto(`/moderation/items/${flag.body.itemId}`);
    const page = other.getByTestId('support-actions');
    await page.getByTestId('reached-out').filter({ hasText: first.user.username }).waitFor();
    await screenshot(other, 'moderation-crisis-item-desktop');
    await other.setViewportSize({ width: 390, height: 844 });
    await screenshot(other, 'moderation-crisis-item-phone');
    await other.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Reach out privately' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `${first.user.username} already reached out` })
      .waitFor();

    await page.getByLabel('Escalated to emergency services').check();
    expect(await page.getByText(/call 988 yourself/).isVisible()).toBe(true);
    await page.getByLabel('Supported').check();
    await page.getByLabel(/Note for the other moderators/).fill('Replied in the thread as well.');
    await page.getByRole('button', { name: 'Mark as checked' }).click();
    const history = other.getByTestId('item-history');
    await history.filter({ hasText: `Marked as checked by ${second.user.username}` }).waitFor();
    await history.filter({ hasText: `Reached out privately by ${first.user.username}` }).waitFor();
    expect(await other.content()).not.toContain(author.user.username);

    // The author finds a kind message with the crisis lines in their notices.
    const own = await signedIn(app, author);
    await own.setViewportSize({ width: 390, height: 844 });
    await own.goto('/notices');
    const notice = own.getByTestId('notice').filter({ hasText: 'A moderator is checking in' });
    await notice.getByRole('link', { name: /Call 988/ }).waitFor();
    await notice.getByText('We are really glad you wrote here.').waitFor();
    await screenshot(own, 'moderation-outreach-notice-phone');
  }, 90_000);

  it('offers "Remove and suspend" in one step, then further actions on the resolved item', async () => {
    const { t } = app;
    const [author, moderator, flagger] = await Promise.all([t.register(), t.register(), t.register()]);
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
    const thread = await t.api<ThreadView>('POST', '/api/boards/welcome-introductions/threads', {
      token: (await t.register()).token,
      body: { title: 'Weekend plans', body: 'What is everyone doing to stay busy?' },
    });
    const post = await t.api<PostView>('POST', `/api/threads/${thread.body.id}/posts`, {
      token: author.token,
      body: { body: 'Nobody here will ever get better, you are all pathetic.', anonymous: true },
    });
    const flag = await t.api<FlagCreated>('POST', '/api/flags', {
      token: flagger.token,
      body: { targetType: 'post', targetId: post.body.id, reason: 'harassment' },
    });
    const mod = await signedIn(app, moderator);
    await mod.setViewportSize({ width: 1280, height: 800 });
    await mod.goto(`/moderation/items/${flag.body.itemId}`);
    await mod.getByLabel('Action').selectOption('remove_and_suspend');
    await mod.getByLabel('Reason').selectOption('harassment');
    await mod.getByLabel('How long').selectOption('1');
    await mod.getByRole('button', { name: 'Apply' }).click();
    await mod
      .getByRole('status')
      .filter({ hasText: /Post removed\. Author suspended until/ })
      .first()
      .waitFor();
    const history = mod.getByTestId('item-history');
    await history.filter({ hasText: 'Remove by' }).waitFor();
    await history.filter({ hasText: 'Suspend author by' }).waitFor();
    // Resolved: further actions stay available (the undoing ones are not offered).
    await mod.getByText('Further actions').waitFor();
    const options = await mod.getByLabel('Action').locator('option').allTextContents();
    expect(options).toContain('Warn author');
    expect(options).not.toContain('Approve (dismiss flags)');
    await screenshot(mod, 'moderation-further-actions-desktop');
  }, 60_000);
});
