import type { Ack, AuthResponse, ErrorBody } from '@kindred/contracts';
import { io, type Socket } from 'socket.io-client';
import { connected, emitAck, startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

const SPANISH = { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' };
const BAD_REGISTRATION = { username: 'no spaces allowed', password: 'short' };
const MEETING = '7d3f1c52-4b8e-4a35-9d7e-2f6c1a9b8e40';

/**
 * The server's words follow the reader (issue #16): the member's saved language, else the request's
 * Accept-Language. Codes, statuses and field names never change, so clients keep matching on them.
 */
describe('the server answers in the reader’s language', () => {
  let t: TestApp;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  const socketWith = (headers: Record<string, string>, auth: { token?: string; locale?: string } = {}): Socket => {
    const socket = io(`${t.baseUrl}/chat`, {
      transports: ['websocket'],
      extraHeaders: headers,
      auth,
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    return socket;
  };

  it('refuses the same bad request in Spanish for es-MX, with the same code, status and fields', async () => {
    const en = await t.api<ErrorBody>('POST', '/api/auth/register', { body: BAD_REGISTRATION });
    const es = await t.api<ErrorBody>('POST', '/api/auth/register', { body: BAD_REGISTRATION, headers: SPANISH });
    expect(es.status).toBe(en.status);
    expect(es.body.code).toBe('validation_failed');
    expect(es.body.code).toBe(en.body.code);
    expect(es.body.details?.fields?.map((f) => f.field)).toEqual(en.body.details?.fields?.map((f) => f.field));
    expect(es.body.details?.fields).toEqual(
      expect.arrayContaining([
        { field: 'username', reason: 'solo puede usar letras, números, _ y -' },
        { field: 'password', reason: 'debe tener de 10 a 200 caracteres' },
      ]),
    );
    expect(es.body.message).toContain('username: solo puede usar letras, números, _ y -');

    const board = await t.api<ErrorBody>('GET', '/api/boards/no-such-board', { headers: SPANISH });
    expect(board.status).toBe(404);
    expect(board.body.code).toBe('not_found');
    expect(board.body.message).toMatch(/^No encontramos ese foro\./);

    // Nest's own refusals too: an unknown route and a body that is not JSON.
    const route = await t.api<ErrorBody>('GET', '/api/no-such-route', { headers: SPANISH });
    expect(route.status).toBe(404);
    expect(route.body.message).toMatch(/^Esa dirección no existe en Kindred \(GET \/api\/no-such-route\)/);
    const json = await t.api<ErrorBody>('POST', '/api/auth/login', { raw: '{"username":', headers: SPANISH });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('bad_request');
    expect(json.body.message).toMatch(/JSON válido/);
  });

  it('keeps English exactly as before when nothing asks for another language', async () => {
    const en = await t.api<ErrorBody>('POST', '/api/auth/register', { body: BAD_REGISTRATION });
    expect(en.status).toBe(400);
    expect(en.body.details?.fields).toEqual(
      expect.arrayContaining([
        { field: 'username', reason: 'may use only letters, digits, _ and -' },
        { field: 'password', reason: 'must be 10–200 characters' },
      ]),
    );
    expect(en.body.message).toContain('username: may use only letters, digits, _ and -');
    expect(en.body.message).toContain('password: must be 10–200 characters');
    const board = await t.api<ErrorBody>('GET', '/api/boards/no-such-board', {
      headers: { 'accept-language': 'fr-FR,de;q=0.8' },
    });
    expect(board.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'not_found',
      message: 'That board was not found.',
    });
    const route = await t.api<ErrorBody>('GET', '/api/no-such-route');
    expect(route.body.message).toBe('Cannot GET /api/no-such-route');
    const json = await t.api<ErrorBody>('POST', '/api/auth/login', { raw: '{"username":' });
    expect(json.body.message).toBe('The request body is not valid JSON.');
  });

  it('answers a member who chose Spanish in Spanish, without any header', async () => {
    const { token } = await t.register();
    expect((await t.api('PATCH', '/api/me', { token, body: { locale: 'es' } })).status).toBe(200);

    const preview = await t.api<ErrorBody>('POST', '/api/preview', { token, body: {} });
    expect(preview.status).toBe(400);
    expect(preview.body.code).toBe('validation_failed');
    expect(preview.body.details?.fields).toContainEqual({ field: 'body', reason: 'debe ser texto' });

    // The saved choice outranks the browser's header, even before authentication runs.
    const english = { 'accept-language': 'en-US' };
    const route = await t.api<ErrorBody>('GET', '/api/no-such-route', { token, headers: english });
    expect(route.body.message).toMatch(/^Esa dirección no existe en Kindred/);
    const json = await t.api<ErrorBody>('PATCH', '/api/me', { token, raw: '{"locale":', headers: english });
    expect(json.body.message).toMatch(/JSON válido/);

    // Back to English: the very next answer follows.
    await t.api('PATCH', '/api/me', { token, body: { locale: 'en' } });
    const again = await t.api<ErrorBody>('POST', '/api/preview', { token, body: {} });
    expect(again.body.details?.fields).toContainEqual({ field: 'body', reason: 'must be text' });
  });

  it('slows guesses in Spanish, with the same 429 code and Retry-After', async () => {
    const { user } = await t.register();
    const login = () =>
      t.api<ErrorBody>('POST', '/api/auth/login', {
        body: { username: user.username, password: 'not the password at all' },
        headers: SPANISH,
      });
    for (let i = 0; i < 5; i++) {
      const wrong = await login();
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('invalid_credentials');
      expect(wrong.body.message).toMatch(/no coinciden con ninguna cuenta/);
    }
    const paused = await login();
    expect(paused.status).toBe(429);
    expect(paused.body.code).toBe('rate_limited');
    expect(paused.body.message).toMatch(/Puedes intentarlo de nuevo en \d+ segundos?\. /);
    expect(Number(paused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers socket events in the language of the handshake, or of the member', async () => {
    const guest = socketWith(SPANISH);
    await connected(guest);
    const missing = await emitAck<Ack>(guest, 'meeting:join', { meetingId: MEETING });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(!missing.ok && missing.error.message).toMatch(/^No encontramos esa reunión\./);
    const invalid = await emitAck<Ack>(guest, 'meeting:join', { meetingId: 'nope' });
    expect(invalid).toMatchObject({
      ok: false,
      error: {
        code: 'validation_failed',
        details: { fields: [{ field: 'meetingId', reason: 'debe ser un identificador válido' }] },
      },
    });

    // A browser's WebSocket cannot set headers: the app's chosen language may come as auth.locale.
    const chosen = socketWith({ 'accept-language': 'en-US' }, { locale: 'es' });
    await connected(chosen);
    const chosenAck = await emitAck<Ack>(chosen, 'meeting:join', { meetingId: MEETING });
    expect(!chosenAck.ok && chosenAck.error.message).toMatch(/^No encontramos esa reunión\./);

    const english = socketWith({});
    await connected(english);
    expect(await emitAck<Ack>(english, 'meeting:join', { meetingId: MEETING })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That meeting was not found.' },
    });

    const { token } = await t
      .api<AuthResponse>('POST', '/api/auth/register', {
        body: { username: uniqueName('sol'), password: 'a long and good passphrase' },
      })
      .then((res) => res.body);
    await t.api('PATCH', '/api/me', { token, body: { locale: 'es' } });
    const member = socketWith({ 'accept-language': 'en-US' }, { token });
    await connected(member);
    const ack = await emitAck<Ack>(member, 'meeting:join', { meetingId: MEETING });
    expect(!ack.ok && ack.error.message).toMatch(/^No encontramos esa reunión\./);

    // A new choice reaches the member's open socket without reconnecting.
    await t.api('PATCH', '/api/me', { token, body: { locale: 'en' } });
    const after = await emitAck<Ack>(member, 'meeting:join', { meetingId: MEETING });
    expect(!after.ok && after.error.message).toBe('That meeting was not found.');
  });
});
