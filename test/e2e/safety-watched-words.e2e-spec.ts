import type {
  AuthResponse,
  ErrorBody,
  SafetyTestResult,
  WatchedWordImportResult,
  WatchedWordView,
} from '@kindred/contracts';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('watched words (admin)', () => {
  let t: TestApp;
  let admin: AuthResponse;
  let member: AuthResponse;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.register();
    member = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id]);
  });
  afterAll(() => t.close());

  const test = (text: string) =>
    t.api<SafetyTestResult>('POST', '/api/admin/watched-words/test', { token: admin.token, body: { text } });

  it('is for admins only', async () => {
    expect((await t.api('GET', '/api/admin/watched-words', { token: member.token })).status).toBe(403);
    expect((await t.api('GET', '/api/admin/watched-words')).status).toBe(401);
    const res = await t.api('POST', '/api/admin/watched-words', {
      token: member.token,
      body: { pattern: 'whatever', action: 'block' },
    });
    expect(res.status).toBe(403);
  });

  it('adds, lists, tests and removes entries; the cache follows each change at once', async () => {
    const added = await t.api<WatchedWordView>('POST', '/api/admin/watched-words', {
      token: admin.token,
      body: { pattern: 'plug*', action: 'hold' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ pattern: 'plug*', action: 'hold' });
    const list = await t.api<WatchedWordView[]>('GET', '/api/admin/watched-words', { token: admin.token });
    expect(list.body.map((w) => w.pattern)).toContain('plug*');

    const held = await test('my plugs are open late');
    expect(held.status).toBe(200);
    expect(held.body.decision).toBe('hold');
    expect(held.body.watched).toEqual([expect.objectContaining({ pattern: 'plug*', action: 'hold' })]);

    const censor = await t.api<WatchedWordView>('POST', '/api/admin/watched-words', {
      token: admin.token,
      body: { pattern: '/d[a4]mn/i', action: 'censor' },
    });
    expect(censor.status).toBe(201);
    const censored = await test('What a D4MN long day.');
    expect(censored.body).toMatchObject({ decision: 'publish', censoredText: 'What a ■■■ long day.' });

    const block = await t.api<WatchedWordView>('POST', '/api/admin/watched-words', {
      token: admin.token,
      body: { pattern: 'never say this', action: 'block' },
    });
    expect((await test('I will never  say this again')).body.decision).toBe('block');

    expect((await t.api('DELETE', `/api/admin/watched-words/${added.body.id}`, { token: admin.token })).status).toBe(
      204,
    );
    expect((await test('my plugs are open late')).body.decision).toBe('publish');
    expect((await t.api('DELETE', `/api/admin/watched-words/${added.body.id}`, { token: admin.token })).status).toBe(
      404,
    );
    await t.api('DELETE', `/api/admin/watched-words/${block.body.id}`, { token: admin.token });
  });

  it('refuses a dangerous or empty pattern with the reason, and a duplicate with 409', async () => {
    const nested = await t.api<ErrorBody>('POST', '/api/admin/watched-words', {
      token: admin.token,
      body: { pattern: '/(a+)+$/', action: 'block' },
    });
    expect(nested.status).toBe(400);
    expect(nested.body.details?.fields?.[0].field).toBe('pattern');
    expect(nested.body.details?.fields?.[0].reason).toMatch(/exponential/);
    const short = await t.api<ErrorBody>('POST', '/api/admin/watched-words', {
      token: admin.token,
      body: { pattern: '*a*', action: 'hold' },
    });
    expect(short.status).toBe(400);
    const badAction = await t.api<ErrorBody>('POST', '/api/admin/watched-words', {
      token: admin.token,
      body: { pattern: 'something', action: 'shout' },
    });
    expect(badAction.status).toBe(400);
    expect(badAction.body.details?.fields).toEqual([
      { field: 'action', reason: 'must be block, hold, flag or censor' },
    ]);
    await t.api('POST', '/api/admin/watched-words', {
      token: admin.token,
      body: { pattern: 'Dupe Word', action: 'flag' },
    });
    const dupe = await t.api<ErrorBody>('POST', '/api/admin/watched-words', {
      token: admin.token,
      body: { pattern: 'dupe word', action: 'hold' },
    });
    expect(dupe.status).toBe(409);
  });

  it('imports a CSV body, reporting the lines it skipped', async () => {
    const csv = ['pattern,action', 'bundle deal,hold', '"cash, app",flag', '/(x+)+/,block', 'meet up,shout', ''].join(
      '\n',
    );
    const res = await t.api<WatchedWordImportResult>('POST', '/api/admin/watched-words/import', {
      token: admin.token,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(201);
    expect(res.body.added).toBe(2);
    expect(res.body.skipped.map((s) => s.line)).toEqual([4, 5]);
    expect((await test('got a bundle deal')).body.decision).toBe('hold');
    const asJson = await t.api<WatchedWordImportResult>('POST', '/api/admin/watched-words/import', {
      token: admin.token,
      body: { csv: 'bundle deal,hold\nfresh batch,hold' },
    });
    expect(asJson.body).toMatchObject({ added: 1, skipped: [{ line: 1, reason: 'Already on the list.' }] });
    const empty = await t.api<ErrorBody>('POST', '/api/admin/watched-words/import', { token: admin.token, body: {} });
    expect(empty.status).toBe(400);
  });

  it('explains what the detectors would do', async () => {
    const phone = await test('text me at 555-867-5309 tonight');
    expect(phone.body.decision).toBe('hold');
    expect(phone.body.personalInfo).toBe(true);
    expect(phone.body.spans.some((s) => s.kind === 'phone')).toBe(true);
    const benign = await test('My doctor started me on subs last week and the cravings eased.');
    expect(benign.body).toMatchObject({ decision: 'publish', sourcing: 'none' });
  });
});
