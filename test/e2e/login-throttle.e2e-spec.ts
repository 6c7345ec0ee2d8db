import { jest } from '@jest/globals';
import type { ErrorBody } from '@kindred/contracts';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(60_000);

const PASSWORD = 'a long and good passphrase';
const OWNER = '203.0.113.10';

/**
 * Issue 13 item 11: ten wrong passwords from ten addresses used to lock the owner out for 15
 * minutes (a limit per username). Guesses are now slowed per username + client pair, with
 * growing delays. The test client stands behind one trusted proxy hop (TRUST_PROXY=1), so
 * X-Forwarded-For names the address.
 */
describe('sign-in guess throttle (real defaults)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '1', LOGIN_ATTEMPTS_PER_CLIENT: '50' });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, from: string) =>
    t.api<ErrorBody>('POST', '/api/auth/login', {
      body: { username, password },
      headers: { 'x-forwarded-for': from },
    });

  it('ten wrong passwords from ten other addresses do not lock the owner out', async () => {
    const { user } = await t.register();
    for (let i = 0; i < 10; i++) {
      expect((await login(user.username, 'wrong guess here', `198.51.100.${i + 1}`)).status).toBe(401);
    }
    const owner = await login(user.username, PASSWORD, OWNER);
    expect(owner.status).toBe(200);
  });

  it('even thirty wrong guesses from one stranger leave the owner free to sign in', async () => {
    const { user } = await t.register();
    let refused = 0;
    for (let i = 0; i < 30; i++) {
      const res = await login(user.username, 'wrong guess here', '198.51.100.200');
      if (res.status === 429) refused++;
    }
    expect(refused).toBeGreaterThan(20);
    expect((await login(user.username, PASSWORD, OWNER)).status).toBe(200);
  });

  it('slows one address guessing one account: 5 free guesses, then growing waits, even for the right password', async () => {
    const { user } = await t.register();
    const from = '192.0.2.50';
    for (let i = 0; i < 5; i++) expect((await login(user.username, 'wrong guess here', from)).status).toBe(401);
    const paused = await login(user.username, PASSWORD, from);
    expect(paused.status).toBe(429);
    expect(paused.body.message).toContain('Other devices are not affected');
    const firstWait = Number(paused.headers.get('retry-after'));
    expect(firstWait).toBeGreaterThanOrEqual(1);
    expect(firstWait).toBeLessThanOrEqual(2);

    await new Promise((resolve) => setTimeout(resolve, firstWait * 1000 + 100));
    expect((await login(user.username, 'wrong guess here', from)).status).toBe(401);
    const longer = await login(user.username, PASSWORD, from);
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get('retry-after'))).toBeGreaterThan(firstWait);
  });

  it('throttles an unknown username exactly like a real one (no hint that an account exists)', async () => {
    const from = '192.0.2.60';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login('nobody_here_zz', 'wrong guess here', from)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('a right password clears the pair', async () => {
    const { user } = await t.register();
    const from = '192.0.2.70';
    for (let i = 0; i < 4; i++) expect((await login(user.username, 'wrong guess here', from)).status).toBe(401);
    expect((await login(user.username, PASSWORD, from)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(user.username, 'wrong guess here', from)).status).toBe(401);
    expect((await login(user.username, PASSWORD, from)).status).toBe(200);
  });
});
