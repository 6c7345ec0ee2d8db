import type { ThreadView } from '@kindred/contracts';
import { screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

describe('library in the browser', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp({ RATE_LIMITS: 'off', NEW_MEMBER_HOURS: '0' });
  }, 60_000);
  afterAll(() => app?.close());

  it('lists the ten articles and filters them by topic', async () => {
    const page = await app.newPage();
    await page.goto('/library');
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
    const cards = page.locator('ul.articles > li');
    await cards.nth(9).waitFor();
    expect(await cards.count()).toBe(10);
    expect(await cards.first().getByRole('heading').textContent()).toBe('Understanding opioid addiction');

    const filter = page.getByRole('group', { name: 'Filter by topic' });
    await filter.getByRole('button', { name: 'buprenorphine', exact: true }).click();
    expect(await filter.getByRole('button', { name: 'buprenorphine', exact: true }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await cards.count()).toBe(1);
    expect(await cards.first().textContent()).toContain('Medications for opioid use disorder');
    await filter.getByRole('button', { name: 'All topics' }).click();
    expect(await cards.count()).toBe(10);
    await screenshot(page, 'library-index');
  }, 30_000);

  it('shows an article with its table of contents, anchored headings, review date, sources and the note', async () => {
    const page = await app.newPage();
    await page.goto('/library');
    await page.locator('a[href="/library/withdrawal-symptoms-and-timeline"]').click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const toc = page.getByRole('navigation', { name: 'On this page' });
    await toc.getByRole('link', { name: 'A rough timeline' }).click();
    expect(page.url()).toContain('#a-rough-timeline');
    expect(await page.locator('h2#a-rough-timeline').isVisible()).toBe(true);
    expect(await page.getByText('Last reviewed').first().textContent()).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(
      await page
        .getByText(/Sources: .*SAMHSA/)
        .first()
        .isVisible(),
    ).toBe(true);
    await page.locator('h2#a-note-on-this-article').waitFor();
    expect(await page.getByText('This is general information, not medical advice.').isVisible()).toBe(true);
    await screenshot(page, 'library-article');
  }, 30_000);

  it('shows the buprenorphine section beside a new thread about buprenorphine, and the board pins', async () => {
    const { token } = await app.t.register();
    const created = await app.t.api<ThreadView>('POST', '/api/boards/medication-assisted-treatment/threads', {
      token,
      body: {
        title: 'Starting buprenorphine tomorrow',
        body: 'How long after my last use should I wait before the first Suboxone dose? I am scared of precipitated withdrawal.',
        anonymous: true,
      },
    });
    expect(created.status).toBe(201);

    const page = await app.newPage();
    await page.goto(`/threads/${created.body.id}`);
    const sidebar = page.locator('#thread-sidebar');
    const related = sidebar.getByRole('link', { name: 'Buprenorphine', exact: true });
    await related.waitFor();
    expect(await related.getAttribute('href')).toBe('/library/medications-for-opioid-use-disorder#buprenorphine');
    expect(await sidebar.getByRole('heading', { name: 'Pinned for this board' }).isVisible()).toBe(true);
    await sidebar.getByRole('link', { name: 'Medications for opioid use disorder' }).first().waitFor();
    await screenshot(page, 'library-thread-sidebar');

    await related.click();
    await page.locator('h2#buprenorphine').waitFor();
    await page.waitForFunction(() => {
      const top = document.getElementById('buprenorphine')?.getBoundingClientRect().top ?? -1;
      return top >= 0 && top < 200;
    });
  }, 30_000);

  it('puts the sidebar below the thread, collapsed, on a narrow screen', async () => {
    const { token } = await app.t.register();
    const created = await app.t.api<ThreadView>('POST', '/api/boards/withdrawal-detox/threads', {
      token,
      body: { title: 'Day 3 of withdrawal', body: 'Is day 3 the worst? Sweating, cannot sleep.', anonymous: true },
    });
    const context = await app.browser.newContext({ baseURL: app.baseUrl, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    try {
      await page.goto(`/threads/${created.body.id}`);
      const panel = page.locator('#thread-sidebar details').first();
      await panel.waitFor();
      expect(await panel.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      const thread = await page.locator('section.thread').boundingBox();
      const aside = await page.locator('#thread-sidebar').boundingBox();
      expect(aside!.y).toBeGreaterThan(thread!.y + thread!.height - 1);
      await panel.locator('summary').click();
      await panel.getByRole('link', { name: 'A rough timeline' }).waitFor();
      await screenshot(page, 'library-thread-sidebar-narrow');
    } finally {
      await context.close();
    }
  }, 30_000);

  it('reads the library in Spanish for a Spanish browser, and links each article to the other language', async () => {
    const context = await app.browser.newContext({ baseURL: app.baseUrl, locale: 'es-MX' });
    const page = await context.newPage();
    try {
      await page.goto('/library');
      await page.getByRole('heading', { name: 'Biblioteca', level: 1 }).waitFor();
      await page.getByRole('group', { name: 'Filtrar por tema' }).waitFor();
      await page.getByRole('link', { name: 'Sobredosis y naloxona: qué hacer' }).click();
      await page.getByRole('heading', { name: 'Sobredosis y naloxona: qué hacer', level: 1 }).waitFor();
      expect(await page.locator('article.library-article').getAttribute('lang')).toBe('es');
      expect(await page.getByRole('navigation', { name: 'En esta página' }).isVisible()).toBe(true);
      await page.locator('h2#una-nota-sobre-este-articulo').waitFor();

      const toEnglish = page.getByRole('link', { name: 'Read in English' });
      expect(await toEnglish.getAttribute('lang')).toBe('en');
      await toEnglish.click();
      await page.getByRole('heading', { name: 'Overdose and naloxone: what to do', level: 1 }).waitFor();
      expect(page.url()).toContain('/library/overdose-and-naloxone?lang=en');
      expect(await page.locator('article.library-article').getAttribute('lang')).toBe('en');
      await page.getByRole('link', { name: 'Leer en español' }).click();
      await page.getByRole('heading', { name: 'Sobredosis y naloxona: qué hacer', level: 1 }).waitFor();
      await screenshot(page, 'library-article-es');
    } finally {
      await context.close();
    }
  }, 30_000);

  it('offers an English reader the Spanish version of an article', async () => {
    const page = await app.newPage();
    await page.goto('/library/withdrawal-symptoms-and-timeline');
    await page.getByRole('heading', { name: 'Opioid withdrawal: symptoms and timeline', level: 1 }).waitFor();
    const toSpanish = page.getByRole('link', { name: 'Leer en español' });
    expect(await toSpanish.getAttribute('href')).toBe('/library/withdrawal-symptoms-and-timeline?lang=es');
    expect(await toSpanish.getAttribute('hreflang')).toBe('es');
  }, 30_000);

  it('lists crisis resources from the API with tap-to-call and tap-to-text links', async () => {
    const page = await app.newPage();
    await page.goto('/help');
    await page.getByRole('heading', { name: 'Need help now?' }).waitFor();
    expect(await page.locator('a[href="tel:988"]').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href^="sms:741741"]').count()).toBe(1);
  }, 30_000);
});
