// B1: the thread page under load, with the server's CPU per request; B1′: the same bytes from a bare server.
import { runInWorker, startWorker } from '../lib/workers.mjs';
import { fmt } from '../lib/util.mjs';
import { seedThread } from '../lib/seed.mjs';

async function commits(db) {
  const { rows } = await db.query(
    `SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Number(rows[0].n);
}

async function measure(ctx, label, headers) {
  const { api, db, meter, smoke } = ctx;
  const url = `${api.url}/api/threads/${ctx.b1ThreadId}`;
  const connections = smoke ? 10 : 50;
  const duration = smoke ? 1 : 15;
  await runInWorker('http', 'autocannon', { url, connections, duration: smoke ? 1 : 3, headers }); // warm-up
  const xactBefore = await commits(db);
  const stop = meter.start();
  const result = await runInWorker('http', 'autocannon', { url, connections, duration, headers });
  const cpu = stop();
  const xacts = (await commits(db)) - xactBefore;
  const cpuPerRequest = result.requests ? cpu.totalMs / result.requests : null;
  return { label, ...result, cpu, cpuPerRequest, xactsPerRequest: result.requests ? xacts / result.requests : null };
}

export async function run(ctx) {
  const { api, db, users, boardId } = ctx;
  ctx.b1ThreadId = await seedThread(db, {
    boardId,
    users: users.slice(0, 40),
    posts: 51,
    title: 'Still here after a hard week',
  });
  const sample = await fetch(`${api.url}/api/threads/${ctx.b1ThreadId}`);
  const body = Buffer.from(await sample.arrayBuffer());
  const page = JSON.parse(body.toString());
  if (sample.status !== 200) throw new Error(`GET thread answered ${sample.status}: ${body.toString().slice(0, 300)}`);

  const guest = await measure(ctx, 'guest', {});
  const member = await measure(ctx, 'member', { authorization: `Bearer ${ctx.tokens[0]}` });

  const bare = startWorker('bare-http');
  let bound;
  try {
    const { port } = await bare.call('listen', {
      body: body.toString('base64'),
      contentType: sample.headers.get('content-type') ?? 'application/json',
    });
    bound = await runInWorker('http', 'autocannon', {
      url: `http://127.0.0.1:${port}/`,
      connections: ctx.smoke ? 10 : 50,
      duration: ctx.smoke ? 1 : 15,
    });
  } finally {
    await bare.close();
  }

  const ratio = bound.rps ? guest.rps / bound.rps : null;
  const row = (m) => ({
    id: m.label === 'guest' ? 'B1' : 'B1 (member)',
    scenario: `thread page, ${m.label === 'guest' ? 'guest' : 'signed-in member'} (first 20 of 51 posts, reactions), 50 conn`,
    measured:
      `${fmt.int(m.rps)} req/s; p50 ${m.p50} ms, p99 ${m.p99} ms; ` +
      `CPU ${m.cpuPerRequest?.toFixed(2)} ms/req (API ${(m.cpu.apiMs / m.requests).toFixed(2)} + PG ${(m.cpu.dbMs / m.requests).toFixed(2)}); ` +
      `${fmt.int(m.bytesPerResponse)} B; ${m.xactsPerRequest?.toFixed(1)} DB statements/req` +
      (m.errors || m.non2xx ? `; ${m.errors} errors, ${m.non2xx} non-2xx` : ''),
    target: '≥ 1,000 req/s; ≤ 2 ms CPU/req',
    met: m.rps >= 1000 && m.cpuPerRequest !== null && m.cpuPerRequest <= 2 && !m.errors && !m.non2xx,
  });
  return {
    rows: [
      row(guest),
      row(member),
      {
        id: 'B1′',
        scenario: 'same bytes from a bare node:http server',
        measured: `${fmt.int(bound.rps)} req/s; p50 ${bound.p50} ms, p99 ${bound.p99} ms — B1 is ${ratio ? (ratio * 100).toFixed(1) : '–'}% of it`,
        target: 'the physical bound (report B1 as a ratio)',
        met: null,
      },
    ],
    data: { guest, member, bound, ratio, posts: page.posts?.items?.length, responseBytes: body.length },
  };
}
