import { createServer } from 'node:net';
import type { Page } from 'playwright-core';
import { registerInUi, screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';
import { uniqueName } from '../support/test-app.js';

/** A free port, so PUBLIC_URL can name it before the app starts (passkeys need a host name: localhost). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A CTAP2 platform authenticator with resident keys that always verifies the user (CDP WebAuthn domain). */
async function virtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

describe('passkeys in Chromium (virtual authenticator)', () => {
  let app: BrowserApp;
  let origin: string;
  beforeAll(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    app = await startBrowserApp({ PORT: String(port), PUBLIC_URL: origin });
  }, 60_000);
  afterAll(() => app?.close());

  it('adds a passkey, signs in with it without a username, removes it', async () => {
    // Its own context on http://localhost (an IP address cannot be a relying party).
    const context = await app.browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await virtualAuthenticator(page);
    const username = uniqueName('key');
    await page.goto(`${origin}/`);
    await registerInUi(page, username);
    await page.goto(`${origin}/account`);
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Passkey added').waitFor();
    expect(await page.getByTestId('passkeys').locator('li').count()).toBe(1);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Passkeys' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'passkeys-390');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'passkeys-1280');

    await page.getByRole('button', { name: 'Sign out', exact: true }).first().click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();
    await page.goto(`${origin}/signin`);
    await page.getByRole('button', { name: 'Use a passkey instead' }).click();
    await page.getByTestId('account-link').filter({ hasText: username }).waitFor();

    await page.goto(`${origin}/account`);
    await page.getByRole('button', { name: /^Remove passkey/ }).click();
    await page.getByText('Passkey removed').waitFor();
    expect(await page.getByTestId('passkeys').count()).toBe(0);

    // The authenticator still holds the credential; Kindred no longer accepts it.
    await page.getByRole('button', { name: 'Sign out', exact: true }).first().click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();
    await page.goto(`${origin}/signin`);
    await page.getByRole('button', { name: 'Use a passkey instead' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not on any Kindred account');
    await context.close();
  }, 90_000);
});
