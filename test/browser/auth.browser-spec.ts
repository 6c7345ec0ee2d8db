import { registerInUi, screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';
import { uniqueName } from '../support/test-app.js';

describe('accounts in the browser', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 60_000);
  afterAll(() => app?.close());

  it('registers, shows the username, signs out and signs in again', async () => {
    const page = await app.newPage();
    const username = uniqueName('dawn');
    await registerInUi(page, username);

    await page.getByTestId('account-link').click();
    await page.getByRole('heading', { name: 'Your account', exact: true }).waitFor();
    expect(await page.getByTestId('account-username').textContent()).toBe(username);
    await screenshot(page, 'account');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('a long and good passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('account-link').filter({ hasText: username }).waitFor();

    // A reload keeps the session, and a deep link renders the right page.
    await page.goto('/account');
    expect(await page.getByTestId('account-username').textContent()).toBe(username);
  }, 60_000);

  it('shows a friendly error for a wrong password', async () => {
    const page = await app.newPage();
    await page.goto('/signin');
    await page.getByLabel('Username').fill('nobody_at_all');
    await page.getByLabel('Password').fill('not a real password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('do not match');
  }, 30_000);

  it('links to crisis resources from every page, with tap-to-call links', async () => {
    const page = await app.newPage();
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'Need help now?' }).click();
    await page.getByRole('heading', { name: 'Need help now?' }).waitFor();
    expect(await page.locator('a[href="tel:988"]').count()).toBeGreaterThan(0);
    // The SAMHSA line is on the crisis card and again where the harm-reduction card says where to get naloxone.
    expect(await page.locator('a[href^="tel:18006624357"]').count()).toBeGreaterThan(0);
  }, 30_000);
});
