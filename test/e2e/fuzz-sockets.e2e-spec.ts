import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { badSocketPayload } from '../support/fuzz/arbitraries.js';
import { discoverGateways } from '../support/fuzz/discovery.js';
import { truncate } from '../support/fuzz/http.js';
import { connected, emitAck, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Fuzzes every client→server event of every gateway (read from Nest's @SubscribeMessage
 * metadata at run time): each bad payload must get an error ack within 2 s, and the connection
 * must stay open and usable. FUZZ_RUNS, FUZZ_SEED and FUZZ_ONLY ("/chat chat:send") as for REST.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 9_2025);
const ONLY = process.env.FUZZ_ONLY ?? '';

interface ErrorAck {
  ok: false;
  error: { code: string; message: string };
}

const isErrorAck = (ack: unknown): ack is ErrorAck => {
  const a = ack as Partial<ErrorAck> | null;
  return (
    typeof a === 'object' &&
    a !== null &&
    a.ok === false &&
    typeof a.error?.code === 'string' &&
    typeof a.error.message === 'string' &&
    a.error.message.trim() !== ''
  );
};

function seedFor(key: string): number {
  let hash = SEED | 0;
  for (const ch of key) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return hash;
}

describe('socket fuzzing (every gateway event)', () => {
  let t: TestApp;
  const tokens: Record<'admin' | 'member', string> = { admin: '', member: '' };

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS: 'off' });
    const admin = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE username = $1`, [admin.user.username]);
    tokens.admin = admin.token;
    tokens.member = (await t.register()).token;
  }, 60_000);
  afterAll(() => t.close(), 30_000);

  /** Connects with the most privileged identity the namespace accepts (admin, then member, then guest). */
  async function connect(namespace: string): Promise<{ socket: Socket; as: string } | null> {
    for (const [as, token] of [
      ['admin', tokens.admin],
      ['member', tokens.member],
      ['guest', undefined],
    ] as const) {
      const socket = t.socket(namespace, token);
      try {
        await connected(socket);
        return { socket, as };
      } catch {
        socket.close();
      }
    }
    return null;
  }

  it('answers every bad payload with an error ack in 2 s and keeps the connection usable', async () => {
    const gateways = discoverGateways(t.app);
    expect(gateways.some((g) => g.events.includes('session:whoami'))).toBe(true);
    const forum = t.socket('/', tokens.member);
    await connected(forum);
    const failures: string[] = [];
    const skipped: string[] = [];
    let total = 0;

    for (const gateway of gateways) {
      const events = gateway.events.filter((e) => !ONLY || ONLY === `${gateway.namespace} ${e}`);
      if (events.length === 0) continue;
      const link = await connect(gateway.namespace);
      if (!link) {
        skipped.push(gateway.namespace);
        continue;
      }
      for (const event of events) {
        const key = `${gateway.namespace} ${event}`;
        total++;
        const property = fc.asyncProperty(badSocketPayload, async (payload) => {
          let ack: unknown;
          try {
            ack = await emitAck(link.socket, event, payload, 2000);
          } catch {
            ack = 'no ack within 2 s';
          }
          const what = `${link.as} ${key} payload=${truncate(payload, 200)} → ${truncate(ack, 200)}`;
          if (!isErrorAck(ack)) throw new Error(`not an error ack: ${what}`);
          if (ack.error.code === 'internal') throw new Error(`internal error: ${what}`);
          if (!link.socket.connected) throw new Error(`the server disconnected the socket: ${what}`);
        });
        const details = await fc.check(property, { numRuns: RUNS, seed: seedFor(key), endOnFailure: true });
        if (details.failed) {
          const error =
            details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
          failures.push(`${key}\n    ${error}\n    reproduce: FUZZ_ONLY="${key}" FUZZ_SEED=${SEED}`);
          if (!link.socket.connected) {
            link.socket.connect();
            await connected(link.socket).catch(() => undefined);
          }
        }
        // The forum connection still answers afterwards.
        const whoami = await emitAck<{ ok: boolean }>(forum, 'session:whoami', {}, 2000).catch(() => null);
        if (!whoami?.ok) failures.push(`${key}\n    session:whoami on "/" did not ack afterwards`);
      }
    }

    console.log(
      `Socket fuzzing: ${total} events × ${RUNS} payloads (seed ${SEED})${skipped.length ? `; could not connect to ${skipped.join(', ')}` : ''}`,
    );
    expect(skipped).toEqual([]);
    if (failures.length > 0)
      throw new Error(`${failures.length} event(s) mishandled bad payloads:\n\n${failures.join('\n\n')}`);
  }, 120_000);
});
