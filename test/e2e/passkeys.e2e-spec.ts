import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorBody } from '@kindred/contracts';
import { loadConfig as load, ConfigError } from '../../apps/api/src/config/config.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('passkeys (API)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'http://localhost:4100' });
  });
  afterAll(() => t.close());

  it('gives registration options for this account and a username-less sign-in', async () => {
    const { token, user } = await t.register();
    const reg = await t.api<{
      rp: { id: string };
      user: { name: string };
      authenticatorSelection: { residentKey: string };
    }>('POST', '/api/me/passkeys/options', { token });
    expect(reg.status).toBe(200);
    expect(reg.body.rp.id).toBe('localhost');
    expect(reg.body.user.name).toBe(user.username);
    expect(reg.body.authenticatorSelection.residentKey).toBe('required');
    const signIn = await t.api<{ rpId: string; allowCredentials?: unknown[] }>('POST', '/api/auth/passkey/options');
    expect(signIn.status).toBe(200);
    expect(signIn.body.rpId).toBe('localhost');
    expect(signIn.body.allowCredentials ?? []).toEqual([]);
  });

  it('answers a failed ceremony with 400 and the reason', async () => {
    const { token } = await t.register();
    const bogus = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: {}, clientExtensionResults: {} };
    const add = await t.api<ErrorBody>('POST', '/api/me/passkeys', { token, body: { response: bogus } });
    expect(add.status).toBe(400);
    expect(add.body.code).toBe('passkey_failed');
    expect(add.body.message).toMatch(/^The passkey didn't work: .+\. You can try again/);
    const signIn = await t.api<ErrorBody>('POST', '/api/auth/passkey', { body: { response: bogus } });
    expect(signIn.status).toBe(400);
    expect(signIn.body.message).toContain('not on any Kindred account');
    const notObject = await t.api<ErrorBody>('POST', '/api/auth/passkey', { body: { response: 'x' } });
    expect(notObject.status).toBe(400);
    expect(notObject.body.details?.fields?.[0].field).toBe('response');
    expect((await t.api('DELETE', '/api/me/passkeys/nothing-here', { token })).status).toBe(404);
  });
});

describe('passkey configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-passkey-config-'));
  const loadConfig = (env: Record<string, string>) => load({ DATA_DIR: dir, ...env });
  it('stops start-up with a clear message when the relying party and PUBLIC_URL disagree', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'https://kindred.example', PASSKEY_RP_ID: 'other.example' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ PUBLIC_URL: 'https://kindred.example', PASSKEY_RP_ID: 'other.example' })).toThrow(
      /PASSKEY_RP_ID "other.example" does not match PUBLIC_URL/,
    );
    expect(() => loadConfig({ PUBLIC_URL: 'http://kindred.example' })).toThrow(/must use https/);
    expect(() => loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' })).toThrow(/IP address/);
    expect(
      loadConfig({ PUBLIC_URL: 'https://forum.kindred.example', PASSKEY_RP_ID: 'kindred.example' }).passkeys,
    ).toEqual({
      rpId: 'kindred.example',
      origin: 'https://forum.kindred.example',
    });
    expect(loadConfig({ PORT: '3100' }).passkeys).toEqual({ rpId: 'localhost', origin: 'http://localhost:3100' });
  });
});
