import type { Page } from 'playwright-core';
import { uniqueName } from '../support/test-app.js';
import { registerInUi, screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

/** Starts a thread through the board page's composer and waits for the thread page. */
async function startThread(page: Page, board: string, title: string, body: string): Promise<string> {
  await page.goto(`/boards/${board}`);
  await page.getByRole('button', { name: 'New thread' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('What would you like to say?').fill(body);
  const anonymous = page.getByLabel('Post anonymously');
  if (!(await anonymous.isChecked())) await anonymous.check();
  await page.getByRole('button', { name: 'Start thread' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  return new URL(page.url()).pathname;
}

const postBodies = (page: Page) => page.getByTestId('post-body');

describe('boards in the browser', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 60_000);
  afterAll(() => app?.close());

  it('keeps an anonymous author anonymous while a conversation happens live', async () => {
    const a = await app.newPage();
    const b = await app.newPage();
    const nameA = uniqueName('wren');
    const nameB = uniqueName('otter');
    await registerInUi(a, nameA);
    await registerInUi(b, nameB);

    // A starts an anonymous thread; the composer says which alias A will have.
    const word = `lanternlight${Date.now().toString(36)}`;
    const threadPath = await startThread(
      a,
      'withdrawal-detox',
      'Night four of withdrawal',
      `Cannot sleep, legs restless. Writing this by ${word}.`,
    );
    const aliasA = (await a.getByTestId('alias').first().textContent())?.trim() ?? '';
    expect(aliasA).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    await a
      .getByTestId('alias-preview')
      .filter({ hasText: `You will appear as ${aliasA} in this thread.` })
      .waitFor();

    // B sees the alias, never A's name, and replies under their own name.
    await b.goto(threadPath);
    await b.getByRole('heading', { level: 1, name: 'Night four of withdrawal' }).waitFor();
    expect((await b.getByTestId('alias').first().textContent())?.trim()).toBe(aliasA);
    expect(await b.content()).not.toContain(nameA);
    await a.getByTestId('readers').filter({ hasText: '2 people reading' }).waitFor();
    await b.getByLabel('Post anonymously').uncheck();
    await b.getByLabel('Your reply').fill('You are not alone. Hot baths helped my legs.');
    await b.getByRole('button', { name: 'Post reply' }).click();
    await postBodies(b).filter({ hasText: 'Hot baths helped' }).waitFor();

    // A sees it arrive without reloading, announced politely.
    await postBodies(a).filter({ hasText: 'Hot baths helped' }).waitFor();
    await a
      .getByTestId('announcement')
      .filter({ hasText: `New reply from ${nameB}` })
      .waitFor();
    await screenshot(a, 'boards-thread-live');

    // A replies again and keeps the same alias.
    await a.getByLabel('Your reply').fill('Thank you, trying that now.');
    await a.getByRole('button', { name: 'Post reply' }).click();
    await postBodies(b).filter({ hasText: 'trying that now' }).waitFor();
    const aliasesSeenByB = (await b.getByTestId('posts').getByTestId('alias').allTextContents()).map((s) => s.trim());
    expect(aliasesSeenByB).toEqual([aliasA, aliasA]);
    expect(await b.content()).not.toContain(nameA);
    await screenshot(b, 'boards-thread-other-member');

    // In another thread, A has a different alias.
    await startThread(a, 'milestones-wins', 'One week clean today', 'Small steps, but a week.');
    const otherAlias = (await a.getByTestId('alias').first().textContent())?.trim();
    expect(otherAlias).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(otherAlias).not.toBe(aliasA);

    // Search finds the first thread.
    await b.goto(`/search?q=${word}`);
    await b.getByTestId('search-results').getByRole('link', { name: 'Night four of withdrawal' }).first().waitFor();
    expect(await b.locator('mark').first().textContent()).toBe(word);
    await screenshot(b, 'boards-search');
  }, 120_000);

  it('shows boards and unanswered threads on the home page, and collapses content warnings', async () => {
    const page = await app.newPage();
    const { token } = await app.t.register();
    const res = await app.t.api<{ id: string }>('POST', '/api/boards/cravings-relapse-prevention/threads', {
      token,
      body: {
        title: 'Rough evening, need company',
        body: 'Details of a rough night.',
        anonymous: true,
        contentWarning: 'mentions using',
      },
    });
    await page.goto('/');
    await page.getByRole('link', { name: 'Medication-Assisted Treatment' }).waitFor();
    await page.getByTestId('unanswered').getByRole('link', { name: 'Rough evening, need company' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rough evening, need company' }).waitFor();
    expect(await postBodies(page).count()).toBe(0);
    await page.getByText('Content warning: mentions using').waitFor();
    await page.getByRole('button', { name: 'Show post' }).click();
    await postBodies(page).filter({ hasText: 'Details of a rough night.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/threads/${res.body.id}`);
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, 'boards-thread-narrow');
  }, 60_000);
});
