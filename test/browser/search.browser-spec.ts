import type { ThreadView } from '@kindred/contracts';
import { screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

describe('search in the browser', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp({ RATE_LIMITS: 'off', NEW_MEMBER_HOURS: '0' });
  }, 60_000);
  afterAll(() => app?.close());

  it('finds the naloxone article beside posts, labels an opening post as a thread, and shows plain snippets', async () => {
    const { token } = await app.t.register();
    const created = await app.t.api<ThreadView>('POST', '/api/boards/life-in-recovery/threads', {
      token,
      body: {
        title: 'Carrying a kit now',
        body: 'I keep **naloxone** in my bag, see [the pharmacy list](https://example.org) & _ask_ for it.',
        anonymous: true,
      },
    });
    expect(created.status).toBe(201);
    const other = await app.t.register();
    const replied = await app.t.api('POST', `/api/threads/${created.body.id}/posts`, {
      token: other.token,
      body: { body: 'Good idea, I got my naloxone kit free last week.', anonymous: true },
    });
    expect(replied.status).toBe(201);

    const page = await app.newPage();
    for (const [width, height, name] of [
      [1280, 800, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto('/search?q=naloxone');
      const results = page.getByTestId('search-results');
      await results.getByRole('link', { name: 'Overdose and naloxone: what to do' }).first().waitFor();
      await page.getByText(/^\d+\+? matches\.$/).waitFor();

      const thread = results
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: 'Carrying a kit now' }) });
      // Library sections rank among the posts; page on as a reader would until both are listed.
      const more = page.getByRole('button', { name: 'More results' });
      for (let i = 0; i < 5 && (await thread.count()) < 2 && (await more.isVisible()); i++) {
        const before = await results.getByRole('listitem').count();
        await more.click();
        await page.waitForFunction(
          (n) => document.querySelectorAll('[data-testid="search-results"] li').length > n,
          before,
        );
      }
      // The opening post is the thread (once), the answer is a reply. Both match "naloxone" once, so
      // they rank equal and their order is the tie-break's, not the test's to fix.
      expect(await thread.count()).toBe(2);
      const asThread = thread.filter({ has: page.getByText(/^Thread by /) });
      const asReply = thread.filter({ has: page.getByText(/^Reply by /) });
      expect(await asThread.count()).toBe(1);
      expect(await asReply.count()).toBe(1);
      const snippet = (await asThread.locator('.snippet').textContent())?.trim();
      expect(snippet).toBe('I keep naloxone in my bag, see the pharmacy list & ask for it.');
      expect(await asThread.locator('.snippet mark').textContent()).toBe('naloxone');

      // Library results go to the article, or to the section's heading.
      const article = results.locator('a[href="/library/overdose-and-naloxone"]').first();
      expect(await article.isVisible()).toBe(true);
      expect(await results.locator('a[href^="/library/overdose-and-naloxone#"]').count()).toBeGreaterThan(0);
      expect(await results.getByText('Library article').count()).toBeGreaterThan(0);
      expect(await results.innerText()).not.toMatch(/\*\*|\]\(|&amp;/);
      await page.screenshot({ path: `/tmp/shots-read/search-${name}.png` });
      await screenshot(page, `search-${name}`);
    }

    // Counted in words: one match, two matches.
    await page.goto('/search?q=pharmacy&board=life-in-recovery');
    await page.getByText('1 match.', { exact: true }).waitFor();
    await page.goto('/search?q=kit&board=life-in-recovery');
    await page.getByText('2 matches.', { exact: true }).waitFor();
  }, 90_000);
});
