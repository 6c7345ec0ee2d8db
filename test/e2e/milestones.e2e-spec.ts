import type {
  AuthResponse,
  MilestoneDateView,
  MilestoneResetView,
  MilestonesView,
  NotificationList,
  NotificationView,
  PostView,
  ThreadView,
} from '@kindred/contracts';
import { JobQueue } from '../../apps/api/src/jobs/job-queue.service.js';
import { MilestonesService } from '../../apps/api/src/milestones/milestones.service.js';
import { connected, nextEvent, startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;
const day = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * Milestones: a private clean date (or medication start) with the member's own label, its count,
 * a `milestone` item at 1, 7, 30, 60, 90 days, 6 months and every year (the daily check is one
 * set-based statement run by a graphile-worker cron task, with an injectable clock), and a
 * one-click reset that tells nobody.
 */
describe('milestones', () => {
  let t: TestApp;
  let a: AuthResponse;
  let b: AuthResponse;

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.register();
    b = await t.register();
  }, 30_000);
  afterAll(() => t.close());

  const milestones = () => t.app.get(MilestonesService);
  const centre = async (who: AuthResponse): Promise<NotificationView[]> =>
    (await t.api<NotificationList>('GET', '/api/me/notifications', { token: who.token })).body.items.filter(
      (n) => n.kind === 'milestone',
    );

  it('runs the daily check as a graphile-worker cron task', async () => {
    await t.app.get(JobQueue).ready();
    const rows: Array<{ identifier: string }> = await t.dataSource.query(
      `SELECT identifier FROM graphile_worker._private_known_crontabs`,
    );
    expect(rows.map((r) => r.identifier)).toContain('milestones_daily');
  });

  it('notifies live at 30 days for a date set 30 days back, once, and offers the share board', async () => {
    const now = new Date();
    const since = day(new Date(now.getTime() - 30 * DAY));
    const set = await t.api<MilestoneDateView>('PUT', '/api/me/milestones/clean', {
      token: a.token,
      body: { label: 'clean since', since },
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ kind: 'clean', label: 'clean since', since, days: 30, showBadge: false });
    const view = await t.api<MilestonesView>('GET', '/api/me/milestones', { token: a.token });
    expect(view.body).toEqual({ dates: [set.body], shareBoardSlug: 'milestones-wins' });
    // Nobody else sees it.
    expect((await t.api<MilestonesView>('GET', '/api/me/milestones', { token: b.token })).body.dates).toEqual([]);

    const socket = t.socket('/', a.token);
    await connected(socket);
    const live = nextEvent<{ notification: NotificationView; unread: number }>(socket, 'notification:new');
    expect(await milestones().check(now)).toBeGreaterThanOrEqual(1);
    const event = await live;
    expect(event.notification).toMatchObject({
      kind: 'milestone',
      milestone: { kind: 'clean', label: 'clean since', days: 30, name: '30 days', since },
    });
    expect(event.notification.text).toContain('30 days');
    expect(event.notification.text).toContain('Every day counts.');

    // The same day again (another process, an hourly tick) sends nothing twice.
    expect(await milestones().check(now)).toBe(0);
    expect(await centre(a)).toHaveLength(1);
    expect(await centre(b)).toHaveLength(0);
  });

  it('moves through 60 days, 6 months, 1 year and every year after as the clock moves', async () => {
    const c = await t.register();
    const start = new Date(Date.UTC(2020, 0, 10));
    await t.api('PUT', '/api/me/milestones/medication', {
      token: c.token,
      body: { label: 'on buprenorphine since', since: day(start) },
    });
    // A date set long ago does not announce an old milestone (only the last 7 days count).
    expect((await centre(c)).length).toBe(0);
    const at = (iso: string) => milestones().check(new Date(`${iso}T09:00:00Z`));
    await at('2020-01-11'); // 1 day
    await at('2020-01-17'); // 7 days
    await at('2020-03-10'); // 60 days
    await at('2020-07-10'); // 6 months
    await at('2021-01-10'); // 1 year
    await at('2023-01-12'); // 3 years (two days late: still sent)
    await at('2023-01-20'); // nothing new
    const names = (await centre(c)).map((n) => n.milestone?.name).reverse();
    expect(names).toEqual(['1 day', '7 days', '60 days', '6 months', '1 year', '3 years']);
  });

  it('resets in one click with a kind word and tells nobody', async () => {
    const before: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*) AS n FROM notifications`);
    const reset = await t.api<MilestoneResetView>('POST', '/api/me/milestones/clean/reset', { token: a.token });
    expect(reset.status).toBe(200);
    expect(reset.body.message).toBe('Relapse is part of many recoveries. Your days still count.');
    expect(reset.body.date).toMatchObject({ kind: 'clean', since: day(new Date()), days: 0 });
    await milestones().check(new Date());
    const after: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*) AS n FROM notifications`);
    expect(after[0].n).toBe(before[0].n);
    // Tomorrow is day 1 again.
    expect(await milestones().check(new Date(Date.now() + DAY))).toBeGreaterThanOrEqual(1);
  });

  it('shows the badge on signed posts only when chosen, never on anonymous posts', async () => {
    const m = await t.register();
    const since = day(new Date(Date.now() - 45 * DAY));
    await t.api('PUT', '/api/me/milestones/clean', { token: m.token, body: { label: 'clean since', since } });
    const thread = await t.api<{ id: string }>('POST', '/api/boards/milestones-wins/threads', {
      token: m.token,
      body: { title: 'A good week', body: 'Small wins this week, thank you all.', anonymous: false },
    });
    const signed = await t.api<PostView>('POST', `/api/threads/${thread.body.id}/posts`, {
      token: m.token,
      body: { body: 'Signed reply here.', anonymous: false },
    });
    const anonymous = await t.api<PostView>('POST', `/api/threads/${thread.body.id}/posts`, {
      token: m.token,
      body: { body: 'Anonymous reply here.', anonymous: true },
    });
    const read = async (): Promise<PostView[]> =>
      (await t.api<ThreadView>('GET', `/api/threads/${thread.body.id}`, { token: b.token })).body.posts.items;
    // Off until the member turns it on.
    expect((await read()).some((p) => p.milestone)).toBe(false);
    await t.api('PUT', '/api/me/milestones/clean', {
      token: m.token,
      body: { label: 'clean since', since, showBadge: true },
    });
    const posts = await read();
    expect(posts.find((p) => p.id === signed.body.id)?.milestone).toEqual({ days: 45, label: 'clean since' });
    const anon = posts.find((p) => p.id === anonymous.body.id);
    expect(anon?.author.type).toBe('anonymous');
    expect(anon && 'milestone' in anon).toBe(false);
    // Guests see the same: the badge only where the username is shown anyway.
    const guest = (await t.api<ThreadView>('GET', `/api/threads/${thread.body.id}`)).body.posts.items;
    expect(JSON.stringify(guest.find((p) => p.id === anonymous.body.id))).not.toContain('milestone');
  });

  it('answers bad input with the field named, an unknown kind with 404', async () => {
    const future = day(new Date(Date.now() + 3 * DAY));
    const bad = await t.api('PUT', '/api/me/milestones/clean', {
      token: b.token,
      body: { label: 'since', since: future },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('since');
    const notDate = await t.api('PUT', '/api/me/milestones/clean', {
      token: b.token,
      body: { label: 'since', since: '2026-02-31' },
    });
    expect(notDate.status).toBe(400);
    const noLabel = await t.api('PUT', '/api/me/milestones/clean', {
      token: b.token,
      body: { label: ' ', since: '2025-01-01' },
    });
    expect(noLabel.status).toBe(400);
    expect(JSON.stringify(noLabel.body)).toContain('label');
    expect(
      (await t.api('PUT', '/api/me/milestones/sober', { token: b.token, body: { label: 'x', since: '2025-01-01' } }))
        .status,
    ).toBe(404);
    expect((await t.api('POST', '/api/me/milestones/medication/reset', { token: b.token })).status).toBe(404);
    expect((await t.api('GET', '/api/me/milestones')).status).toBe(401);
  });
});
