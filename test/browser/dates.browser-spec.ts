import type { AuthResponse, PostView, ThreadView } from '@kindred/contracts';
import type { Page } from 'playwright-core';
import { screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

const NUMERIC_DATE = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/;
const HOUR = 3_600_000;

describe('dates and times in the reader’s locale (issue 15 item 19)', () => {
  let app: BrowserApp;
  let member: AuthResponse;
  let thread: ThreadView;
  let old: PostView;
  beforeAll(async () => {
    app = await startBrowserApp({ RATE_LIMITS: 'off', NEW_MEMBER_HOURS: '0' });
    member = await app.t.register();
    const other = await app.t.register();
    thread = (
      await app.t.api<ThreadView>('POST', '/api/boards/life-in-recovery/threads', {
        token: member.token,
        body: { title: 'Looking back on the year', body: 'Some days felt long.', anonymous: false },
      })
    ).body;
    old = (
      await app.t.api<PostView>('POST', `/api/threads/${thread.id}/posts`, {
        token: other.token,
        body: { body: 'They did, and you stayed.', anonymous: false },
      })
    ).body;
    // The opening post two hours ago, the reply a month ago (times the test can name).
    await app.t.dataSource.query(`UPDATE posts SET created_at = now() - interval '2 hours' WHERE id = $1`, [
      thread.posts.items[0].id,
    ]);
    await app.t.dataSource.query(`UPDATE threads SET created_at = now() - interval '2 hours' WHERE id = $1`, [
      thread.id,
    ]);
    await app.t.dataSource.query(`UPDATE posts SET created_at = now() - interval '30 days' WHERE id = $1`, [old.id]);
  }, 60_000);
  afterAll(() => app?.close());

  async function pageIn(locale: string, timezoneId: string, width = 1280, height = 800): Promise<Page> {
    const context = await app.browser.newContext({
      baseURL: app.baseUrl,
      viewport: { width, height },
      locale,
      timezoneId,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto('/help');
    await page.evaluate((token) => localStorage.setItem('kindred.token', token), member.token);
    return page;
  }

  it('shows relative times in the reader’s language with the full local date on hover and for screen readers', async () => {
    const monthAgo = Date.now() - 30 * 24 * HOUR;
    // Kindred speaks English and Spanish: a German browser reads it in English, with its region's
    // formats (en-DE: 24-hour clock, day before month); a Mexican one in Spanish.
    for (const [browserLocale, zone, twoHours, size, locale] of [
      ['en-US', 'America/Chicago', '2 hours ago', [1280, 800], 'en-US'],
      ['de-DE', 'Europe/Berlin', '2 hours ago', [390, 844], 'en-DE'],
      ['es-MX', 'America/Mexico_City', 'hace 2 horas', [390, 844], 'es-MX'],
    ] as const) {
      const page = await pageIn(browserLocale, zone, size[0], size[1]);
      await page.goto(`/threads/${thread.id}`);
      const opening = page.locator(`#post-${thread.posts.items[0].id} time`);
      await opening.waitFor();
      expect(await opening.evaluate((el) => el.firstChild?.textContent)).toBe(twoHours);
      expect(await opening.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      // The full date and time, as that reader's locale and zone write it.
      const full = await opening.getAttribute('title');
      const expectedFull = new Intl.DateTimeFormat(locale, {
        dateStyle: 'full',
        timeStyle: 'short',
        timeZone: zone,
      }).format(new Date((await opening.getAttribute('datetime'))!));
      expect(full).toBe(expectedFull);
      expect(await opening.locator('.visually-hidden').textContent()).toContain(expectedFull);
      // A month ago: the date itself, in words, never "11/7/2026".
      const older = page.locator(`#post-${old.id} time`);
      const expectedDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone }).format(monthAgo);
      expect(await older.evaluate((el) => el.firstChild?.textContent)).toBe(expectedDate);
      expect(await page.locator('main').innerText()).not.toMatch(NUMERIC_DATE);
      await page.screenshot({ path: `/tmp/shots-read/dates-thread-${locale}.png` });
      await screenshot(page, `dates-thread-${locale}`);
      await page.context().close();
    }
  }, 60_000);

  it('writes no numeric date on the screens that show times', async () => {
    const page = await pageIn('en-US', 'America/New_York');
    const screens: Array<[string, string]> = [
      ['/boards/life-in-recovery', 'Looking back on the year'],
      ['/search?q=stayed', 'Looking back on the year'],
      [`/members/${member.user.username}`, 'Member since'],
      ['/account', 'Member since'],
    ];
    for (const [path, text] of screens) {
      await page.goto(path);
      await page.getByText(text).first().waitFor();
      expect({ path, text: await page.locator('main').innerText() }).toEqual({
        path,
        text: expect.not.stringMatching(NUMERIC_DATE),
      });
    }
    // The board list and search result carry the full date on hover too.
    await page.goto('/boards/life-in-recovery');
    const active = page.getByRole('listitem').filter({ hasText: 'Looking back on the year' }).locator('time');
    expect(await active.getAttribute('title')).toMatch(/\d{4}/);
  }, 60_000);
});
