import type { Socket } from 'socket.io-client';
import { AnonymityScan } from '../support/authz/anonymity.js';
import { REST_MATRIX, type RestCall } from '../support/authz/rest-matrix.js';
import { SOCKET_MATRIX } from '../support/authz/socket-matrix.js';
import { ACTORS, World, type ActorName } from '../support/authz/world.js';
import { discoverGateways, discoverRoutes } from '../support/fuzz/discovery.js';
import { truncate } from '../support/fuzz/http.js';
import { connected, emitAck, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The authorization matrix: every REST operation (from the OpenAPI document) and every socket
 * event (from the gateways' @SubscribeMessage metadata) × every actor → the expected answer, as
 * data in test/support/authz/. A route or event without a row fails the test, and so does a row
 * whose route is gone. Every response is scanned for the identity of an anonymous author.
 * AUTHZ_ONLY="POST /api/flags,/chat meeting:end" runs only those rows.
 */
const ONLY = (process.env.AUTHZ_ONLY ?? '').split(',').filter(Boolean);
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const UNMASK = 'admin POST /api/moderation/unmask';

type OpenApiDocument = { paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], unknown>>> };
type AckLike = { ok?: boolean; error?: { code?: string } } | null;

/** "POST /api/threads/:id/posts #variant" → "POST /api/threads/:id/posts". */
const baseKey = (key: string): string => key.split(' #')[0];
const selected = (key: string): boolean => ONLY.length === 0 || ONLY.includes(key) || ONLY.includes(baseKey(key));

function openApiKeys(doc: OpenApiDocument): string[] {
  const keys: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      if (item[method]) keys.push(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
    }
  }
  return keys.sort();
}

function fillParams(template: string, params: Record<string, string> = {}): string {
  return template.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`the row for ${template} gives no value for :${name}`);
    return encodeURIComponent(value);
  });
}

