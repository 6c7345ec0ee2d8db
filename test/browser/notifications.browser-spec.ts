import type { AuthResponse, PostView } from '@kindred/contracts';
import type { Page } from 'playwright-core';
import { uniqueName } from '../support/test-app.js';
import { registerInUi, screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

/** Everything the page received from the API, to check that nothing in it names someone. */
function recordResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', (response) => {
    if (!response.url().includes('/api/')) return;
    response
      .text()
      .then((text) => bodies.push(text))
      .catch(() => undefined);
  });
  page.on('websocket', (ws) => ws.on('framereceived', (frame) => bodies.push(String(frame.payload))));
  return bodies;
}

const badge = (page: Page) => page.getByTestId('notifications-badge');

describe('notifications in the browser', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 60_000);
  afterAll(() => app?.close());

  it('tells an anonymous author of a reply and a mention live, without naming them to anyone', async () => {
    const a = await app.newPage();
    const b = await app.newPage();
    const nameA = uniqueName('dawn');
    const nameB = uniqueName('heron');
    const seenByB = recordResponses(b);
    await registerInUi(a, nameA);
    await registerInUi(b, nameB);
    const c: AuthResponse = await app.t.register(uniqueName('calm'));

    // A starts an anonymous thread at 2 a.m.
    await a.goto('/boards/withdrawal-detox');
    await a.getByRole('button', { name: 'New thread' }).click();
    await a.getByLabel('Title').fill('Day 3 and cannot sleep');
    await a.getByLabel('What would you like to say?').fill('Legs restless, nobody awake.');
    const anonymous = a.getByLabel('Post anonymously');
    if (!(await anonymous.isChecked())) await anonymous.check();
    await a.getByRole('button', { name: 'Start thread' }).click();
    await a.getByRole('heading', { level: 1, name: 'Day 3 and cannot sleep' }).waitFor();
    const threadPath = new URL(a.url()).pathname;
    const threadId = threadPath.split('/').pop()!;
    const aliasA = (await a.getByTestId('alias').first().textContent())?.trim() ?? '';
    expect(aliasA).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    await a.goto('/');
    await a.getByTestId('notifications-link').waitFor();
    expect(await badge(a).count()).toBe(0);

    // B replies in the browser; C writes @ + A's alias.
    await b.goto(threadPath);
    await b.getByLabel('Your reply').fill('I am awake too. Night three was my worst.');
    await b.getByRole('button', { name: 'Post reply' }).click();
    await b.getByTestId('post-body').filter({ hasText: 'Night three was my worst' }).waitFor();
    await badge(a).filter({ hasText: '1' }).waitFor();
    const mention = await app.t.api<PostView>('POST', `/api/threads/${threadId}/posts`, {
      token: c.token,
      body: { body: `@${aliasA} you are not alone, try a warm bath.`, anonymous: true },
    });
    expect(mention.status).toBe(201);
    expect(mention.body.status).toBe('published');
    expect(JSON.stringify(mention.body)).not.toContain(nameA);
    await badge(a).filter({ hasText: '2' }).waitFor();
    expect(await a.title()).toMatch(/^\(2\) /);
    await a.setViewportSize({ width: 1280, height: 800 });
    await screenshot(a, 'notifications-badge-1280');

    // A opens the centre and goes to the first unread post.
    await a.getByTestId('notifications-link').click();
    await a.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const items = a.getByTestId('notification');
    await items.first().waitFor();
    expect(await items.count()).toBe(2);
    expect(await items.allTextContents()).toEqual([
      expect.stringContaining('mentioned you in “Day 3 and cannot sleep”'),
      expect.stringContaining('replied in “Day 3 and cannot sleep”'),
    ]);
    await screenshot(a, 'notifications-centre-1280');
    await a.setViewportSize({ width: 390, height: 844 });
    await screenshot(a, 'notifications-centre-390');
    await items.nth(1).getByRole('link').click();
    await a.getByRole('heading', { level: 1, name: 'Day 3 and cannot sleep' }).waitFor();
    const replyId = await b.getByTestId('posts').locator('article.post').nth(1).getAttribute('id');
    expect(new URL(a.url()).hash).toBe(`#${replyId}`);
    await a.waitForFunction((id) => document.activeElement?.id === id, replyId);
    // On a phone the menu is folded: its button carries the count.
    await a.getByTestId('menu-badge').filter({ hasText: '1' }).waitFor();
    await screenshot(a, 'notifications-jump-390');

    // A mutes the thread: B's next reply notifies nobody.
    await a.setViewportSize({ width: 1280, height: 800 });
    await a.getByTestId('follow-level').selectOption('muted');
    await a.getByText('Muted. You will not hear about this thread.').waitFor();
    await screenshot(a, 'notifications-muted-1280');
    await b.getByLabel('Your reply').fill('Still here if you need me.');
    await b.getByRole('button', { name: 'Post reply' }).click();
    await b.getByTestId('post-body').filter({ hasText: 'Still here if you need me' }).waitFor();
    await a.getByTestId('post-body').filter({ hasText: 'Still here if you need me' }).waitFor();
    await a.waitForTimeout(1500);
    expect((await badge(a).textContent())?.trim()).toBe('1');

    // A's account screen lists the thread, muted, and the auto-watch setting.
    await a.goto('/account');
    await a.getByRole('heading', { level: 2, name: 'Following' }).waitFor();
    const followed = a.getByTestId('following-threads').getByRole('listitem');
    await followed.filter({ hasText: 'Day 3 and cannot sleep' }).waitFor();
    expect(await a.getByLabel('Notifications for Day 3 and cannot sleep').inputValue()).toBe('muted');
    expect(await a.getByLabel('Watch the threads I start and reply to').isChecked()).toBe(true);
    await screenshot(a, 'notifications-following-1280');
    await a.setViewportSize({ width: 390, height: 844 });
    await screenshot(a, 'notifications-following-390');

    // While A is away, C answers again: the board list says so, and the thread opens at the news.
    await app.t.api('POST', `/api/threads/${threadId}/posts`, {
      token: c.token,
      body: { body: 'A new thought while you were away.', anonymous: true },
    });
    await a.setViewportSize({ width: 1280, height: 800 });
    await a.goto('/boards/withdrawal-detox');
    await a
      .getByTestId('new-count')
      .filter({ hasText: /^\d+ new$/ })
      .first()
      .waitFor();
    await screenshot(a, 'notifications-board-new-1280');
    await a.goto(threadPath);
    await a.getByTestId('new-since').waitFor();
    await a.locator('article.post[data-new-since]').waitFor();
    expect(
      await a.locator('article.post[data-new-since] ~ article.post, article.post[data-new-since]').allTextContents(),
    ).toEqual(expect.arrayContaining([expect.stringContaining('A new thought while you were away.')]));
    await screenshot(a, 'notifications-new-since-1280');

    // B's draft survives a reload, stays on the device, and is gone once posted.
    await b.getByLabel('Your reply').fill('A half-written thought about sleep');
    await b.getByTestId('draft-saved').waitFor();
    await b.reload();
    await b.getByRole('heading', { level: 1, name: 'Day 3 and cannot sleep' }).waitFor();
    expect(await b.getByLabel('Your reply').inputValue()).toBe('A half-written thought about sleep');
    await b.setViewportSize({ width: 390, height: 844 });
    await screenshot(b, 'notifications-draft-390');
    await b.getByRole('button', { name: 'Post reply' }).click();
    await b.getByTestId('post-body').filter({ hasText: 'A half-written thought' }).waitFor();
    await b.reload();
    await b.getByRole('heading', { level: 1, name: 'Day 3 and cannot sleep' }).waitFor();
    expect(await b.getByLabel('Your reply').inputValue()).toBe('');

    // Nothing B received — pages, API answers, socket frames — names A.
    await b.waitForTimeout(300);
    expect(seenByB.length).toBeGreaterThan(10);
    expect(seenByB.join('\n')).not.toContain(nameA);
  }, 120_000);
});
