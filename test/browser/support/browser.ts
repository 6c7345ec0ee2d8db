import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/test-app.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = new URL('../../../', import.meta.url).pathname;
const WEB_DIST = join(ROOT, 'apps/web/dist');
const ARTIFACTS = join(ROOT, 'test/browser/artifacts');

// Flags for a closed network and root: no sandbox, no background calls home.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export interface BrowserApp {
  baseUrl: string;
  t: TestApp;
  browser: Browser;
  /** A page in a fresh context (its own storage: a separate person), optionally in another browser language. */
  newPage(options?: { locale?: string }): Promise<Page>;
  close(): Promise<void>;
}

/** The real app (built web + API + sockets on one port, own database) and a real Chromium. */
export async function startBrowserApp(env: Record<string, string> = {}): Promise<BrowserApp> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: the browser tests need it. Install it with "apt-get install -y chromium" (.ci/run does) or set CHROMIUM_PATH.`,
    );
  }
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`The web app is not built (${WEB_DIST}); run "npm run build" first (npm test does).`);
  }
  const t = await startTestApp({ WEB_DIST_DIR: WEB_DIST, ...env });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true });
  const contexts: BrowserContext[] = [];
  return {
    baseUrl: t.baseUrl,
    t,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: t.baseUrl,
        viewport: { width: 1100, height: 900 },
        ...(options.locale ? { locale: options.locale } : {}),
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      return page;
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await browser.close().catch(() => undefined);
      await t.close();
    },
  };
}

/** Saves a screenshot under test/browser/artifacts (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Registers through the UI and waits until the app shows the username. */
export async function registerInUi(
  page: Page,
  username: string,
  password = 'a long and good passphrase',
): Promise<void> {
  await page.goto('/register');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByTestId('account-link').filter({ hasText: username }).waitFor();
  // The recovery codes screen: leave it as a member in a hurry would (the account page reminds them).
  await page.getByRole('button', { name: "I'll do this later" }).click();
}
