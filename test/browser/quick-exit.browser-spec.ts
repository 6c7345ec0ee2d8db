import { createServer, type Server } from 'node:http';
import { registerInUi, screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';
import { uniqueName } from '../support/test-app.js';

/** A stand-in for the neutral weather site (the test network is closed). */
async function neutralSite(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Weather</title><h1>Sunny, 21°</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/forecast`, server };
}

describe('quick exit and discreet mode', () => {
  let app: BrowserApp;
  let neutral: { url: string; server: Server };
  beforeAll(async () => {
    neutral = await neutralSite();
    app = await startBrowserApp({ QUICK_EXIT_URL: neutral.url });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    neutral?.server.close();
  });

  it('"Leave quickly" is on every page and leaves no Kindred page to go back to', async () => {
    const page = await app.newPage();
    await page.goto('/');
    for (const path of ['/', '/help', '/meetings', '/library', '/signin']) {
      await page.goto(path);
      await page.getByRole('button', { name: 'Leave quickly' }).waitFor();
    }
    // A fresh tab: Kindred, then a few pages inside it.
    const tab = await app.newPage();
    await tab.goto('/');
    await tab.getByRole('link', { name: 'Library' }).first().click();
    await tab.getByRole('link', { name: 'Meetings' }).first().click();
    await tab.getByRole('link', { name: 'Need help now?' }).click();
    await tab.getByRole('heading', { name: 'Need help now?' }).waitFor();
    await screenshot(tab, 'quick-exit-help');
    await tab.getByRole('button', { name: 'Leave quickly' }).click();
    await tab.waitForURL(neutral.url);
    expect(await tab.title()).toBe('Weather');
    await tab.goBack().catch(() => null);
    expect(tab.url()).not.toContain(app.baseUrl);
    await tab.goBack().catch(() => null);
    expect(tab.url()).not.toContain(app.baseUrl);
  }, 60_000);

  it('Escape pressed three times leaves too', async () => {
    const tab = await app.newPage();
    await tab.goto('/library');
    await tab.getByRole('link', { name: 'Boards' }).first().click();
    await tab.keyboard.press('Escape');
    await tab.keyboard.press('Escape');
    expect(tab.url()).toContain(app.baseUrl);
    await tab.keyboard.press('Escape');
    await tab.waitForURL(neutral.url);
    await tab.goBack().catch(() => null);
    expect(tab.url()).not.toContain(app.baseUrl);
  }, 60_000);

  it('discreet mode shows "Notes" and a plain icon on this device only', async () => {
    const page = await app.newPage();
    await registerInUi(page, uniqueName('quiet'));
    await page.goto('/account');
    await page.getByLabel('Discreet mode on this device').check();
    expect(await page.title()).toBe('Notes');
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
    await page.goto('/library');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.title()).toBe('Notes');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'discreet-390');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'discreet-1280');

    const other = await app.newPage();
    await other.goto('/library');
    await other.getByRole('heading', { level: 1 }).waitFor();
    expect(await other.title()).toContain('Kindred');
  }, 60_000);
});
