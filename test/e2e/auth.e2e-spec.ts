import type { AuthResponse, ErrorBody, UserView } from '@kindred/contracts';
import { connected, emitAck, startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

describe('accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('registers, logs in and reads /api/me with the token', async () => {
    const username = uniqueName('river');
    const reg = await t.api<AuthResponse>('POST', '/api/auth/register', {
      body: { username, password: 'steady days ahead' },
    });
    expect(reg.status).toBe(201);
    expect(reg.body.user).toMatchObject({ username, role: 'member' });
    expect(JSON.stringify(reg.body)).not.toContain('password');

    const login = await t.api<AuthResponse>('POST', '/api/auth/login', {
      body: { username: username.toUpperCase(), password: 'steady days ahead' },
    });
    expect(login.status).toBe(200);
    const me = await t.api<UserView>('GET', '/api/me', { token: login.body.token });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(username);
  });

  it('names the field and the reason for a bad payload', async () => {
    const res = await t.api<ErrorBody>('POST', '/api/auth/register', {
      body: { username: 'no spaces allowed', password: 'short' },
    });
    expect(res.status).toBe(400);
    expect(res.body.details?.fields).toEqual(
      expect.arrayContaining([
        { field: 'username', reason: 'may use only letters, digits, _ and -' },
        { field: 'password', reason: 'must be 10–200 characters' },
      ]),
    );
  });

  it('refuses a password equal to the username or too common', async () => {
    const same = await t.api<ErrorBody>('POST', '/api/auth/register', {
      body: { username: 'samesame_12', password: 'SAMESAME_12' },
    });
    expect(same.status).toBe(400);
    expect(same.body.message).toContain('password');
    for (const password of ['password123', 'aaaaaaaaaa', 'Password1!', 'abcdefghijkl', '1234567890', 'qwertyuiop']) {
      const weak = await t.api<ErrorBody>('POST', '/api/auth/register', { body: { username: uniqueName(), password } });
      expect(weak.status).toBe(400);
      expect(weak.body.details?.fields).toEqual([
        { field: 'password', reason: expect.stringMatching(/easy to guess\. .*Try three or four words/) as string },
      ]);
    }
  });

  it('answers 409 for a taken username, case-insensitively', async () => {
    const { user } = await t.register();
    const res = await t.api<ErrorBody>('POST', '/api/auth/register', {
      body: { username: user.username.toUpperCase(), password: 'another fine passphrase' },
    });
    expect(res.status).toBe(409);
  });

  it('gives the same 401 for a wrong password and an unknown user', async () => {
    const { user } = await t.register();
    const wrong = await t.api<ErrorBody>('POST', '/api/auth/login', {
      body: { username: user.username, password: 'not the password' },
    });
    const unknown = await t.api<ErrorBody>('POST', '/api/auth/login', {
      body: { username: 'nobody_here_x', password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('answers 401 on /api/me without or with a tampered token', async () => {
    const { token } = await t.register();
    expect((await t.api('GET', '/api/me')).status).toBe(401);
    const tampered = token.slice(0, -3) + (token.endsWith('aaa') ? 'bbb' : 'aaa');
    expect((await t.api('GET', '/api/me', { token: tampered })).status).toBe(401);
  });

  it('stops every token after "sign out everywhere"', async () => {
    const { token } = await t.register();
    expect((await t.api('POST', '/api/auth/logout-everywhere', { token })).status).toBe(204);
    expect((await t.api('GET', '/api/me', { token })).status).toBe(401);
  });

  it('answers 400 for malformed JSON and 413 for a body over 64 KB', async () => {
    const bad = await t.api<ErrorBody>('POST', '/api/auth/login', { raw: '{"username": ' });
    expect(bad.status).toBe(400);
    const big = await t.api<ErrorBody>('POST', '/api/auth/login', {
      body: { username: 'x', password: 'y'.repeat(70_000) },
    });
    expect(big.status).toBe(413);
  });

  it('reports health with the database up', async () => {
    const res = await t.api('GET', '/api/health');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', db: 'up' } });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.api<{ paths: Record<string, unknown> }>('GET', '/api/docs.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain('/api/auth/register');
  });

  it('authenticates a socket handshake and accepts a guest one', async () => {
    const { token, user } = await t.register();
    const member = t.socket('/', token);
    await connected(member);
    await expect(emitAck(member, 'session:whoami', {})).resolves.toEqual({
      ok: true,
      user: { username: user.username, role: 'member' },
    });
    const guest = t.socket('/');
    await connected(guest);
    await expect(emitAck(guest, 'session:whoami', {})).resolves.toEqual({ ok: true, user: null });
  });

  it('refuses a handshake with a bad token and acks a bad payload with an error', async () => {
    const bad = t.socket('/', 'not-a-token');
    await expect(connected(bad)).rejects.toThrow(/sign in again/);
    const guest = t.socket('/');
    await connected(guest);
    const ack = await emitAck<{ ok: boolean; error?: { code: string } }>(guest, 'session:whoami', { unexpected: true });
    expect(ack).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(guest.connected).toBe(true);
  });
});
