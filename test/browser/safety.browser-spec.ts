import type { PostView, ThreadView } from '@kindred/contracts';
import type { Page } from 'playwright-core';
import { registerInUi, screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';
import { uniqueName } from '../support/test-app.js';

/** Collects CSP violations and every request leaving Kindred's own origin. */
function watch(page: Page, origin: string): { violations: string[]; thirdParty: string[] } {
  const seen = { violations: [] as string[], thirdParty: [] as string[] };
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.violations.push(message.text());
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) seen.thirdParty.push(url);
  });
  return seen;
}

describe('safety in the browser', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 60_000);
  afterAll(() => app?.close());

  it('runs every page under the strict CSP with no third-party request', async () => {
    const page = await app.newPage();
    const seen = watch(page, app.baseUrl);
    await registerInUi(page, uniqueName('csp'));
    for (const path of ['/', '/help', '/account', '/library', '/boards', '/meetings', '/api/docs']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }
    expect(seen.violations).toEqual([]);
    expect(seen.thirdParty).toEqual([]);
  }, 60_000);

  async function startThread(page: Page, title: string, body: string): Promise<void> {
    await page.goto('/boards/welcome-introductions');
    await page.getByRole('button', { name: 'New thread' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('What would you like to say?').fill(body);
  }

  it('warns about a phone number in the composer before anything is sent', async () => {
    const page = await app.newPage();
    await registerInUi(page, uniqueName('phone'));
    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/threads')) posted = true;
    });
    await startThread(page, 'Reaching out', 'Anyone can call me at 555-867-5309 tonight');
    const hint = page.getByTestId('composer-safety-hint');
    await hint.getByText('This looks like a phone number.').waitFor();
    expect(await hint.textContent()).toContain('held for a moderator — remove it to post now');
    expect(await hint.locator('mark').first().textContent()).toBe('555-867-5309');
    await screenshot(page, 'safety-phone-warning');
    expect(posted).toBe(false);
  }, 60_000);

  it('holds a sourcing thread: its author sees "waiting for a moderator", another member cannot see it', async () => {
    const page = await app.newPage();
    await registerInUi(page, uniqueName('src'));
    await startThread(page, 'anyone around tonight', "who's got blues? need 10 pressed 30s tonight, cash ready, hmu");
    await page.getByRole('button', { name: 'Start thread' }).click();
    await page.getByTestId('held-notice').waitFor();
    expect(await page.getByTestId('held-notice').textContent()).toContain('Waiting for a moderator');
    const threadUrl = page.url();
    await screenshot(page, 'safety-held-author');

    const other = await app.newPage();
    await registerInUi(other, uniqueName('other'));
    await other.goto('/boards/welcome-introductions');
    await other.getByRole('heading', { level: 1 }).waitFor();
    await other.waitForLoadState('networkidle');
    expect(await other.getByText('anyone around tonight').count()).toBe(0);
    await other.goto(new URL(threadUrl).pathname);
    await other.getByRole('heading', { name: 'Thread not available' }).waitFor();
  }, 60_000);

  it('publishes a crisis thread and shows its author the crisis panel at once', async () => {
    const page = await app.newPage();
    await registerInUi(page, uniqueName('crisis'));
    await startThread(page, 'goodbye', "I took everything I had tonight and I don't want to wake up. goodbye everyone");
    await page.getByTestId('composer-safety-hint').getByRole('link', { name: /988/ }).waitFor();
    await page.getByRole('button', { name: 'Start thread' }).click();
    const panel = page.getByTestId('crisis-panel');
    await panel.waitFor();
    expect(await panel.locator('a[href="tel:988"]').count()).toBeGreaterThan(0);
    expect(await panel.locator('a[href="tel:18006624357"]').count()).toBeGreaterThan(0);
    expect(await panel.textContent()).toContain('naloxone');
    expect(await page.getByTestId('held-notice').count()).toBe(0);
    await screenshot(page, 'safety-crisis-panel');
  }, 60_000);
  it.each([
    [
      'English',
      'I took all of my pills tonight.',
      ' I just wanted to say thank you to everyone here for trying with me',
    ],
    [
      'Spanish',
      'quiero morirme, ya tengo todo listo para esta noche.',
      ' solo quería darles las gracias a todos por escucharme',
    ],
  ])(
    'offers help while a crisis post in %s is still being typed, loading the model on first use',
    async (_, crisis, more) => {
      const page = await app.newPage();
      await registerInUi(page, uniqueName('typing'));
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      });
      await page.goto('/boards/welcome-introductions');
      await page.getByRole('button', { name: 'New thread' }).click();
      await page.getByLabel('Title').waitFor();
      await page.waitForLoadState('networkidle');
      const before = [...scripts];
      await page.getByLabel('Title').fill('tonight');
      const body = page.getByLabel('What would you like to say?');
      await body.pressSequentially(crisis, { delay: 15 });
      // Keep typing: the hint must appear before the person stops.
      let typing = true;
      const rest = body.pressSequentially(more, { delay: 60 }).then(() => (typing = false));
      const hint = page.getByTestId('composer-crisis-hint');
      await hint.waitFor({ timeout: 5_000 });
      expect(typing).toBe(true);
      expect(await hint.getAttribute('data-level')).toBe('urgent');
      expect(await hint.getByRole('link', { name: /988/ }).count()).toBe(1);
      await rest;
      // The detectors and weights came as a chunk of their own, fetched only once typing began.
      const lazy = scripts.filter((s) => !before.includes(s));
      expect(lazy.length).toBeGreaterThan(0);
      await screenshot(page, `safety-typing-hint-${_.toLowerCase()}`);
    },
    60_000,
  );
  it('shows a moderator the sentences that drove an urgent crisis item, highlighted, and takes a verdict', async () => {
    const { t } = app;
    const [author, moderator] = await Promise.all([t.register(), t.register()]);
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
    const thread = await t.api<ThreadView>('POST', '/api/boards/welcome-introductions/threads', {
      token: moderator.token,
      body: { title: 'Evening check-in', body: 'How is everyone tonight?', anonymous: false },
    });
    const text = 'Day 40 was going fine. Thank you all for trying with me. I took all of my pills tonight.';
    const post = await t.api<PostView>('POST', `/api/threads/${thread.body.id}/posts`, {
      token: author.token,
      body: { body: text, anonymous: true },
    });
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM moderation_items WHERE target_id = $1 AND status = 'open'`,
      [post.body.id],
    );
    const page = await app.newPage();
    await page.goto('/help');
    await page.evaluate((token) => localStorage.setItem('kindred.token', token), moderator.token);
    for (const [width, height, name] of [
      [1280, 800, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`/moderation/items/${rows[0].id}`);
      const card = page.getByTestId('queue-item');
      await card.getByTestId('evidence-mark').first().waitFor();
      const marked = await card.getByTestId('evidence-mark').allTextContents();
      expect(marked.join(' ')).toContain('I took all of my pills tonight.');
      expect(await card.getByTestId('queue-excerpt').textContent()).toContain('Day 40 was going fine.');
      const hit = card.locator('[data-testid="detection-hit"][data-kind="crisis"]');
      expect(await hit.getByTestId('detection-scores').textContent()).toMatch(/urgent \d+ %/);
      await screenshot(page, `safety-queue-evidence-${name}`);
    }
    await page
      .locator('[data-testid="detection-hit"][data-kind="crisis"]')
      .getByRole('button', { name: 'Yes' })
      .click();
    await page.getByTestId('verdict-recorded').waitFor();
    const verdicts: Array<{ upheld: boolean }> = await t.dataSource.query(
      `SELECT upheld FROM detection_verdicts WHERE item_id = $1`,
      [rows[0].id],
    );
    expect(verdicts).toEqual([{ upheld: true }]);
  }, 90_000);
});
