import type { Browser, Page } from 'playwright-core';
import { screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

/** A page at a given viewport (its own context: a separate person). */
async function pageAt(app: BrowserApp, width: number, height: number): Promise<Page> {
  const browser: Browser = app.browser;
  const context = await browser.newContext({ baseURL: app.baseUrl, viewport: { width, height } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

describe('the help page (issue 15 item 16)', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 60_000);
  afterAll(() => app?.close());

  it('puts the overdose card first and wholly above the fold on a 390x844 phone', async () => {
    const page = await pageAt(app, 390, 844);
    await page.goto('/help');
    const card = page.getByTestId('overdose-card');
    await card.waitFor();
    await page.waitForLoadState('networkidle');

    // First: no other card or resource comes before it in the page.
    const firstCard = await page.evaluate(() => {
      const main = document.querySelector('main') ?? document.body;
      const cards = [...main.querySelectorAll('.card, .crisis-list li')];
      return (cards[0] as HTMLElement | undefined)?.dataset.testid ?? null;
    });
    expect(firstCard).toBe('overdose-card');

    // Fully visible without scrolling, and no wider than the screen.
    const box = await card.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);

    const text = (await card.textContent()) ?? '';
    for (const step of ['911', 'naloxone', 'Stay with them', 'Recovery position']) expect(text).toContain(step);
    expect(await card.getByRole('link', { name: 'Call 911' }).getAttribute('href')).toBe('tel:911');
    await screenshot(page, 'help-phone-390x844');
  }, 60_000);

  it('never wraps a phone number, on a phone and on a desktop', async () => {
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
      [320, 640],
    ] as const) {
      const page = await pageAt(app, width, height);
      await page.goto('/help');
      await page.getByTestId('not-in-us').waitFor();
      await page.waitForLoadState('networkidle');
      const numbers = await page.evaluate(() =>
        [...document.querySelectorAll('main .tel')].map((el) => ({
          text: el.textContent ?? '',
          whiteSpace: getComputedStyle(el).whiteSpace,
          // A number that wraps is laid out as more than one line box.
          lines: new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size,
        })),
      );
      expect(numbers.length).toBeGreaterThanOrEqual(10);
      for (const n of numbers) {
        expect({ ...n, whiteSpace: n.whiteSpace }).toEqual({ ...n, whiteSpace: 'nowrap' });
        expect({ text: n.text, lines: n.lines }).toEqual({ text: n.text, lines: 1 });
      }
      if (width === 1280) await screenshot(page, 'help-desktop-1280x800');
      await page.context().close();
    }
  }, 60_000);

  it('says what to do outside the US and how to stay safer, with the checked numbers', async () => {
    const page = await pageAt(app, 1280, 800);
    await page.goto('/help');
    const notUs = page.getByTestId('not-in-us');
    await notUs.getByRole('heading', { name: 'Not in the US?' }).waitFor();
    const rows = await notUs.locator('li').allTextContents();
    const byCountry = Object.fromEntries(rows.map((r) => [r.trim().split(/\s/)[0], r.replace(/\s+/g, ' ')]));
    expect(Object.keys(byCountry)).toEqual(['UK', 'Ireland', 'Canada', 'Australia', 'Mexico', 'Spain']);
    expect(byCountry.UK).toContain('116 123');
    expect(byCountry.Ireland).toContain('116 123');
    expect(byCountry.Canada).toContain('9-8-8');
    expect(byCountry.Australia).toContain('13 11 14');
    expect(byCountry.Mexico).toContain('800 911 2000');
    expect(byCountry.Spain).toContain('024');
    expect(await notUs.getByRole('link', { name: '13 11 14' }).getAttribute('href')).toBe('tel:131114');

    const harm = page.getByTestId('harm-reduction-card');
    const harmText = (await harm.textContent()) ?? '';
    expect(harmText).toContain('Never use alone');
    expect(harmText).toContain('fentanyl test strips');
    expect(harmText).toMatch(/naloxone.*free/is);
    expect(await harm.getByRole('link', { name: '800-484-3731' }).getAttribute('href')).toBe('tel:8004843731');

    // Beside the overdose card on a desktop (same row).
    const od = await page.getByTestId('overdose-card').boundingBox();
    const hr = await harm.boundingBox();
    expect(Math.abs(od!.y - hr!.y)).toBeLessThan(2);
    expect(hr!.x).toBeGreaterThan(od!.x);
  }, 60_000);
});
