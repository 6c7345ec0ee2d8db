import { AxeBuilder } from '@axe-core/playwright';
import type { AuthResponse, ThreadView } from '@kindred/contracts';
import type { Page } from 'playwright-core';
import { screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

const PHONE = { width: 390, height: 844 };

/** A phone-sized page, signed in with `who`'s token when given (the session lives in localStorage). */
async function phonePage(app: BrowserApp, who?: AuthResponse): Promise<Page> {
  const context = await app.browser.newContext({ baseURL: app.baseUrl, viewport: PHONE });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  if (who) {
    await page.goto('/help');
    await page.evaluate((token) => localStorage.setItem('kindred.token', token), who.token);
  }
  return page;
}

/** The serious and critical axe findings on the current screen, one readable line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`));
}

describe('accessibility on a phone (issue 15 item 21)', () => {
  let app: BrowserApp;
  let member: AuthResponse;
  let moderator: AuthResponse;
  let admin: AuthResponse;
  let threadPath: string;
  let crisisItemPath: string;
  beforeAll(async () => {
    app = await startBrowserApp();
    const { t } = app;
    let flagger: AuthResponse;
    [member, moderator, flagger] = await Promise.all([t.register(), t.register(), t.register()]);
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
    admin = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id]);
    const thread = await t.api<ThreadView>('POST', '/api/boards/welcome-introductions/threads', {
      token: member.token,
      body: { title: 'Two weeks in', body: 'Checking in after my first meeting.', anonymous: true },
    });
    threadPath = `/threads/${thread.body.id}`;
    // One open item so the queue shows a card, not only its empty state.
    await t.api('POST', '/api/flags', {
      token: flagger.token,
      body: { targetType: 'thread', targetId: thread.body.id, reason: 'spam' },
    });
    // An urgent crisis item with its supportive actions, and the outreach notice its author receives.
    const crisis = await t.api<{ id: string }>('POST', `/api/threads/${thread.body.id}/posts`, {
      token: member.token,
      body: { body: "I took everything I had tonight and I don't want to wake up. goodbye everyone", anonymous: true },
    });
    const flagged = await t.api<{ itemId: string }>('POST', '/api/flags', {
      token: flagger.token,
      body: { targetType: 'post', targetId: crisis.body.id, reason: 'crisis' },
    });
    crisisItemPath = `/moderation/items/${flagged.body.itemId}`;
    const reached = await t.api('POST', `/api/moderation/items/${flagged.body.itemId}/actions`, {
      token: moderator.token,
      body: { action: 'reach_out', reason: 'crisis_support' },
    });
    expect(reached.status).toBe(200);
  }, 60_000);
  afterAll(() => app?.close());

  it('makes every phone menu link at least 44px tall', async () => {
    const page = await phonePage(app, member);
    await page.goto('/');
    await page.getByRole('button', { name: /Menu/ }).click();
    const nav = page.locator('nav#site-nav');
    await nav.waitFor();
    const targets = await nav
      .locator('a, button')
      .evaluateAll((els) =>
        els.map((el) => ({ name: (el.textContent ?? '').trim(), height: el.getBoundingClientRect().height })),
      );
    expect(targets.length).toBeGreaterThanOrEqual(5);
    for (const target of targets) expect({ ...target, tall: target.height >= 44 }).toEqual({ ...target, tall: true });
    await screenshot(page, 'a11y-phone-menu');
  }, 60_000);

  it('finds no serious or critical axe violation on the main screens', async () => {
    const threadLink = threadPath;
    const screens: Array<{ path: string; who?: AuthResponse; ready: (page: Page) => Promise<unknown> }> = [
      { path: '/', ready: (p) => p.getByRole('heading', { level: 1 }).first().waitFor() },
      { path: '/', who: member, ready: (p) => p.getByTestId('home-meeting').getByRole('link').first().waitFor() },
      {
        path: '/search?q=naloxone',
        ready: (p) => p.getByTestId('search-results').getByRole('listitem').first().waitFor(),
      },
      { path: '/boards/welcome-introductions', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
      { path: threadLink, who: member, ready: (p) => p.getByRole('heading', { name: 'Two weeks in' }).waitFor() },
      { path: '/help', ready: (p) => p.getByTestId('overdose-card').waitFor() },
      { path: '/library', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
      { path: '/library/overdose-and-naloxone', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
      { path: '/meetings', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
      { path: '/signin', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
      { path: '/register', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
      { path: '/account', who: member, ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
      { path: '/admin', who: admin, ready: (p) => p.getByRole('heading', { name: 'Admin', level: 1 }).waitFor() },
      {
        path: '/admin/users',
        who: admin,
        ready: (p) => p.getByTestId('admin-user').first().waitFor(),
      },
      {
        path: '/admin/users',
        who: moderator,
        ready: (p) => p.getByTestId('admin-only').waitFor(),
      },
      {
        path: '/moderation',
        who: moderator,
        ready: (p) => p.getByTestId('queue-item').first().waitFor(),
      },
      { path: crisisItemPath, who: moderator, ready: (p) => p.getByTestId('support-actions').waitFor() },
      { path: '/notices', who: member, ready: (p) => p.getByText('A moderator is checking in').waitFor() },
    ];
    const found: Record<string, string[]> = {};
    for (const screen of screens) {
      const page = await phonePage(app, screen.who);
      await page.goto(screen.path);
      await screen.ready(page);
      await page.waitForLoadState('networkidle');
      const violations = await seriousViolations(page);
      if (violations.length > 0)
        found[
          `${screen.path}${screen.who ? ` (as ${screen.who === admin ? 'admin' : screen.who === moderator ? 'moderator' : 'member'})` : ''}`
        ] = violations;
      await page.context().close();
    }
    expect(found).toEqual({});
  }, 180_000);
  it('keeps the heading order on the moderation queue and a queue item (axe heading-order, any impact)', async () => {
    const page = await phonePage(app, moderator);
    await page.goto('/moderation');
    await page.getByTestId('queue-item').first().waitFor();
    const queue = await new AxeBuilder({ page }).withRules(['heading-order']).analyze();
    expect(queue.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
    const levels = await page.locator('main h1, main h2, main h3').evaluateAll((els) => els.map((el) => el.tagName));
    expect(levels.slice(0, 3)).toEqual(['H1', 'H2', 'H2']);
    await screenshot(page, 'a11y-moderation-queue-phone');

    await page.getByTestId('queue-item').first().getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Queue item', level: 1 }).waitFor();
    await page.getByTestId('queue-item').waitFor();
    const item = await new AxeBuilder({ page }).withRules(['heading-order']).analyze();
    expect(item.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
  }, 60_000);
});
