import type { Page } from 'playwright-core';
import { registerInUi, startBrowserApp, type BrowserApp } from './support/browser.js';
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
});
