import type { AuthResponse, MeetingView } from '@kindred/contracts';
import type { Page } from 'playwright-core';
import { screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

/** What the person sees in the window (the sticky composer where it really is), beside the full page. */
async function shots(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.screenshot({ path: new URL(`./artifacts/${name}-viewport.png`, import.meta.url).pathname });
}

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function signedIn(app: BrowserApp, who: AuthResponse, viewport = DESKTOP): Promise<Page> {
  const page = await app.newPage();
  await page.setViewportSize(viewport);
  await page.goto('/help');
  await page.evaluate((token) => localStorage.setItem('kindred.token', token), who.token);
  return page;
}

/** Whether an element's box lies inside the visible viewport. */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });
}

describe('the meeting room, desktop and phone', () => {
  let app: BrowserApp;
  let moderator: AuthResponse;
  let facilitator: AuthResponse;
  let member: AuthResponse;
  let meeting: MeetingView;

  beforeAll(async () => {
    app = await startBrowserApp();
    const { t } = app;
    [moderator, facilitator, member] = await Promise.all([t.register(), t.register(), t.register()]);
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
    const res = await t.api<MeetingView>('POST', '/api/meetings', {
      token: moderator.token,
      body: {
        name: 'Tuesday Circle',
        description: 'A gentle check-in.',
        audience: 'members',
        startsAt: new Date().toISOString(),
        rrule: 'FREQ=DAILY',
        timezone: 'UTC',
        durationMinutes: 60,
        facilitators: [facilitator.user.username],
      },
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    meeting = res.body;
  }, 60_000);
  afterAll(() => app?.close());

  it('fits a phone: an empty state, the composer in view and the people behind a toggle; removal in a dialog; a real Actions button; an ended room closes kindly', async () => {
    const fac = await signedIn(app, facilitator);
    await fac.goto(`/meetings/${meeting.id}`);
    await fac.getByTestId('status-banner').filter({ hasText: 'Live now' }).waitFor();
    // A facilitator gets facilitator controls, not a hand to raise.
    await fac.getByRole('heading', { name: 'Facilitator' }).waitFor();
    expect(await fac.getByRole('button', { name: 'Raise hand' }).count()).toBe(0);
    // The facilitator chooses the stable role name they appear under (not their username).
    await fac
      .getByTestId('facilitator-name')
      .filter({ hasText: /^Facilitator$/ })
      .waitFor();
    await fac.getByLabel('Your facilitator name').fill('Sam');
    await fac.getByRole('button', { name: 'Save name' }).click();
    await fac.getByTestId('facilitator-name').filter({ hasText: 'Facilitator – Sam' }).waitFor();
    expect(await fac.getByTestId('my-name').textContent()).toBe('Facilitator – Sam');
    expect(await fac.getByTestId('participants').textContent()).not.toContain(facilitator.user.username);

    const phone = await signedIn(app, member, PHONE);
    await phone.goto(`/meetings/${meeting.id}`);
    await phone.getByTestId('status-banner').filter({ hasText: 'Live now' }).waitFor();
    await phone.getByText("No messages yet — say hello when you're ready.").waitFor();
    expect(await inViewport(phone, '#composer')).toBe(true);
    expect(await inViewport(phone, '.composer button[type="submit"]')).toBe(true);
    // People and hands fold behind one button on a phone.
    const toggle = phone.getByTestId('people-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await phone.getByTestId('participants').isVisible()).toBe(false);
    await shots(phone, 'meeting-room-phone-empty');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await phone.getByTestId('participants').getByText('Facilitator – Sam').waitFor();
    await shots(phone, 'meeting-room-phone-people');
    expect(await phone.getByTestId('chat-empty').isVisible()).toBe(true);
    await toggle.click();

    // On a desktop the list is always there, with no toggle.
    const desk = await signedIn(app, member, DESKTOP);
    await desk.goto(`/meetings/${meeting.id}`);
    await desk.getByTestId('participants').waitFor();
    expect(await desk.getByTestId('people-toggle').isVisible()).toBe(false);
    expect(await inViewport(desk, '#composer')).toBe(true);
    await shots(desk, 'meeting-room-desktop-empty');
    await desk.close();

    // Many messages: the composer stays in view on the phone (sticky) while the list scrolls.
    for (let i = 1; i <= 12; i++) {
      await phone.getByLabel('Your message').fill(`Checking in, message ${i} of twelve tonight`);
      await phone.getByRole('button', { name: 'Send' }).click();
      await phone
        .getByTestId('message-body')
        .filter({ hasText: `message ${i} of twelve` })
        .waitFor();
    }
    await phone.evaluate(() => window.scrollTo(0, 0));
    expect(await inViewport(phone, '#composer')).toBe(true);
    await shots(phone, 'meeting-room-phone-messages');

    // Each Remove button names its message by time and first words; removing opens a dialog.
    await fac.getByTestId('message-body').filter({ hasText: 'message 3 of twelve' }).waitFor();
    const removeButtons = fac.getByRole('button', { name: /^Remove message from / });
    const names = await removeButtons.evaluateAll((els) => els.map((e) => e.textContent?.replace(/\s+/g, ' ').trim()));
    expect(new Set(names).size).toBe(names.length);
    const remove3 = fac.getByRole('button', {
      name: /Remove message from .+ at .+: “Checking in, message 3 of twelve…”/,
    });
    await remove3.click();
    const dialog = fac.getByRole('dialog', { name: 'Remove this message?' });
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open && d.closest('ol') === null)).toBe(true);
    await dialog.getByRole('button', { name: 'Remove message' }).click();
    await dialog.getByText('Please give a short reason').waitFor();
    await dialog.getByLabel('Reason (shown to the author)').fill('Please keep it kind here.');
    await shots(fac, 'meeting-room-remove-dialog');
    await dialog.getByRole('button', { name: 'Remove message' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The reason reads as one sentence to its author (not "kind here..").
    await phone
      .getByText('A facilitator removed your message: Please keep it kind here. You are still welcome here.')
      .waitFor();
    await phone.getByTestId('removed-message').waitFor();

    // The participant Actions control is a real button that looks like one.
    const alias = (await phone.getByTestId('my-name').textContent())!.trim();
    const actions = fac.getByRole('button', { name: `Actions for ${alias}` });
    const look = await actions.evaluate((el) => {
      const s = getComputedStyle(el);
      return { tag: el.tagName, border: s.borderTopStyle, width: parseFloat(s.borderTopWidth) };
    });
    expect(look).toEqual({ tag: 'BUTTON', border: 'solid', width: expect.any(Number) });
    expect(look.width).toBeGreaterThan(0);
    expect(await actions.getAttribute('aria-expanded')).toBe('false');
    await actions.click();
    expect(await actions.getAttribute('aria-expanded')).toBe('true');
    await fac.getByRole('button', { name: 'Mute 5 min' }).waitFor();
    await actions.click();

    // A hand raised and called, then the facilitator ends the meeting.
    await phone.getByRole('button', { name: 'Raise hand' }).click();
    await phone.getByRole('button', { name: 'Lower hand' }).waitFor();
    await fac.getByRole('button', { name: new RegExp(`^Invite to share\\W+${alias}$`) }).click();
    await phone.getByText('A facilitator invited you to share').waitFor();
    await shots(fac, 'meeting-room-facilitator-desktop');
    await fac.getByRole('button', { name: 'End meeting' }).click();
    await fac.getByRole('button', { name: 'Yes, end the meeting' }).click();

    // The ended room: a closing panel, and no live controls or stale presence.
    for (const page of [phone, fac]) {
      const closing = page.getByTestId('closing-panel');
      await closing.waitFor();
      await closing.getByTestId('next-session').filter({ hasText: 'The next session is' }).waitFor();
      await closing.getByTestId('retention-notice').waitFor();
      await closing.getByRole('link', { name: 'Need help now?' }).waitFor();
      expect(await page.getByText(/Here now/).count()).toBe(0);
      expect(await page.getByText('invited you to share').count()).toBe(0);
      expect(await page.getByLabel('Your message').count()).toBe(0);
      expect(
        await page.getByRole('button', { name: /Raise hand|Lower hand|End meeting|Actions|^Remove message/ }).count(),
      ).toBe(0);
    }
    await shots(phone, 'meeting-room-phone-ended');
    await shots(fac, 'meeting-room-desktop-ended');
  }, 180_000);

  it("shows an RSVP'd meeting as pressed: aria-pressed, a check and a different look", async () => {
    const { t } = app;
    const later = await t.api<MeetingView>('POST', '/api/meetings', {
      token: moderator.token,
      body: {
        name: 'Thursday Circle',
        audience: 'members',
        startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        timezone: 'UTC',
        durationMinutes: 60,
      },
    });
    const page = await signedIn(app, member, PHONE);
    await page.goto('/meetings');
    const card = page.getByTestId('meeting-card').filter({ hasText: 'Thursday Circle' });
    const button = card.getByRole('button', { name: "I'll be there" });
    await button.waitFor();
    const before = await button.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await button.click();
    const pressed = card.getByRole('button', { name: "I'm going ✓" });
    await pressed.waitFor();
    expect(await pressed.getAttribute('aria-pressed')).toBe('true');
    expect(await pressed.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(before);
    expect(later.status).toBe(201);
    await shots(page, 'meetings-rsvp-pressed-phone');
  }, 60_000);
});
