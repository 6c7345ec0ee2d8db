import { readFileSync } from 'node:fs';
import type { MeView, ThreadView } from '@kindred/contracts';
import type { Page } from 'playwright-core';
import { registerInUi, screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

const catalogue = (locale: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`../../apps/web/src/messages/${locale}.json`, import.meta.url), 'utf8')) as Record<
    string,
    string
  >;

/**
 * The English sentences a Spanish reader must never see: every English message whose Spanish differs,
 * cut at its {arguments} into runs of three words or more (shorter runs, like "Admin", could be names).
 */
function englishSentences(): string[] {
  const en = catalogue('en');
  const es = catalogue('es');
  const runs = new Set<string>();
  for (const [key, text] of Object.entries(en)) {
    if (es[key] === text) continue;
    for (const run of text.split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/)) {
      const words = run.trim();
      if (words.split(/\s+/).length >= 3 && words.length >= 12) runs.add(words);
    }
  }
  return [...runs];
}

async function englishOn(page: Page, sentences: string[]): Promise<string[]> {
  const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
  return sentences.filter((s) => text.includes(s.replace(/\s+/g, ' ')));
}

describe('Kindred in Spanish', () => {
  let app: BrowserApp;
  const sentences = englishSentences();
  beforeAll(async () => {
    app = await startBrowserApp({ RATE_LIMITS: 'off', NEW_MEMBER_HOURS: '0' });
  }, 60_000);
  afterAll(() => app?.close());

  it('speaks Spanish to a browser that asks for it, on every page a newcomer opens, with no English left', async () => {
    expect(sentences.length).toBeGreaterThan(50);
    const { token } = await app.t.register();
    const thread = await app.t.api<ThreadView>('POST', '/api/boards/life-in-recovery/threads', {
      token,
      body: { title: 'Primer día', body: 'Hoy empiezo de nuevo con la buprenorfina.', anonymous: true },
    });
    expect(thread.status).toBe(201);

    const page = await app.newPage({ locale: 'es-MX' });
    for (const [path, name] of [
      ['/', 'home'],
      ['/boards/life-in-recovery', 'board'],
      [`/threads/${thread.body.id}`, 'thread'],
      ['/help', 'help'],
      ['/library', 'library'],
      ['/meetings', 'meetings'],
      ['/signin', 'signin'],
      ['/register', 'register'],
      ['/search?q=buprenorfina', 'search'],
    ] as const) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      expect({ path, english: await englishOn(page, sentences) }).toEqual({ path, english: [] });
      if (name === 'home' || name === 'help' || name === 'thread') {
        for (const [width, height, size] of [
          [1280, 800, 'desktop'],
          [390, 844, 'phone'],
        ] as const) {
          await page.setViewportSize({ width, height });
          await screenshot(page, `es-${name}-${size}`);
        }
        await page.setViewportSize({ width: 1100, height: 900 });
      }
    }
    // The header speaks Spanish and offers English in its own words.
    await page.goto('/');
    await page.getByRole('link', { name: 'Foros' }).first().waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Boards' }).first().waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    // The choice is remembered on this device.
    await page.reload();
    await page.getByRole('link', { name: 'Boards' }).first().waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  }, 120_000);

  it('keeps a member’s choice on their account, so another device opens in Spanish', async () => {
    const page = await app.newPage({ locale: 'en-US' });
    await registerInUi(page, `lengua_${Date.now() % 100000}`);
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('link', { name: 'Foros' }).first().waitFor();
    const token = await page.evaluate(() => localStorage.getItem('kindred.token'));
    expect(token).toBeTruthy();
    // The switch saves the choice without waiting; give that request a moment.
    let saved: string | null = null;
    for (let i = 0; i < 20 && saved !== 'es'; i++) {
      saved = (await app.t.api<MeView>('GET', '/api/me', { token: token! })).body.locale;
      if (saved !== 'es') await new Promise((r) => setTimeout(r, 100));
    }
    expect(saved).toBe('es');

    // Another device, whose browser asks for English: the account's choice wins once signed in.
    const other = await app.newPage({ locale: 'en-US' });
    await other.goto('/');
    await other.getByRole('link', { name: 'Boards' }).first().waitFor();
    await other.evaluate((t) => localStorage.setItem('kindred.token', t), token!);
    await other.goto('/account');
    await other.getByRole('link', { name: 'Foros' }).first().waitFor();
    expect(await other.getAttribute('html', 'lang')).toBe('es');
  }, 90_000);
});
