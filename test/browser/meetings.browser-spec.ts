import type { AuthResponse, ChatMessageView, JoinResult, MeetingView } from '@kindred/contracts';
import type { Page } from 'playwright-core';
import type { Namespace } from 'socket.io';
import { ChatEmitter } from '../../apps/api/src/meetings/room/chat-emitter.js';
import { connected, emitAck } from '../support/test-app.js';
import { screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

/** Signs a page in with an existing account's token (the session lives in localStorage). */
async function signedIn(app: BrowserApp, who: AuthResponse): Promise<Page> {
  const page = await app.newPage();
  await page.goto('/help');
  await page.evaluate((token) => localStorage.setItem('kindred.token', token), who.token);
  return page;
}

const messageBodies = (page: Page) => page.getByTestId('message-body').allTextContents();

describe('meetings in the browser', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 60_000);
  afterAll(() => app?.close());

  it('a moderator schedules a meeting that starts now; two members chat under aliases, a removal and a mute reach them, and a dropped member catches up once', async () => {
    const { t } = app;
    const [moderator, alice, bea] = await Promise.all([t.register(), t.register(), t.register()]);
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);

    // The moderator schedules a one-off meeting starting this minute, in UTC.
    const mod = await signedIn(app, moderator);
    await mod.goto('/meetings/new');
    await mod.getByRole('heading', { name: 'Schedule a meeting' }).waitFor();
    const now = new Date();
    await mod.getByLabel('Name', { exact: true }).fill('Evening Circle');
    await mod.getByLabel('Description', { exact: true }).fill('A gentle check-in. MAT-friendly.');
    await mod.getByLabel('Repeats').selectOption('none');
    await mod.getByLabel('Date', { exact: true }).fill(now.toISOString().slice(0, 10));
    await mod.getByLabel('Time', { exact: true }).fill(now.toISOString().slice(11, 16));
    await mod.getByLabel('Time zone').selectOption('UTC');
    await mod.getByRole('button', { name: 'Schedule meeting' }).click();
    await mod.getByTestId('status-banner').filter({ hasText: 'Live now' }).waitFor();
    const meetingId = new URL(mod.url()).pathname.split('/').pop()!;
    await screenshot(mod, 'meeting-room-facilitator');

    // Two members in their own browser contexts join under aliases.
    const a = await signedIn(app, alice);
    const b = await signedIn(app, bea);
    await a.goto('/meetings');
    await a.getByRole('link', { name: 'Evening Circle' }).waitFor();
    await a.getByTestId('meeting-status').filter({ hasText: 'Live now' }).first().waitFor();
    await a.getByRole('link', { name: 'Evening Circle' }).click();
    await b.goto(`/meetings/${meetingId}`);
    const aliasA = (await a.getByTestId('my-name').textContent())!.trim();
    const aliasB = (await b.getByTestId('my-name').textContent())!.trim();
    expect(aliasA).not.toBe(alice.user.username);
    expect(aliasB).not.toBe(bea.user.username);
    await a.getByTestId('participants').getByText(aliasB).waitFor();

    await a.getByLabel('Your message').fill('Hi all, day 12 today.');
    await a.getByRole('button', { name: 'Send' }).click();
    await b.getByTestId('message-body').filter({ hasText: 'Hi all, day 12 today.' }).waitFor();
    await b.getByLabel('Your message').fill('Welcome! Glad you are here.');
    await b.getByLabel('Your message').press('Enter');
    await a.getByTestId('message-body').filter({ hasText: 'Welcome! Glad you are here.' }).waitFor();
    expect(await b.getByTestId('chat-message').filter({ hasText: aliasA }).count()).toBe(1);
    await screenshot(b, 'meeting-room-member');

    // The facilitator removes Alice's message: it disappears for both members.
    const aliceMessage = mod.getByTestId('chat-message').filter({ hasText: 'Hi all, day 12 today.' });
    await aliceMessage.getByRole('button', { name: /Remove/ }).click();
    await mod.getByLabel('Reason (shown to the author)').fill('Let us keep dates private here');
    await mod.getByRole('button', { name: 'Remove message', exact: true }).click();
    for (const page of [a, b]) {
      await page.getByTestId('removed-message').first().waitFor();
      expect(await messageBodies(page)).not.toContain('Hi all, day 12 today.');
    }
    await a.getByText('Let us keep dates private here').waitFor();

    // The facilitator mutes Bea: her composer is disabled with the reason.
    const beaRow = mod.getByTestId('participants').getByRole('listitem').filter({ hasText: aliasB });
    await beaRow.getByText('Actions').click();
    await beaRow.getByRole('button', { name: 'Mute 5 min' }).click();
    await b.getByTestId('composer-reason').filter({ hasText: 'muted you' }).waitFor();
    expect(await b.getByLabel('Your message').isDisabled()).toBe(true);
    await screenshot(b, 'meeting-room-muted');

    // Alice's connection drops; she writes while offline; messages sent meanwhile arrive once.
    const context = a.context();
    await context.setOffline(true);
    const namespace = Reflect.get(t.app.get(ChatEmitter), 'namespace') as Namespace;
    for (const socket of namespace.sockets.values()) {
      if ((socket.data as { user?: { id: string } }).user?.id === alice.user.id) socket.conn.close();
    }
    await a.getByText("You're offline").waitFor();
    const facilitatorClient = t.socket('/chat', moderator.token);
    await connected(facilitatorClient);
    const join = await emitAck<{ ok: boolean } & JoinResult>(facilitatorClient, 'meeting:join', { meetingId });
    expect(join.ok).toBe(true);
    for (const body of ['While you were away: one', 'While you were away: two']) {
      const ack = await emitAck<{ ok: boolean; message: ChatMessageView }>(facilitatorClient, 'message:send', {
        meetingId,
        clientId: crypto.randomUUID(),
        body,
      });
      expect(ack.ok).toBe(true);
    }
    await a.getByLabel('Your message').fill('Sorry, my wifi dropped.');
    await a.getByRole('button', { name: 'Send' }).click();
    await a.getByTestId('pending-message').filter({ hasText: 'Sorry, my wifi dropped.' }).waitFor();

    await context.setOffline(false);
    await a.getByTestId('message-body').filter({ hasText: 'While you were away: two' }).waitFor({ timeout: 15_000 });
    await b.getByTestId('message-body').filter({ hasText: 'Sorry, my wifi dropped.' }).waitFor({ timeout: 15_000 });
    const bodies = await messageBodies(a);
    expect(bodies.filter((x) => x === 'While you were away: one')).toHaveLength(1);
    expect(bodies.filter((x) => x === 'While you were away: two')).toHaveLength(1);
    expect((await messageBodies(b)).filter((x) => x === 'Sorry, my wifi dropped.')).toHaveLength(1);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM chat_messages WHERE body = 'Sorry, my wifi dropped.'`,
    );
    expect(count).toBe(1);
    await screenshot(a, 'meeting-room-after-reconnect');
  }, 120_000);

  it('a meeting that starts tomorrow cannot be joined yet', async () => {
    const { t } = app;
    const [moderator, member] = await Promise.all([t.register(), t.register()]);
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
    const created = await t.api<MeetingView>('POST', '/api/meetings', {
      token: moderator.token,
      body: {
        name: 'Tomorrow Circle',
        audience: 'members',
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        timezone: 'America/New_York',
        durationMinutes: 60,
      },
    });
    expect(created.status).toBe(201);
    const page = await signedIn(app, member);
    await page.goto(`/meetings/${created.body.id}`);
    await page.getByTestId('room-closed').filter({ hasText: 'The next session starts' }).waitFor();
    expect(await page.getByLabel('Your message').count()).toBe(0);
    await page.getByRole('button', { name: "I'll be there" }).click();
    await page.getByRole('button', { name: "I'm going ✓" }).waitFor();
    await screenshot(page, 'meeting-not-open');
  }, 60_000);
});
