import type { Page } from 'playwright-core';
import { startBrowserApp, screenshot, type BrowserApp } from './support/browser.js';

/** Text slips a reader notices: "1 posts", "1 matches", "6:54 AM· ends", "1 thread· active", "kind here..". */
async function slipsOn(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  const slips: string[] = [];
  for (const re of [
    /\S·|·\S/g,
    /(?<![\d,])1 (posts|matches|threads|replies|people|hours|guests|articles|reactions|hands)\b/g,
    /\w\.\.(?!\.)/g,
  ]) {
    for (const m of text.matchAll(re)) slips.push(text.slice(Math.max(0, m.index - 20), m.index + 20));
  }
  return slips;
}

describe('plurals and spacing in the web app', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 60_000);
  afterAll(() => app?.close());

  it('counts one as one ("1 thread · active", "1 match.", "1 person going") and spaces every middle dot', async () => {
    const { t } = app;
    const author = await t.register();
    const created = await t.api('POST', '/api/boards/welcome-introductions/threads', {
      token: author.token,
      body: { title: 'Hello from a quiet corner', body: 'First day here, the word is quokkaphrase.' },
    });
    expect(created.status).toBe(201);
    const rsvp = await t.api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/meetings');
    const example = rsvp.body.items.find((m) => m.name === "Newcomers' Circle")!;
    expect((await t.api('PUT', `/api/meetings/${example.id}/rsvp`, { token: author.token })).status).toBe(200);

    const page = await app.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Welcome & Introductions' }) });
    await card.getByText(/^1 thread · active /).waitFor();
    expect(await slipsOn(page)).toEqual([]);

    await page.goto('/search?q=quokkaphrase');
    await page.getByText('1 match.', { exact: true }).waitFor();
    expect(await slipsOn(page)).toEqual([]);

    await page.goto('/meetings');
    const meeting = page.getByTestId('meeting-card').filter({ hasText: "Newcomers' Circle" });
    await meeting.getByText('Open: guests can read along · 1 person going').waitFor();
    expect(await slipsOn(page)).toEqual([]);

    await page.goto(`/meetings/${example.id}`);
    await page.getByRole('heading', { name: "Newcomers' Circle" }).waitFor();
    expect(await slipsOn(page)).toEqual([]);
    await screenshot(page, 'text-slips-meeting');
  }, 90_000);
});
