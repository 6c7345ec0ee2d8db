import { readFileSync } from 'node:fs';
import type { AuthResponse, MeView, PostView, PushKeyView, ThreadView } from '@kindred/contracts';
import { JobQueue } from '../../apps/api/src/jobs/job-queue.service.js';
import { MilestonesService } from '../../apps/api/src/milestones/milestones.service.js';
import { PUSH_STUB_CERT, PushStub, type StubDevice } from '../support/push-stub.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BOARD = 'withdrawal-detox';

const waitFor = async (check: () => boolean, ms = 8000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * Web Push against a local https push-service stub that records and decrypts what it receives:
 * opt-in per device, discreet payloads by default ("Kindred: you have a new reply"), titles only
 * when the member opts in, sent by a job (never in the request), devices answering 404/410 pruned.
 */
describe('push', () => {
  let t: TestApp;
  const stub = new PushStub();
  let a: AuthResponse;
  let b: AuthResponse;

  beforeAll(async () => {
    await stub.start();
    t = await startTestApp({ PUSH_TEST_CA_FILE: PUSH_STUB_CERT });
    await t.app.get(JobQueue).ready();
    a = await t.register('push_anon_author');
    b = await t.register('push_replier');
  }, 30_000);
  afterAll(async () => {
    await t.close();
    await stub.stop();
  });

  const subscribe = async (who: AuthResponse, device: StubDevice) => {
    const res = await t.api('POST', '/api/me/push-subscriptions', {
      token: who.token,
      // As PushSubscription.toJSON() sends it.
      body: { endpoint: device.endpoint, expirationTime: null, keys: device.keys },
    });
    expect(res.status).toBe(201);
  };
  const anonymousThread = async (title: string): Promise<ThreadView> =>
    (
      await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
        token: a.token,
        body: { title, body: 'The second night is the hardest so far.', anonymous: true },
      })
    ).body;
  const reply = (threadId: string, body: string) =>
    t.api<PostView>('POST', `/api/threads/${threadId}/posts`, { token: b.token, body: { body, anonymous: true } });

  it('gives the VAPID key, generated once into DATA_DIR/secrets', async () => {
    const key = await t.api<PushKeyView>('GET', '/api/push/key');
    expect(key.status).toBe(200);
    expect(key.body.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const stored = JSON.parse(readFileSync(`${t.config.dataDir}/secrets/vapid.json`, 'utf8')) as { publicKey: string };
    expect(stored.publicKey).toBe(key.body.publicKey);
  });

  it('pushes a discreet payload for a reply: no title, no text, no alias', async () => {
    const device = stub.device();
    await subscribe(a, device);
    const started = await anonymousThread('Night two of the taper');
    const sent = await reply(started.id, 'Hang in there, friend. Water and a warm shower helped me.');
    expect(sent.status).toBe(201);
    await waitFor(() => stub.for(device).length === 1);
    const [push] = stub.for(device);
    expect(push.payload).toEqual({
      title: 'Kindred',
      body: 'You have a new reply',
      url: '/notifications',
      tag: 'kindred',
    });
    expect(push.text).not.toContain('taper');
    expect(push.text).not.toContain('shower');
    if (sent.body.author.type === 'anonymous') expect(push.text).not.toContain(sent.body.author.alias);
    expect(push.text).not.toContain('push_replier');
    expect(push.headers.authorization).toMatch(/^vapid t=/);
    expect(push.headers['content-encoding']).toBe('aes128gcm');

    // A second reply while the item is unread collapses into it: no second buzz.
    await reply(started.id, 'Also: it does get easier after the first week.');
    await new Promise((r) => setTimeout(r, 800));
    expect(stub.for(device)).toHaveLength(1);
  });

  it('names the thread only when the member opts into titles', async () => {
    const device = stub.device();
    await subscribe(a, device);
    const me = await t.api<MeView>('PATCH', '/api/me', { token: a.token, body: { pushTitles: true } });
    expect(me.body.pushTitles).toBe(true);
    const started = await anonymousThread('Cold feet before the clinic');
    await reply(started.id, 'You can do this, one step at a time.');
    await waitFor(() => stub.for(device).length === 1);
    expect(stub.for(device)[0].payload).toMatchObject({ body: 'New reply in “Cold feet before the clinic”' });
    expect(stub.for(device)[0].text).not.toContain('one step');
    await t.api('PATCH', '/api/me', { token: a.token, body: { pushTitles: false } });
  });

  it('pushes a milestone discreetly too', async () => {
    const c = await t.register();
    const device = stub.device();
    await subscribe(c, device);
    const since = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    await t.api('PUT', '/api/me/milestones/clean', { token: c.token, body: { label: 'since', since } });
    await t.app.get(MilestonesService).check();
    await waitFor(() => stub.for(device).length === 1);
    expect(stub.for(device)[0].payload).toMatchObject({ title: 'Kindred', body: 'You reached a milestone' });
  });

  it('deletes a device the push service calls gone (410), and unsubscribes on request', async () => {
    const c = await t.register();
    const gone = stub.device();
    const kept = stub.device();
    await subscribe(c, gone);
    await subscribe(c, kept);
    stub.status(gone, 410);
    const since = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await t.api('PUT', '/api/me/milestones/clean', { token: c.token, body: { label: 'since', since } });
    await t.app.get(MilestonesService).check();
    await waitFor(() => stub.for(kept).length === 1);
    const count = async () =>
      (
        (await t.dataSource.query(`SELECT count(*) AS n FROM push_subscriptions WHERE user_id = $1`, [
          c.user.id,
        ])) as Array<{ n: string }>
      )[0].n;
    await new Promise((r) => setTimeout(r, 300)); // the job deletes the gone device after the batch
    expect(await count()).toBe('1');
    const off = await t.api('DELETE', '/api/me/push-subscriptions', {
      token: c.token,
      body: { endpoint: kept.endpoint },
    });
    expect(off.status).toBe(204);
    expect(await count()).toBe('0');
  });

  it("ends a device's pushes with its session: sign out everywhere leaves no other device subscribed", async () => {
    // A member whose partner knows the password signs out everywhere: the partner's phone must stop
    // getting "you have a new reply" too (it was kept until its push service answered 404/410).
    const c = await t.register();
    const other = await t.api<AuthResponse>('POST', '/api/auth/login', {
      body: { username: c.user.username, password: 'a long and good passphrase' },
    });
    expect(other.status).toBe(200);
    const partnersPhone = stub.device();
    const mine = stub.device();
    await subscribe({ ...c, token: other.body.token }, partnersPhone);
    await subscribe(c, mine);
    const endpoints = async () =>
      (
        (await t.dataSource.query(`SELECT endpoint FROM push_subscriptions WHERE user_id = $1`, [c.user.id])) as Array<{
          endpoint: string;
        }>
      ).map((r) => r.endpoint);
    expect((await endpoints()).sort()).toEqual([mine.endpoint, partnersPhone.endpoint].sort());
    expect((await t.api('POST', '/api/me/sessions/end-others', { token: c.token })).status).toBe(204);
    expect(await endpoints()).toEqual([mine.endpoint]);
    expect((await t.api('POST', '/api/auth/logout-everywhere', { token: c.token })).status).toBe(204);
    expect(await endpoints()).toEqual([]);
  });

  it('refuses a non-https endpoint with 400 naming the field, and bad keys naming theirs', async () => {
    const device = stub.device();
    const http = await t.api('POST', '/api/me/push-subscriptions', {
      token: a.token,
      body: { endpoint: device.endpoint.replace('https:', 'http:'), keys: device.keys },
    });
    expect(http.status).toBe(400);
    expect(JSON.stringify(http.body)).toContain('endpoint');
    const keys = await t.api('POST', '/api/me/push-subscriptions', {
      token: a.token,
      body: { endpoint: device.endpoint, keys: { p256dh: 'short', auth: device.keys.auth } },
    });
    expect(keys.status).toBe(400);
    expect(JSON.stringify(keys.body)).toContain('p256dh');
    const guest = await t.api('POST', '/api/me/push-subscriptions', {
      body: { endpoint: device.endpoint, keys: device.keys },
    });
    expect(guest.status).toBe(401);
  });
});
