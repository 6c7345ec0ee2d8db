import type { Ack, AuthResponse, ErrorBody } from '@kindred/contracts';
import { connected, emitAck, startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

const PASSWORD = 'a long and good passphrase';

describe('rate limits (real defaults)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The production defaults, which startTestApp relaxes for every other test.
    t = await startTestApp({
      REGISTRATIONS_PER_DAY: '5',
      LOGIN_ATTEMPTS_PER_CLIENT: '50',
      WRITES_PER_MINUTE: '30',
    });
  });
  afterAll(() => t.close());

  it('allows 5 registrations a day from one client, then answers 429 with Retry-After', async () => {
    const created: AuthResponse[] = [];
    for (let i = 0; i < 5; i++) created.push(await t.register());
    const sixth = await t.api<ErrorBody>('POST', '/api/auth/register', {
      body: { username: uniqueName('sixth'), password: PASSWORD },
    });
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('rate_limited');
    expect(sixth.body.message).toMatch(/try again in \d+ hours/);
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(23 * 3600);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    expect(sixth.body.details?.retryAfterSeconds).toBe(retryAfter);
    expect(created).toHaveLength(5);
  }, 30_000);

  // Sign-in guessing is slowed per username + client pair: test/e2e/login-throttle.e2e-spec.ts.

  it('limits writes to 30 a minute per member, each member on their own', async () => {
    const [carol, dave] = await accounts(t, 2);
    const tokenOf = async (username: string) =>
      (await t.api<AuthResponse>('POST', '/api/auth/login', { body: { username, password: PASSWORD } })).body.token;
    const carolToken = await tokenOf(carol);
    const daveToken = await tokenOf(dave);
    for (let i = 0; i < 30; i++) {
      const res = await t.api('PATCH', '/api/me', { token: carolToken, body: { anonymousByDefault: i % 2 === 0 } });
      expect(res.status).toBe(200);
    }
    const over = await t.api<ErrorBody>('PATCH', '/api/me', { token: carolToken, body: { anonymousByDefault: true } });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    // Reading is not a write, and another member is not affected.
    expect((await t.api('GET', '/api/me', { token: carolToken })).status).toBe(200);
    expect((await t.api('PATCH', '/api/me', { token: daveToken, body: { anonymousByDefault: true } })).status).toBe(
      200,
    );
  }, 30_000);

  it('answers socket events past 100 in 10 s with rate_limited, then disconnects a flood', async () => {
    const socket = t.socket('/');
    await connected(socket);
    const first = await Promise.all(Array.from({ length: 100 }, () => emitAck<Ack>(socket, 'session:whoami', {})));
    expect(first.every((ack) => ack.ok)).toBe(true);
    const over = await emitAck<Ack>(socket, 'session:whoami', {});
    expect(over).toMatchObject({ ok: false, error: { code: 'rate_limited' } });

    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    for (let i = 0; i < 120; i++) socket.emit('session:whoami', {}, () => undefined);
    await expect(disconnected).resolves.toBe('io server disconnect');

    // A fresh connection starts with a fresh allowance.
    const fresh = t.socket('/');
    await connected(fresh);
    await expect(emitAck<Ack>(fresh, 'session:whoami', {})).resolves.toMatchObject({ ok: true });
  });
});

describe('rate limits switched off', () => {
  it('lets RATE_LIMITS=off through', async () => {
    const t = await startTestApp({ RATE_LIMITS: 'off', REGISTRATIONS_PER_DAY: '1' });
    try {
      await t.register();
      await t.register();
      expect(
        (await t.api('POST', '/api/auth/register', { body: { username: uniqueName(), password: PASSWORD } })).status,
      ).toBe(201);
    } finally {
      await t.close();
    }
  }, 30_000);
});

/** Accounts made straight in the database's users table via a second, unlimited app would be slower; insert them. */
async function accounts(t: TestApp, n: number): Promise<string[]> {
  const argon2 = await import('argon2');
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const username = uniqueName('lim');
    await t.dataSource.query('INSERT INTO users (username, password_hash) VALUES ($1, $2)', [username, hash]);
    names.push(username);
  }
  return names;
}
