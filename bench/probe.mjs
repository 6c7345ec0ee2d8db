// `node bench/probe.mjs`: measures work, not time, for the hot paths — a fixed number of requests
// against the production build and a fresh embedded PostgreSQL, reporting server CPU per request
// (API + PostgreSQL processes), SQL statements per request (pg_stat_statements, BEGIN/COMMIT
// included) and the statements themselves. Wall-clock figures are printed too, but on a shared
// machine only the work figures compare across runs.
//
// Options: --only guest,member,board,reply  --requests 3000  --connections 20  --writers 20  --posts 30
//          (replies per writer)  --cpu-prof <dir> (the API runs under `node --cpu-prof`)
//          --root <checkout> (run that checkout's API build, e.g. a `git worktree` of the commit before a
//          fix, for a before/after on the same machine state)
//          --no-build (measure apps/api/dist as it is)  --pg name=value (a PostgreSQL setting; repeatable)
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildIfStale } from '../scripts/build-if-stale.mjs';
import { startApi } from './lib/api-process.mjs';
import { startDatabase } from './lib/database.mjs';
import { growPosts, seedBoard, seedThread, seedUsers } from './lib/seed.mjs';
import { cpuMeter, nowMs, signToken } from './lib/util.mjs';
import { runInWorker } from './lib/workers.mjs';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string', default: 'guest,member,reply' },
    requests: { type: 'string', default: '3000' },
    connections: { type: 'string', default: '20' },
    writers: { type: 'string', default: '20' },
    posts: { type: 'string', default: '30' },
    'cpu-prof': { type: 'string' },
    top: { type: 'string', default: '8' },
    'no-build': { type: 'boolean', default: false },
    pg: { type: 'string', multiple: true, default: [] },
    root: { type: 'string' },
  },
});
const only = new Set(args.only.split(','));
const log = (line) => process.stdout.write(`${line}\n`);

async function statements(db) {
  const { rows } = await db.query(
    `SELECT s.query, s.calls::int AS calls FROM pg_stat_statements s
       JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database()`,
  );
  return new Map(rows.map((r) => [r.query, r.calls]));
}

async function measured(ctx, label, count, run) {
  const before = await statements(ctx.db);
  const stop = ctx.meter.start();
  const t0 = nowMs();
  const extra = await run();
  const seconds = (nowMs() - t0) / 1000;
  const cpu = stop();
  const after = await statements(ctx.db);
  const deltas = [];
  let total = 0;
  for (const [query, calls] of after) {
    const d = calls - (before.get(query) ?? 0);
    if (d > 0 && !/pg_stat_statements/.test(query)) {
      deltas.push([query, d]);
      total += d;
    }
  }
  deltas.sort((a, b) => b[1] - a[1]);
  log(`\n## ${label}: ${count} requests in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)}/s, wall clock)`);
  log(
    `CPU ${(cpu.totalMs / count).toFixed(2)} ms/req (API ${(cpu.apiMs / count).toFixed(2)} + PG ${(cpu.dbMs / count).toFixed(2)}); ` +
      `${(total / count).toFixed(2)} SQL statements/req`,
  );
  if (extra) log(extra);
  for (const [query, calls] of deltas.slice(0, Number(args.top))) {
    log(`  ${(calls / count).toFixed(2)}/req  ${query.replace(/\s+/g, ' ').slice(0, 150)}`);
  }
}

async function main() {
  if (!args['no-build']) buildIfStale({ only: ['@kindred/contracts', '@kindred/safety', '@kindred/api'] });
  const database = await startDatabase({
    extraFlags: ['-c', 'shared_preload_libraries=pg_stat_statements', ...args.pg.flatMap((s) => ['-c', s])],
  });
  const jwtSecret = randomBytes(32).toString('hex');
  const db = new pg.Client({ connectionString: database.url });
  let api = null;
  try {
    api = await startApi({
      databaseUrl: database.url,
      jwtSecret,
      aliasSecret: randomBytes(32).toString('hex'),
      env: { RATE_LIMITS: 'off', NEW_MEMBER_HOURS: '0' },
      ...(args.root ? { root: args.root } : {}),
      nodeArgs: args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : [],
    });
    await db.connect();
    await db.query(`SET kindred.no_notify = 'on'`);
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const users = await seedUsers(db, 300, 'probe');
    const tokens = users.map((id) => signToken(jwtSecret, id));
    const boardId = await seedBoard(db, 'probe', 'Probe board');
    const threadId = await seedThread(db, { boardId, users: users.slice(0, 40), posts: 51, title: 'Probe thread' });
    await growPosts(db, { boardId, users: users.slice(0, 40), totalPosts: 2_000 });
    const ctx = { db, meter: cpuMeter(api.pid, database.postmasterPid) };
    const requests = Number(args.requests);
    const connections = Number(args.connections);
    const url = `${api.url}/api/threads/${threadId}`;

    for (const [label, headers] of [
      ['guest', {}],
      ['member', { authorization: `Bearer ${tokens[0]}` }],
    ]) {
      if (!only.has(label)) continue;
      await runInWorker('http', 'autocannon', { url, connections, amount: Math.ceil(requests / 3), headers });
      await measured(ctx, `GET /api/threads/:id (${label})`, requests, async () => {
        const r = await runInWorker('http', 'autocannon', { url, connections, amount: requests, headers });
        return `p50 ${r.p50} ms, p99 ${r.p99} ms; ${r.errors} errors, ${r.non2xx} non-2xx`;
      });
    }

    if (only.has('board')) {
      const boardUrl = `${api.url}/api/boards/probe/threads`;
      await runInWorker('http', 'autocannon', { url: boardUrl, connections, amount: Math.ceil(requests / 3) });
      await measured(ctx, 'GET /api/boards/:slug/threads (guest)', requests, async () => {
        const r = await runInWorker('http', 'autocannon', { url: boardUrl, connections, amount: requests });
        return `p50 ${r.p50} ms, p99 ${r.p99} ms; ${r.errors} errors, ${r.non2xx} non-2xx`;
      });
    }

    if (only.has('reply')) {
      const replyThread = await seedThread(db, {
        boardId,
        users: users.slice(0, 10),
        posts: 2,
        title: 'Probe replies',
      });
      const writers = Number(args.writers);
      const perWriter = Number(args.posts);
      const post = (perWriterCount) =>
        runInWorker('http', 'post', {
          url: api.url,
          path: `/api/threads/${replyThread}/posts`,
          tokens: tokens.slice(100, 100 + writers),
          duration: 600,
          perWriter: perWriterCount,
        });
      await post(3);
      await measured(ctx, `POST /api/threads/:id/posts (${writers} writers)`, writers * perWriter, async () => {
        const r = await post(perWriter);
        const statuses = Object.entries(r.statuses)
          .map(([s, n]) => `${n}×${s}`)
          .join(', ');
        return `write p50 ${r.p50?.toFixed(1)} ms, p99 ${r.p99?.toFixed(1)} ms; ${statuses}${r.firstError ? `; ${r.firstError}` : ''}`;
      });
    }
  } finally {
    await db.end().catch(() => undefined);
    await api?.stop();
    await database.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`probe failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
