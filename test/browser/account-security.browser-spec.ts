import type { Page } from 'playwright-core';
import { screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';
import { uniqueName } from '../support/test-app.js';
import { resetLink } from '../../apps/api/src/cli/kindred.js';

const PASSWORD = 'a long and good passphrase';
const NEW_PASSWORD = 'lantern ocean tuesday fig';

async function at(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1100, height: 900 });
}

/** Registers in the UI and returns the recovery codes shown once. */
async function registerWithCodes(page: Page, username: string): Promise<string[]> {
  await page.goto('/register');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByTestId('recovery-codes').waitFor();
  return (await page.getByTestId('recovery-codes').locator('code').allTextContents()).map((c) => c.trim());
}

describe('account security in the browser', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 60_000);
  afterAll(() => app?.close());

  it('loads the strength meter only when someone types a new password, and says why a password is weak', async () => {
    const page = await app.newPage();
    const chunks: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('password-strength')) chunks.push(r.url());
    });
    await page.goto('/register');
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    expect(chunks).toEqual([]);
    await page.getByLabel('Password').fill('aaaaaaaaaa');
    await page.getByText('Very easy to guess').waitFor();
    expect(chunks).toHaveLength(1);
    expect(await page.locator('.strength-advice').textContent()).toContain('Repeated characters');
    await page.getByLabel('Password').fill('Password1!');
    await page.getByText('Easy to guess', { exact: true }).waitFor();
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByText('Very strong').waitFor();
    await page.getByLabel('Password').fill('Password1!');
    await page.getByLabel('Username').fill(uniqueName('weak'));
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.locator('#password-error').textContent()).resolves.toContain('easy to guess');
    await at(page, 'register-weak-password');
  }, 60_000);

  it('shows ten codes once at sign-up with the no-e-mail warning; the account screen reminds until they are saved', async () => {
    const page = await app.newPage();
    const username = uniqueName('codes');
    const codes = await registerWithCodes(page, username);
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect((await page.getByTestId('no-email-notice').textContent())?.replace(/\s+/g, ' ')).toContain(
      "There's no e-mail on your account, so keep your recovery codes somewhere safe. Without them, nobody can recover this account.",
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as .txt' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('kindred-recovery-codes.txt');
    await at(page, 'register-recovery-codes');

    await page.getByRole('button', { name: "I'll do this later" }).click();
    await page.goto('/account');
    await page.getByTestId('recovery-reminder').waitFor();
    await at(page, 'account-security');

    // A new set needs the password; "I've saved them" ends the reminder.
    await page.getByRole('button', { name: 'Make new recovery codes' }).click();
    await page.getByLabel('Your current password').fill('not my password');
    await page.getByRole('button', { name: 'Make new codes' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain("That isn't your current password");
    await page.getByLabel('Your current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Make new codes' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    const fresh = await page.getByTestId('recovery-codes').locator('code').allTextContents();
    expect(fresh.some((c) => codes.includes(c))).toBe(false);
    await page.getByRole('button', { name: "I've saved them" }).click();
    await page.getByText('You have 10 unused recovery codes').waitFor();
    expect(await page.getByTestId('recovery-reminder').count()).toBe(0);
  }, 90_000);

  it('recovers with a code from another browser: the old tab is signed out live, and the code works once', async () => {
    const old = await app.newPage();
    const username = uniqueName('lost');
    const codes = await registerWithCodes(old, username);
    await old.getByRole('button', { name: "I've saved them" }).click();
    await old.goto('/notices');
    await old.getByTestId('account-link').waitFor();
    await old.waitForTimeout(500); // the notices socket connects

    const page = await app.newPage();
    await page.goto('/signin');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await at(page, 'recover');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Recovery code').fill(codes[0].toUpperCase());
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password and sign in' }).click();
    await page.getByRole('heading', { name: 'Your account', exact: true }).waitFor();
    expect(await page.getByTestId('account-username').textContent()).toBe(username);

    // The other tab learns at once (its socket was ended), without a reload.
    await old
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Sign in' })
      .waitFor({ timeout: 5000 });

    const third = await app.newPage();
    await third.goto('/recover');
    await third.getByLabel('Username').fill(username);
    await third.getByLabel('Recovery code').fill(codes[0]);
    await third.getByLabel('New password').fill('another calm morning walk');
    await third.getByRole('button', { name: 'Set new password and sign in' }).click();
    await expect(third.getByRole('alert').textContent()).resolves.toContain("That code didn't work");
  }, 90_000);

  it('changes the password, lists two sessions and signs the other one out (its tab notices)', async () => {
    const page = await app.newPage();
    const username = uniqueName('devices');
    await registerWithCodes(page, username);
    await page.getByRole('button', { name: "I've saved them" }).click();

    const other = await app.newPage();
    await other.goto('/signin');
    await other.getByLabel('Username').fill(username);
    await other.getByLabel('Password').fill(PASSWORD);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByTestId('account-link').waitFor();
    await other.goto('/notices');
    await other.waitForTimeout(500);

    await page.goto('/account');
    await page.getByTestId('sessions').locator('li').nth(1).waitFor();
    expect(await page.getByTestId('sessions').locator('li').count()).toBe(2);
    expect(await page.getByTestId('sessions').textContent()).toContain('This device');
    await at(page, 'account-sessions');
    await page
      .getByTestId('sessions')
      .getByRole('button', { name: /^Sign out/ })
      .click();
    await page.getByText('is signed out.').waitFor();
    expect(await page.getByTestId('sessions').locator('li').count()).toBe(1);
    await other
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Sign in' })
      .waitFor({ timeout: 5000 });

    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.').waitFor();
    const res = await app.t.api('POST', '/api/auth/login', { body: { username, password: NEW_PASSWORD } });
    expect(res.status).toBe(200);
  }, 90_000);

  it('an operator reset link works once in the browser', async () => {
    const { user } = await app.t.register();
    const output = await resetLink(app.t.dataSource, user.username, app.baseUrl, 'operator sam');
    const link = /(http:\/\/\S+\/reset#\S+)/.exec(output)![1];
    const page = await app.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await at(page, 'reset-link');
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password and sign in' }).click();
    await page.getByRole('heading', { name: 'Your account', exact: true }).waitFor();

    const again = await app.newPage();
    await again.goto(link);
    await again.getByLabel('New password').fill('another calm morning walk');
    await again.getByRole('button', { name: 'Set new password and sign in' }).click();
    await expect(again.getByRole('alert').textContent()).resolves.toContain('expired or was already used');
  }, 60_000);
});