describe('authorization matrix (every route and socket event × every actor)', () => {
  let t: TestApp;
  let w: World;
  let scan: AnonymityScan;
  let restKeys: string[] = [];
  let eventKeys: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS: 'off' });
    w = new World(t);
    await w.build();
    scan = new AnonymityScan(w.anonAuthor, (label) => label === UNMASK);
    const docs = await t.api<OpenApiDocument>('GET', '/api/docs.json');
    restKeys = openApiKeys(docs.body);
    eventKeys = discoverGateways(t.app)
      .flatMap((g) => g.events.map((e) => `${g.namespace} ${e}`))
      .sort();
  }, 60_000);
  afterAll(() => t?.close(), 30_000);

  it('has a row for every route and socket event, and no row for one that is gone', () => {
    const routeRows = new Set(Object.keys(REST_MATRIX).map(baseKey));
    const eventRows = new Set(Object.keys(SOCKET_MATRIX).map(baseKey));
    // The OpenAPI document and Nest's own route table agree (no route hidden from the docs).
    const declared = [...new Set(discoverRoutes(t.app).map((r) => `${r.method} ${r.path}`))].sort();
    expect(declared).toEqual(restKeys);
    expect(restKeys.length).toBeGreaterThan(50);
    expect(eventKeys.length).toBeGreaterThan(15);

    const problems = [
      ...restKeys.filter((k) => !routeRows.has(k)).map((k) => `no row in rest-matrix.ts for the route ${k}`),
      ...[...routeRows]
        .filter((k) => !restKeys.includes(k))
        .map((k) => `rest-matrix.ts has a row for ${k}, which no longer exists`),
      ...eventKeys.filter((k) => !eventRows.has(k)).map((k) => `no row in socket-matrix.ts for the event ${k}`),
      ...[...eventRows]
        .filter((k) => !eventKeys.includes(k))
        .map((k) => `socket-matrix.ts has a row for ${k}, which no longer exists`),
    ];
    expect(problems).toEqual([]);
  });

  it('answers every REST operation as the table says, for every actor', async () => {
    const failures: string[] = [];
    const rows = Object.entries(REST_MATRIX).filter(([key]) => selected(key));
    for (const [key, row] of rows) {
      const [method, template] = baseKey(key).split(' ');
      const rowStarted = Date.now();
      // The actors of a row run side by side: each has its own target where the call changes it.
      await Promise.all(
        ACTORS.map(async (actor) => {
          let call: RestCall;
          try {
            call = (await row.call?.(w, actor)) ?? {};
          } catch (error) {
            failures.push(`${key} as ${actor}: setting up the target failed: ${(error as Error).message}`);
            return;
          }
          const url = fillParams(template, call.params) + (call.query ? `?${call.query}` : '');
          const res = await t.api<{ code?: string; message?: string }>(method, url, {
            token: 'token' in call ? call.token : w.token(actor),
            ...(call.body !== undefined ? { body: call.body } : {}),
          });
          scan.check(`${actor} ${baseKey(key)}`, res.body);
          if (res.status !== row.expect[actor]) {
            failures.push(
              `${key} as ${actor}: expected ${row.expect[actor]}, got ${res.status} ${truncate(res.body, 160)}`,
            );
          }
        }),
      );
      if (process.env.AUTHZ_TIMING) console.log(`${key}: ${Date.now() - rowStarted} ms`);
    }
    const cells = rows.length * ACTORS.length;
    console.log(`authz matrix: ${rows.length} REST rows × ${ACTORS.length} actors = ${cells} cells`);
    if (failures.length > 0)
      throw new Error(`${failures.length} of ${cells} cells differ:\n  ${failures.join('\n  ')}`);
  }, 120_000);

  /** Connects an actor to a namespace; the handshake refusal code when it is refused. */
  async function connect(namespace: string, actor: ActorName): Promise<Socket | string> {
    const socket = t.socket(namespace, w.token(actor));
    socket.onAny((event: string, payload: unknown) => scan.check(`${actor} ${namespace} event ${event}`, payload));
    try {
      await connected(socket);
      return socket;
    } catch (error) {
      socket.close();
      const code = (error as { data?: { code?: string } }).data?.code ?? 'unknown';
      return `refused:${code}`;
    }
  }

  it('answers every socket event as the table says, for every actor', async () => {
    const failures: string[] = [];
    const rows = Object.entries(SOCKET_MATRIX).filter(([key]) => selected(key));
    for (const [key, row] of rows) {
      const [namespace, event] = baseKey(key).split(' ');
      await Promise.all(
        ACTORS.map(async (actor) => {
          const opened: Socket[] = [];
          let outcome: string;
          try {
            const scene = row.chat ? await w.chatScene(row.chat.meeting) : null;
            if (scene) {
              opened.push(scene.ownerSocket);
              scene.ownerSocket.onAny((e: string, p: unknown) => scan.check(`owner ${namespace} event ${e}`, p));
            }
            const link = actor === 'owner' && scene ? scene.ownerSocket : await connect(namespace, actor);
            if (typeof link === 'string') {
              outcome = link;
            } else {
              opened.push(link);
              if (scene && row.chat?.joinFirst !== false && actor !== 'owner') {
                const join = await emitAck(link, 'meeting:join', { meetingId: scene.meetingId });
                scan.check(`${actor} ${namespace} meeting:join`, join);
              }
              const ack = await emitAck<AckLike>(link, event, await row.payload(w, scene, actor), 3000);
              scan.check(`${actor} ${key}`, ack);
              outcome = ack?.ok === true ? 'ok' : (ack?.error?.code ?? `no error code: ${truncate(ack, 120)}`);
            }
          } catch (error) {
            outcome = `threw: ${(error as Error).message}`;
          } finally {
            opened.forEach((s) => s.close());
          }
          if (outcome !== row.expect[actor])
            failures.push(`${key} as ${actor}: expected ${row.expect[actor]}, got ${outcome}`);
        }),
      );
    }
    const cells = rows.length * ACTORS.length;
    console.log(`authz matrix: ${rows.length} socket rows × ${ACTORS.length} actors = ${cells} cells`);
    if (failures.length > 0)
      throw new Error(`${failures.length} of ${cells} cells differ:\n  ${failures.join('\n  ')}`);
  }, 120_000);

  it('never names an anonymous author to anyone, except to an admin who unmasks (which is logged)', async () => {
    // Every read a member, moderator or admin can make of the anonymous content, on top of the
    // responses the matrix above collected.
    const reads = [
      `/api/threads/${w.thread.id}`,
      `/api/threads/${w.thread.id}/posts`,
      `/api/threads/${w.anonThread.id}`,
      `/api/threads/${w.anonThread.id}/posts`,
      `/api/boards/welcome-introductions/threads`,
      `/api/threads?unanswered=true`,
      `/api/search?q=bluebirdanon`,
      `/api/search?q=relapsed`,
      `/api/moderation/items/${w.anonItemId}`,
      `/api/moderation/queue`,
      `/api/moderation/log`,
    ];
    for (const actor of ACTORS) {
      for (const path of reads) {
        const res = await t.api('GET', path, { token: w.token(actor) });
        scan.check(`${actor} GET ${path}`, res.body);
      }
      // The author's profile lists only posts signed with their name: none of the anonymous ones.
      const profile = await t.api('GET', `/api/members/${w.anonAuthor.username}`, { token: w.token(actor) });
      const listed = JSON.stringify(profile.body);
      expect([w.anonThread.id, w.anonReply.id].filter((id) => listed.includes(id))).toEqual([]);
    }
    if (ONLY.length === 0) {
      // The scanner does see an identity when one is there: the admin's unmask named the author.
      expect(scan.allowedHits).toContain(UNMASK);
      const log = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM moderation_log WHERE action = 'unmask'`,
      );
      expect(log[0].n).toBeGreaterThan(0);
    }
    expect(scan.leaks).toEqual([]);
  }, 60_000);
});
