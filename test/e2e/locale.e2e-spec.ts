import type { ErrorBody, MeView } from '@kindred/contracts';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('a member chooses their language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is not chosen at first, is saved by PATCH /api/me, and follows the account', async () => {
    const { token } = await t.register();
    expect((await t.api<MeView>('GET', '/api/me', { token })).body.locale).toBeNull();

    const saved = await t.api<MeView>('PATCH', '/api/me', { token, body: { locale: 'es' } });
    expect(saved.status).toBe(200);
    expect(saved.body.locale).toBe('es');
    // Other settings keep their values when only the language is sent, and the reverse.
    const other = await t.api<MeView>('PATCH', '/api/me', { token, body: { autoWatch: false } });
    expect(other.body).toMatchObject({ locale: 'es', autoWatch: false });
  });

  it('refuses a language Kindred does not speak, naming the field', async () => {
    const { token } = await t.register();
    const refused = await t.api<ErrorBody>('PATCH', '/api/me', { token, body: { locale: 'fr' } });
    expect(refused.status).toBe(400);
    expect(refused.body.details?.fields?.[0]).toMatchObject({ field: 'locale' });
  });
});
