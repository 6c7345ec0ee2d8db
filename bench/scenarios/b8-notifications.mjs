// B8: 50 members reply into threads that 1,000 members watch each; some of those watchers are
// connected and record each notification:new. Measures replies/s, notification delivery (reply
// sent → notification received, through the job queue) and the statements a reply costs.
import { runInWorker, startWorker } from '../lib/workers.mjs';
import { seedThread } from '../lib/seed.mjs';
import { quantile, sleep } from '../lib/util.mjs';

const MARKER = /\b(bm[0-9a-z]+x\d+) (\d+\.\d+)/;

async function statementCalls(db) {
  try {
    const { rows } = await db.query(
      `SELECT s.query, s.calls::int AS calls FROM pg_stat_statements s
         JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database()`,
    );
    return new Map(rows.map((r) => [r.query, r.calls]));
  } catch {
    return null; // pg_stat_statements not loaded (bench/probe.mjs loads it)
  }
}

// Statements of the job queue and the fan-out job, not of the request.
const JOB_SQL =
  /graphile_worker|notified_posts|job_backlog|FROM notifications|q\.alias|pg_stat_statements|kindred_users/;

export async function run(ctx) {
  const { api, db, users, tokens, boardId, smoke } = ctx;
  const threadCount = smoke ? 2 : 5;
  const watchersPerThread = smoke ? 50 : 1000;
  const connected = smoke ? 20 : 200; // watchers of each thread with an open socket
  const writers = smoke ? 4 : 50;
  const duration = smoke ? 1 : 10;
  const threads = [];
  for (let i = 0; i < threadCount; i++) {
    threads.push(await seedThread(db, { boardId, users: users.slice(0, 10), posts: 2, title: `Watched thread ${i}` }));
  }
  // Watchers are members 2000..2999 (300.. in a smoke run; writers are 150..199): every thread has the same ones.
  const from = smoke ? 300 : 2000;
  const watchers = users.slice(from, from + watchersPerThread);
  await db.query(
    `INSERT INTO thread_follows (user_id, thread_id, level)
     SELECT u, t, 'watching' FROM unnest($1::uuid[]) u, unnest($2::uuid[]) t ON CONFLICT DO NOTHING`,
    [watchers, threads],
  );
  await db.query(`UPDATE users SET auto_watch = false WHERE id = ANY($1::uuid[])`, [users.slice(150, 150 + writers)]);
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  } catch {
    /* not preloaded */
  }

  const listen = startWorker('sockets');
  try {
    const conn = await listen.call('connect', {
      url: api.url,
      tokens: tokens.slice(from, from + connected),
      tag: 'w8',
    });
    if (conn.failed) throw new Error(`watchers could not connect: ${conn.firstError}`);
    await listen.call('report');
    const before = await statementCalls(db);
    const perThread = Math.max(1, Math.floor(writers / threadCount));
    const results = await Promise.all(
      threads.map((threadId, i) =>
        runInWorker('http', 'post', {
          url: api.url,
          path: `/api/threads/${threadId}/posts`,
          tokens: tokens.slice(150 + i * perThread, 150 + (i + 1) * perThread),
          duration,
          warmup: 0,
        }),
      ),
    );
    const replies = results.reduce((n, r) => n + r.markers.length, 0);
    // Wait for the queue to drain (every job done), at most 60 s.
    const drainedBy = Date.now() + 60_000;
    for (;;) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs`);
      if (rows[0].n === 0 || Date.now() > drainedBy) break;
      await sleep(200);
    }
    await sleep(smoke ? 500 : 2000);
    const after = await statementCalls(db);
    const seen = await listen.call('report');

    // The k-th notification of a thread on a socket (count k) stands for the k-th reply in it.
    const { rows: posts } = await db.query(
      `SELECT thread_id AS "threadId", body FROM posts WHERE thread_id = ANY($1::uuid[]) AND body LIKE '%bench —%'
       ORDER BY created_at, id`,
      [threads],
    );
    const sentAt = new Map(threads.map((t) => [t, []]));
    for (const post of posts) {
      const match = MARKER.exec(post.body);
      if (match) sentAt.get(post.threadId).push(Number(match[2]));
    }
    const delivery = [];
    for (const [threadId, count, receivedAt] of seen.notifications) {
      const sent = sentAt.get(threadId)?.[count - 1];
      if (sent !== undefined) delivery.push(receivedAt - sent);
    }
    const expected = replies * connected;
    const { rows: stored } = await db.query(
      `SELECT coalesce(sum(count), 0)::int AS n FROM notifications WHERE thread_id = ANY($1::uuid[])`,
      [threads],
    );
    let requestStatements = null;
    if (before && after) {
      let total = 0;
      for (const [query, calls] of after) {
        const d = calls - (before.get(query) ?? 0);
        if (d > 0 && !JOB_SQL.test(query)) total += d;
      }
      requestStatements = total / replies;
    }
    const rate = replies / duration;
    const p50 = quantile(delivery, 0.5);
    const p99 = quantile(delivery, 0.99);
    return {
      rows: [
        {
          id: 'B8',
          scenario: `${writers} members replying into ${threadCount} threads of ${watchersPerThread.toLocaleString('en-US')} watchers each (${connected} connected per thread)`,
          measured:
            `${rate.toFixed(0)} replies/s; notification delivery p50 ${p50?.toFixed(0)} / p99 ${p99?.toFixed(0)} ms ` +
            `(reply sent → notification:new, through the job queue); ${seen.notifications.length.toLocaleString('en-US')} of ` +
            `${expected.toLocaleString('en-US')} live deliveries; ${stored[0].n.toLocaleString('en-US')} notifications stored ` +
            `(expected ${(replies * watchersPerThread).toLocaleString('en-US')}); ` +
            (requestStatements === null
              ? 'statements per reply: needs pg_stat_statements (bench/probe.mjs --only reply)'
              : `${requestStatements.toFixed(2)} request statements per reply (job statements excluded)`),
          target: 'request cost as B3 (1 statement); fan-out set-based in a job; every watcher notified',
          met: stored[0].n === replies * watchersPerThread && (requestStatements === null || requestStatements <= 1.5),
        },
      ],
      data: { rate, p50, p99, replies, stored: stored[0].n, requestStatements },
    };
  } finally {
    await listen.call('close').catch(() => undefined);
    await listen.close();
  }
}
