import { mkdirSync } from 'node:fs';
import type { AuthResponse, PostView, ThreadView } from '@kindred/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { MilestonesService } from '../../apps/api/src/milestones/milestones.service.js';
import { PUSH_STUB_CERT, PushStub, type StubDevice } from '../support/push-stub.js';
import { uniqueName } from '../support/test-app.js';
import { startBrowserApp, type BrowserApp } from './support/browser.js';

const PASSWORD = 'a long and good passphrase';
const SHOTS = '/tmp/shots-notify';
const DAY = 86_400_000;

const waitFor = async (check: () => boolean, ms = 10_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Both sizes of one screen, for judging by eye (labels, overflow, the composer on a phone). */
async function shots(page: Page, name: string, focus?: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    if (focus) await page.locator(focus).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1100, height: 900 });
}

/**
 * Milestones, Web Push and mentions in Chromium: a milestone notification arrives for a clean date
 * set 30 days back and the badge never shows on anonymous posts; a push subscription made in the
 * browser receives a discreet payload at a local push stub; the composer completes @ with the
 * thread's names.
 */
describe('milestones, push and mentions in the browser', () => {
  let app: BrowserApp;
  const stub = new PushStub();
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await stub.start();
    app = await startBrowserApp({ PUSH_TEST_CA_FILE: PUSH_STUB_CERT });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await app?.close();
    await stub.stop();
  });

  /** A member signed in in their own browser context; `device` fakes the browser's push service. */
  async function member(device?: StubDevice): Promise<{ page: Page; auth: AuthResponse; username: string }> {
    const username = uniqueName('m');
    const auth = await app.t.register(username, PASSWORD);
    const context = await app.browser.newContext({
      baseURL: app.baseUrl,
      viewport: { width: 1100, height: 900 },
      permissions: ['notifications'],
    });
    contexts.push(context);
    if (device) {
      // Headless Chromium has no push service: the subscription the page gets points at the stub.
      await context.addInitScript(
        (sub: { endpoint: string; keys: { p256dh: string; auth: string } }) => {
          let current: unknown = null;
          const fake = {
            endpoint: sub.endpoint,
            toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
            unsubscribe: () => {
              current = null;
              return Promise.resolve(true);
            },
          };
          PushManager.prototype.subscribe = function () {
            current = fake;
            return Promise.resolve(fake as unknown as PushSubscription);
          };
          PushManager.prototype.getSubscription = () => Promise.resolve(current as PushSubscription | null);
        },
        { endpoint: device.endpoint, keys: device.keys },
      );
    }
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto('/signin');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('account-link').waitFor();
    return { page, auth, username };
  }

  const post = (who: AuthResponse, threadId: string, body: string, anonymous: boolean) =>
    app.t.api<PostView>('POST', `/api/threads/${threadId}/posts`, { token: who.token, body: { body, anonymous } });
  const thread = async (who: AuthResponse, title: string, anonymous: boolean): Promise<ThreadView> => {
    const res = await app.t.api<ThreadView>('POST', '/api/boards/withdrawal-detox/threads', {
      token: who.token,
      body: { title, body: 'Checking in tonight, the evenings are long.', anonymous },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('sends a milestone notification for a clean date set 30 days back, and never badges anonymous posts', async () => {
    const { page, auth } = await member();
    await page.goto('/account');
    await page.getByRole('button', { name: 'Add a clean date' }).click();
    await page.getByLabel('Your words').first().fill('clean since');
    const since = new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10);
    await page.locator('#milestone-since-clean').fill(since);
    await page.getByRole('button', { name: 'Save date' }).click();
    await page.getByTestId('milestone-count-clean').filter({ hasText: '30 days' }).waitFor();
    await shots(page, 'milestones-settings', '#milestones-heading');

    // The daily check (the cron task's body) with the injectable clock's today.
    expect(await app.t.app.get(MilestonesService).check()).toBeGreaterThanOrEqual(1);
    await page.getByTestId('notifications-badge').filter({ hasText: '1' }).waitFor();
    await page.goto('/notifications');
    await page.getByTestId('notification').filter({ hasText: 'You reached 30 days' }).waitFor();
    await shots(page, 'milestones-notification');
    // Sharing is offered, never done for them: the composer opens prefilled and nothing is posted.
    await page.getByTestId('milestone-share').click();
    await page.waitForURL(/\/boards\/milestones-wins/);
    expect(await page.locator('#thread-title').inputValue()).toBe('30 days today');

    // The badge: on their signed post, never on their anonymous one.
    await page.goto('/account');
    await page.getByLabel('Show the count next to my signed posts').first().check();
    await page.getByTestId('milestones-status').filter({ hasText: 'never on anonymous posts' }).waitFor();
    const started = await thread(auth, 'Thirty days and counting', false);
    const anon = await post(auth, started.id, 'An anonymous note from me too.', true);
    await page.goto(`/threads/${started.id}`);
    await page.locator(`#post-${anon.body.id}`).waitFor();
    const opening = page.locator(`#post-${started.posts.items[0].id}`);
    await opening.getByTestId('milestone-badge').filter({ hasText: '30 days' }).waitFor();
    expect(await page.locator(`#post-${anon.body.id}`).getByTestId('milestone-badge').count()).toBe(0);
    expect(await page.getByTestId('milestone-badge').count()).toBe(1);

    // One click resets, with a kind word, and tells nobody.
    await page.goto('/account');
    await page.getByRole('button', { name: 'Start again from today' }).first().click();
    await page
      .getByTestId('milestones-status')
      .filter({ hasText: 'Relapse is part of many recoveries. Your days still count.' })
      .waitFor();
    await page.getByTestId('milestone-count-clean').filter({ hasText: '0 days' }).waitFor();
  });

  it('subscribes this device to push and delivers a discreet payload to the push stub', async () => {
    const device = stub.device();
    const a = await member(device);
    const b = await member();
    await a.page.goto('/account');
    await a.page.getByLabel('Send notifications to this device when Kindred is closed').check();
    await a.page.getByTestId('push-status').filter({ hasText: 'you have a new reply' }).waitFor();
    await shots(a.page, 'push-settings', '#push-heading');

    const started = await thread(a.auth, 'Evening check-in, day five', true);
    const reply = await post(b.auth, started.id, 'Glad you posted. Tea and a walk helped me tonight.', true);
    await waitFor(() => stub.for(device).length === 1);
    const [push] = stub.for(device);
    expect(push.payload).toEqual({
      title: 'Kindred',
      body: 'You have a new reply',
      url: '/notifications',
      tag: 'kindred',
    });
    for (const secret of ['Evening check-in', 'Tea and a walk', b.username, a.username]) {
      expect(push.text).not.toContain(secret);
    }
    if (reply.body.author.type === 'anonymous') expect(push.text).not.toContain(reply.body.author.alias);

    // Turning it off on this device removes the subscription.
    await a.page.getByLabel('Send notifications to this device when Kindred is closed').uncheck();
    await a.page.getByTestId('push-status').filter({ hasText: 'will not get notifications' }).waitFor();
    const rows: unknown[] = await app.t.dataSource.query(`SELECT 1 FROM push_subscriptions WHERE user_id = $1`, [
      a.auth.user.id,
    ]);
    expect(rows).toHaveLength(0);

    // Signing out ends the browser's subscription too (a shared phone stops getting this member's pushes).
    await a.page.getByLabel('Send notifications to this device when Kindred is closed').check();
    await a.page.getByTestId('push-status').filter({ hasText: 'you have a new reply' }).waitFor();
    const subscribed = () =>
      a.page.evaluate(() =>
        navigator.serviceWorker
          .getRegistration('/')
          .then((r) => r?.pushManager.getSubscription())
          .then(Boolean),
      );
    expect(await subscribed()).toBe(true);
    await a.page.getByRole('button', { name: 'Sign out' }).first().click();
    await a.page.waitForFunction(() =>
      navigator.serviceWorker
        .getRegistration('/')
        .then((r) => r?.pushManager.getSubscription())
        .then((s) => s === null || s === undefined),
    );
    expect(await subscribed()).toBe(false);
  });

  it('completes @ with the aliases and usernames the thread shows, and renders mentions as links', async () => {
    const a = await member();
    const b = await member();
    const c = await member();
    const started = await thread(a.auth, 'Sleep in week two', true);
    if (started.author.type !== 'anonymous') throw new Error('expected an anonymous thread');
    const alias = started.author.alias;
    await post(b.auth, started.id, 'Magnesium and no screens helped me a little.', false);

    await c.page.goto(`/threads/${started.id}`);
    const box = c.page.locator('#reply-body');
    await box.click();
    await box.pressSequentially(`Thank you @${alias.slice(0, 3).toLowerCase()}`);
    const list = c.page.getByTestId('mention-list');
    await list.getByRole('option', { name: new RegExp(alias) }).waitFor();
    await shots(c.page, 'mention-autocomplete', '#reply-body');
    await box.focus();
    await box.press('Enter');
    expect(await box.inputValue()).toBe(`Thank you @${alias} `);
    await box.pressSequentially(`and @${b.username.slice(0, 4)}`);
    await list.getByRole('option', { name: new RegExp(b.username) }).waitFor();
    // The thread's names only: A's username is not one of them.
    expect(await list.textContent()).not.toContain(a.username);
    await box.press('Tab');
    expect(await box.inputValue()).toBe(`Thank you @${alias} and @${b.username} `);
    await box.pressSequentially('for the tips.');
    await c.page.getByRole('button', { name: 'Post reply' }).click();

    const mentionAlias = c.page.locator('a.mention', { hasText: `@${alias}` });
    await mentionAlias.waitFor();
    expect(await mentionAlias.getAttribute('href')).toBe(`#post-${started.posts.items[0].id}`);
    expect(await c.page.locator('a.mention', { hasText: `@${b.username}` }).getAttribute('href')).toBe(
      `/members/${b.username}`,
    );
  });
});
