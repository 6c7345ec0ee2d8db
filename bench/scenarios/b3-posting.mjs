// B3: 50 members posting replies to one thread while 100 sockets watch it.
import { runInWorker, startWorker } from '../lib/workers.mjs';
import { seedThread } from '../lib/seed.mjs';
import { quantile, sleep } from '../lib/util.mjs';

export async function run(ctx) {
  const { api, db, users, boardId, tokens, smoke } = ctx;
  const writers = smoke ? 5 : 50;
  const watchers = smoke ? 10 : 100;
  const duration = smoke ? 1 : 10;
  const threadId = await seedThread(db, {
    boardId,
    users: users.slice(0, 10),
    posts: 2,
    title: 'Daily check-in thread',
  });

  const watch = startWorker('sockets');
  try {
    const conn = await watch.call('connect', { url: api.url, tokens: Array(watchers).fill(null), tag: 'w3' });
    if (conn.failed) throw new Error(`watchers could not connect: ${conn.firstError}`);
    const w = await watch.call('watch', { threadId });
    if (w.watching !== watchers) throw new Error(`thread:watch failed: ${JSON.stringify(w.firstError)}`);
    await watch.call('report'); // reset

    // Writers are members 100..149 (their own rooms never overlap the guest watchers).
    const result = await runInWorker('http', 'post', {
      url: api.url,
      path: `/api/threads/${threadId}/posts`,
      tokens: tokens.slice(100, 100 + writers),
      duration,
      warmup: smoke ? 0 : 1,
    });
    await sleep(smoke ? 1000 : 3000);
    const seen = await watch.call('report');

    const measured = result.markers.filter((m) => m.measured).map((m) => m.marker);
    let lost = 0;
    let duplicated = 0;
    for (const m of result.markers) {
      const [distinct, total] = seen.receipts[m.marker] ?? [0, 0];
      lost += watchers - distinct;
      duplicated += total - distinct;
    }
    const postsPerSecond = measured.length / duration;
    const p99Delivery = quantile(seen.latencies, 0.99);
    const statuses = Object.entries(result.statuses)
      .map(([s, n]) => `${n}×${s}`)
      .join(', ');
    return {
      rows: [
        {
          id: 'B3',
          scenario: `${writers} members posting replies, ${watchers} sockets watching`,
          measured:
            `${postsPerSecond.toFixed(0)} posts/s; write p50 ${result.p50?.toFixed(1)} / p99 ${result.p99?.toFixed(1)} ms; ` +
            `delivery p50 ${quantile(seen.latencies, 0.5)?.toFixed(1)} / p99 ${p99Delivery?.toFixed(1)} ms (from request start); ` +
            `${seen.latencies.length.toLocaleString('en-US')} deliveries, ${lost} lost, ${duplicated} duplicated` +
            (result.firstError ? `; responses ${statuses}; first error: ${result.firstError}` : ''),
          target: '≥ 300 posts/s; every post delivered once',
          met: postsPerSecond >= 300 && lost === 0 && duplicated === 0 && !result.firstError,
        },
      ],
      data: { postsPerSecond, write: { p50: result.p50, p99: result.p99 }, p99Delivery, lost, duplicated, statuses },
    };
  } finally {
    await watch.call('close').catch(() => undefined);
    await watch.close();
  }
}
