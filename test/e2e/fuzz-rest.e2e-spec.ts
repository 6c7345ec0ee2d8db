import fc from 'fast-check';
import { TokenService } from '../../apps/api/src/auth/token.service.js';
import { UsersRepository } from '../../apps/api/src/users/users.repository.js';
import { badBody, badPathValue, badQuery, type FuzzBody } from '../support/fuzz/arbitraries.js';
import { fillPath, queryString, RowCounter, truncate } from '../support/fuzz/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Property-based fuzzing of every REST operation in the OpenAPI document (so a new endpoint is
 * covered the day it is added). Reproduce with FUZZ_SEED=<seed> and narrow with
 * FUZZ_ONLY="POST /api/auth/login"; FUZZ_RUNS sets the cases per operation.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 9_2025);
const ONLY = process.env.FUZZ_ONLY ?? '';
const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Actor = 'guest' | 'member' | 'admin';
const ACTORS: Actor[] = ['guest', 'member', 'admin'];

interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string; properties?: Record<string, unknown> } }> };
}
interface OpenApiDocument {
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], OpenApiOperation>>>;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
}

interface Operation {
  key: string;
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyProps: string[];
}

interface FuzzCase {
  actor: Actor;
  pathValues: string[];
  query: Array<[string, string]>;
  body: FuzzBody;
}

function operations(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const ref = schema?.$ref?.split('/').pop();
      const props = Object.keys((ref ? doc.components?.schemas?.[ref]?.properties : schema?.properties) ?? {});
      const params = op.parameters ?? [];
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodyProps: props,
      });
    }
  }
  return ops;
}

/** A stable per-operation seed, so adding an endpoint does not change the cases of the others. */
function seedFor(key: string): number {
  let hash = SEED | 0;
  for (const ch of key) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return hash;
}

describe('REST fuzzing (every OpenAPI operation)', () => {
  let t: TestApp;
  let counter: RowCounter;
  const accounts: Partial<Record<Actor, { id: string; username: string }>> = {};

  beforeAll(async () => {
    // Limits would answer 429 before validation is reached; they have their own test (limits.e2e-spec.ts).
    t = await startTestApp({ RATE_LIMITS: 'off' });
    counter = await RowCounter.create(t.dataSource);
  }, 60_000);
  afterAll(() => t.close(), 30_000);

  /** Fresh tokens per operation: a fuzzed route may have signed the account out, suspended or demoted it. */
  async function tokens(): Promise<Record<Actor, string | undefined>> {
    const result: Record<Actor, string | undefined> = { guest: undefined, member: undefined, admin: undefined };
    for (const actor of ['member', 'admin'] as const) {
      let account = accounts[actor];
      let entity = account ? await t.app.get(UsersRepository).findById(account.id) : null;
      if (!entity) {
        const { user } = await t.register();
        const [{ id }] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM users WHERE username = $1', [
          user.username,
        ]);
        account = accounts[actor] = { id, username: user.username };
      }
      await t.dataSource.query('UPDATE users SET role = $2, suspended_until = NULL WHERE id = $1', [
        account!.id,
        actor,
      ]);
      entity = await t.app.get(UsersRepository).findById(account!.id);
      result[actor] = await t.app.get(TokenService).issue(entity!);
    }
    return result;
  }

  it('answers every bad input with a 4xx and a message, changes nothing when it rejects, and stays up', async () => {
    const docs = await t.api<OpenApiDocument>('GET', '/api/docs.json');
    expect(docs.status).toBe(200);
    const ops = operations(docs.body).filter((op) => !ONLY || op.key === ONLY);
    expect(ops.length).toBeGreaterThan(ONLY ? 0 : 3);
    const failures: string[] = [];
    const started = Date.now();

    for (const op of ops) {
      const token = await tokens();
      const arbitrary = fc.record({
        actor: fc.constantFrom(...ACTORS),
        pathValues: fc.array(badPathValue, { minLength: op.pathParams.length, maxLength: op.pathParams.length }),
        query: badQuery(op.queryParams),
        body: BODY_METHODS.has(op.method.toLowerCase())
          ? badBody(op.bodyProps)
          : fc.constant<FuzzBody>({ kind: 'none' }),
      });
      const property = fc.asyncProperty(arbitrary, async (c: FuzzCase) => {
        const url = fillPath(op.path, c.pathValues) + queryString(c.query);
        const before = await counter.counts();
        const res = await t.api<{ message?: unknown }>(op.method, url, {
          token: token[c.actor],
          ...(c.body.kind === 'json' ? { body: c.body.value } : c.body.kind === 'raw' ? { raw: c.body.text } : {}),
        });
        const sent = c.body.kind === 'json' ? c.body.value : c.body.kind === 'raw' ? c.body.text : '(no body)';
        const what = `${c.actor} ${op.method} ${truncate(url, 200)} body=${truncate(sent, 200)} → ${res.status} ${truncate(res.body, 200)}`;
        if (res.status >= 500) throw new Error(`server error: ${what}`);
        if (res.status >= 400) {
          const message = res.body?.message;
          if (typeof message !== 'string' || message.trim() === '') throw new Error(`4xx without a message: ${what}`);
          const changed = RowCounter.diff(before, await counter.counts());
          if (changed.length > 0) throw new Error(`rejected but changed rows (${changed.join(', ')}): ${what}`);
        }
      });
      const details = await fc.check(property, {
        numRuns: RUNS,
        seed: seedFor(op.key),
        endOnFailure: process.env.FUZZ_SHRINK !== '1',
      });
      if (details.failed) {
        const error =
          details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        failures.push(
          `${op.key}\n    ${error}\n    reproduce: FUZZ_ONLY="${op.key}" FUZZ_SEED=${SEED} (fast-check seed ${details.seed}, path ${details.counterexamplePath})`,
        );
      }

      if (BODY_METHODS.has(op.method.toLowerCase())) {
        const big = await t.api<{ message?: string }>(
          op.method,
          fillPath(
            op.path,
            op.pathParams.map(() => crypto.randomUUID()),
          ),
          {
            token: token.member,
            raw: JSON.stringify({ text: 'x'.repeat(70_000) }),
          },
        );
        if (big.status !== 413 || !big.body?.message)
          failures.push(`${op.key}\n    a 70 KB body answered ${big.status}, expected 413`);
      }
      const health = await t.api('GET', '/api/health');
      if (health.status !== 200) failures.push(`${op.key}\n    /api/health answered ${health.status} afterwards`);
      const polluted = Object.keys(Object.prototype).concat(
        ['polluted', 'isAdmin', 'role'].filter((k) => (({}) as Record<string, unknown>)[k] !== undefined),
      );
      if (polluted.length > 0) failures.push(`${op.key}\n    Object.prototype was polluted: ${polluted.join(', ')}`);
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`REST fuzzing: ${ops.length} operations × ${RUNS} cases in ${seconds} s (seed ${SEED})`);
    if (failures.length > 0) {
      throw new Error(`${failures.length} operation(s) mishandled bad input:\n\n${failures.join('\n\n')}`);
    }
  }, 180_000);
});
