import type { ErrorBody } from '@kindred/contracts';
import jwt from 'jsonwebtoken';
import type { Socket } from 'socket.io-client';
import { SessionRevocation } from '../../apps/api/src/auth/session-revocation.service.js';
import { discoverGateways, discoverRoutes } from '../support/fuzz/discovery.js';
import { connected, emitAck, startTestApp, type TestApp } from '../support/test-app.js';

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Resolves when the server ends the socket (reason "io server disconnect"). */
function serverDisconnect(socket: Socket, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!socket.connected) return resolve('already disconnected');
    const timer = setTimeout(() => reject(new Error('the socket was not disconnected')), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

describe('sessions', () => {
  let t: TestApp;
  let namespaces: string[];

  beforeAll(async () => {
    t = await startTestApp();
    namespaces = [...new Set(discoverGateways(t.app).map((g) => g.namespace))];
  }, 60_000);
  afterAll(() => t.close(), 30_000);

  /** HTTP /api/me answers 401 and the "/" handshake is refused with "sign in again". */
  async function expectRefusedEverywhere(token: string): Promise<void> {
    const me = await t.api<ErrorBody>('GET', '/api/me', { token });
    expect(me.status).toBe(401);
    expect(me.body.message).toMatch(/sign in again/i);
    await expect(connected(t.socket('/', token))).rejects.toThrow(/sign in again/i);
  }

  it('refuses a token whose signature was tampered with', async () => {
    const { token } = await t.register();
    const [header, payload, signature] = token.split('.');
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    await expectRefusedEverywhere(`${header}.${payload}.${flipped}`);
    // The same signature over a payload naming another account.
    const other = await t.register();
    await expectRefusedEverywhere(`${header}.${b64({ sub: other.user.id, ver: 0 })}.${signature}`);
  });

  it('refuses an unsigned "alg: none" token and one signed with another algorithm', async () => {
    const { user } = await t.register();
    const id = (
      await t.dataSource.query<{ id: string }[]>('SELECT id FROM users WHERE username = $1', [user.username])
    )[0].id;
    const claims = { sub: id, ver: 0, iat: Math.floor(Date.now() / 1000) };
    await expectRefusedEverywhere(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`);
    await expectRefusedEverywhere(jwt.sign(claims, t.config.jwtSecret, { algorithm: 'HS512' }));
    // Control: the same claims signed correctly are accepted, so the refusals above are about the algorithm.
    const good = jwt.sign(claims, t.config.jwtSecret, { algorithm: 'HS256', expiresIn: 60 });
    expect((await t.api('GET', '/api/me', { token: good })).status).toBe(200);
  });

  it('refuses an expired token, and a token signed with another secret', async () => {
    const { user } = await t.register();
    const [{ id }] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM users WHERE username = $1', [
      user.username,
    ]);
    const past = Math.floor(Date.now() / 1000) - 3600;
    await expectRefusedEverywhere(
      jwt.sign({ sub: id, ver: 0, iat: past - 60, exp: past }, t.config.jwtSecret, { algorithm: 'HS256' }),
    );
    await expectRefusedEverywhere(jwt.sign({ sub: id, ver: 0 }, 'x'.repeat(48), { algorithm: 'HS256' }));
  });

  it('refuses validly signed tokens with malformed claims', async () => {
    for (const claims of [
      { sub: 'not-a-uuid', ver: 0 },
      { sub: 42, ver: 0 },
      { ver: 0 },
      { sub: crypto.randomUUID() },
    ]) {
      await expectRefusedEverywhere(jwt.sign(claims, t.config.jwtSecret, { algorithm: 'HS256' }));
    }
  });

  it('after "sign out everywhere", refuses old tokens and disconnects live sockets on every namespace', async () => {
    const { token } = await t.register();
    const live: Socket[] = [];
    for (const namespace of namespaces) {
      const socket = t.socket(namespace, token);
      try {
        await connected(socket);
        live.push(socket);
      } catch {
        /* a namespace this member may not join (e.g. /moderation) */
      }
    }
    expect(live.length).toBeGreaterThan(0);
    const ended = live.map((s) => serverDisconnect(s));
    expect((await t.api('POST', '/api/auth/logout-everywhere', { token })).status).toBe(204);
    await expect(Promise.all(ended)).resolves.toEqual(live.map(() => 'io server disconnect'));
    await expectRefusedEverywhere(token);
  });

  it('refuses the token of a deleted account, and ends its live socket', async () => {
    const { token, user } = await t.register();
    const bystander = await t.register();
    const socket = t.socket('/', token);
    const other = t.socket('/', bystander.token);
    await Promise.all([connected(socket), connected(other)]);
    // Listen first: deleting the account deletes its sessions, whose trigger may end the socket
    // before the sweep does.
    const ended = serverDisconnect(socket);
    await t.dataSource.query('DELETE FROM users WHERE username = $1', [user.username]);
    await t.app.get(SessionRevocation).sweep();
    await expect(ended).resolves.toBe('io server disconnect');
    await expectRefusedEverywhere(token);
    // Only the deleted account's socket was ended.
    expect(other.connected).toBe(true);
    await expect(emitAck(other, 'session:whoami', {})).resolves.toMatchObject({ ok: true });
  });

  it('lets a suspended account read but not write, and keeps its live socket (a drop would be seen)', async () => {
    const { token, user } = await t.register();
    const socket = t.socket('/', token);
    await connected(socket);
    await t.dataSource.query(`UPDATE users SET suspended_until = now() + interval '1 day' WHERE username = $1`, [
      user.username,
    ]);
    // A disconnect at the sweep would show everyone in a meeting that this member was the one just
    // suspended (red-team finding: suspending the author of an anonymous post linked it to them).
    await t.app.get(SessionRevocation).sweep();
    await new Promise((r) => setTimeout(r, 200));
    expect(socket.connected).toBe(true);

    // Reading stays open (a paused member keeps the library, crisis help and their own account).
    expect((await t.api('GET', '/api/me', { token })).status).toBe(200);
    const again = t.socket('/', token);
    await connected(again);
    await expect(emitAck(again, 'session:whoami', {})).resolves.toMatchObject({ ok: true });

    // Every write route answers 403 with the kind suspension message, before reading the payload.
    const writes = discoverRoutes(t.app).filter((r) => r.auth?.write);
    if (writes.length === 0) console.warn('sessions: no @Auth({ write: true }) route is registered yet');
    for (const route of writes) {
      const path = route.path.replace(/:[A-Za-z]+/g, crypto.randomUUID());
      const res = await t.api<ErrorBody>(route.method, path, { token, body: {} });
      expect({ route: `${route.method} ${route.path}`, status: res.status, code: res.body.code }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 403,
        code: 'suspended',
      });
      expect(res.body.message).toMatch(/paused/);
    }
  });

  it('leaves sockets of unchanged accounts alone when sweeping', async () => {
    const { token } = await t.register();
    const socket = t.socket('/', token);
    await connected(socket);
    await t.app.get(SessionRevocation).sweep();
    await new Promise((r) => setTimeout(r, 100));
    expect(socket.connected).toBe(true);
  });
});
