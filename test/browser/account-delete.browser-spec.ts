import { registerInUi, screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';
import { uniqueName } from '../support/test-app.js';

describe('deleting an account in the browser (issue 15 item 20)', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 60_000);
  afterAll(() => app?.close());

  it('sets each delete-mode radio beside its label, then confirms "Your account was deleted" once', async () => {
    const page = await app.newPage();
    await registerInUi(page, uniqueName('bye'));
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto('/account');
      // The account screen loads its parts (sessions, following…) after it opens: wait until they
      // have, then read both boxes at once so nothing moves between the two.
      await page.getByRole('heading', { name: 'Delete your account' }).waitFor();
      await page.waitForLoadState('networkidle');
      for (const id of ['delete-anonymize', 'delete-erase']) {
        const [radio, label] = await page.evaluate((which) => {
          const box = (el: Element | null) => {
            const r = el?.getBoundingClientRect();
            return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
          };
          return [box(document.getElementById(which)), box(document.querySelector(`label[for="${which}"]`))];
        }, id);
        // Beside: to the left of the label's text, starting on its first line (not stacked above it).
        expect(radio!.x + radio!.width).toBeLessThanOrEqual(label!.x + 1);
        expect(radio!.y).toBeGreaterThanOrEqual(label!.y - 4);
        expect(radio!.y).toBeLessThan(label!.y + 20);
      }
      await page.getByRole('heading', { name: 'Delete your account' }).scrollIntoViewIfNeeded();
      await screenshot(page, `account-delete-${width}`);
    }

    await page.getByLabel('Your password').fill('a long and good passphrase');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('button', { name: 'Yes, delete my account now' }).click();
    const notice = page.getByTestId('account-deleted-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Your account was deleted');
    await page.waitForFunction(() => location.pathname === '/' && location.search === '');
    await screenshot(page, 'account-deleted-home');

    // Once: a reload does not say it again.
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome to Kindred' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('account-deleted-notice').count()).toBe(0);
  }, 90_000);
});
