import { jest } from '@jest/globals';
import type { ErrorBody } from '@kindred/contracts';
import { startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

jest.setTimeout(60_000);

const PASSWORD = 'a long and good passphrase';
const A = '203.0.113.10';
const B = '198.51.100.7';

/**
 * TRUST_PROXY decides whether X-Forwarded-For may name the client for the per-client limits
 * (here: registrations, 2 a day per client). The test client connects from 127.0.0.1, standing
 * in for nginx.
 */
async function register(t: TestApp, forwardedFor?: string): Promise<number> {
  const res = await t.api<ErrorBody>('POST', '/api/auth/register', {
    body: { username: uniqueName('xff'), password: PASSWORD },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  });
  return res.status;
}

describe('TRUST_PROXY off (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REGISTRATIONS_PER_DAY: '2' });
  });
  afterAll(() => t.close());

  it('never reads X-Forwarded-For: two different values share one limit', async () => {
    expect(t.config.trustProxy).toBeNull();
    expect(await register(t, A)).toBe(201);
    expect(await register(t, B)).toBe(201);
    expect(await register(t, '192.0.2.99')).toBe(429);
    expect(await register(t)).toBe(429);
  });
});

describe('TRUST_PROXY=1 (one proxy hop, as behind the bundled nginx)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REGISTRATIONS_PER_DAY: '2', TRUST_PROXY: '1' });
  });
  afterAll(() => t.close());

  it('gives each forwarded client its own limit', async () => {
    expect(await register(t, A)).toBe(201);
    expect(await register(t, A)).toBe(201);
    expect(await register(t, A)).toBe(429);
    expect(await register(t, B)).toBe(201);
    expect(await register(t, B)).toBe(201);
  });

  it('uses the right-most entry: a spoofed left-most entry cannot escape the limit', async () => {
    // nginx appends the real peer, so what a client writes itself stays on the left.
    expect(await register(t, `192.0.2.1, ${A}`)).toBe(429);
    expect(await register(t, `192.0.2.2,192.0.2.3 , ${A}`)).toBe(429);
    expect(await register(t, `${B}, ${A}`)).toBe(429);
  });

  it('counts a request without the header by its peer address', async () => {
    expect(await register(t)).toBe(201);
    expect(await register(t)).toBe(201);
    expect(await register(t)).toBe(429);
  });
});

describe('TRUST_PROXY=loopback (proxies named by address)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REGISTRATIONS_PER_DAY: '1', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('skips trusted proxy hops and stops at the first untrusted address from the right', async () => {
    expect(await register(t, `${A}, 127.0.0.5`)).toBe(201);
    // The same client through one proxy fewer, or with a spoofed entry on the left: same limit.
    expect(await register(t, A)).toBe(429);
    expect(await register(t, `10.9.8.7, ${A}`)).toBe(429);
    expect(await register(t, `::ffff:${A}`)).toBe(429);
    expect(await register(t, B)).toBe(201);
  });
});
