// B2: board page and thread page latency as the posts table grows from 10k to 1M rows.
import { runInWorker } from '../lib/workers.mjs';
import { growPosts, seedBoard } from '../lib/seed.mjs';
import { nowMs } from '../lib/util.mjs';

export async function run(ctx) {
  const { api, db, users, smoke } = ctx;
  const sizes = smoke ? [2_000, 4_000, 8_000] : [10_000, 100_000, 1_000_000];
  const labels = smoke ? ['2k', '4k', '8k'] : ['10k', '100k', '1M'];
  const slug = 'bench-big';
  ctx.bigBoardId = await seedBoard(db, slug, 'Bench: big board');
  let probe = null;
  const results = [];
  for (const [i, size] of sizes.entries()) {
    const started = nowMs();
    const added = await growPosts(db, { boardId: ctx.bigBoardId, users: users.slice(0, 200), totalPosts: size });
    const seedSeconds = (nowMs() - started) / 1000;
    probe ??= added[Math.floor(added.length / 2)];
    ctx.b2ProbeThreadId = probe;
    const common = { concurrency: 4, duration: smoke ? 1 : 5 };
    const board = await runInWorker('http', 'latency', { ...common, urls: [`${api.url}/api/boards/${slug}/threads`] });
    const thread = await runInWorker('http', 'latency', { ...common, urls: [`${api.url}/api/threads/${probe}`] });
    // Signed in, the thread page is never served from the guest page cache: its queries run every time.
    const member = await runInWorker('http', 'latency', {
      ...common,
      urls: [`${api.url}/api/threads/${probe}`],
      headers: { authorization: `Bearer ${ctx.tokens[1]}` },
    });
    results.push({ size, label: labels[i], seedSeconds, board, thread, member });
  }
  const first = results[0];
  const last = results.at(-1);
  const growth = (key) => (first[key].p95 ? last[key].p95 / first[key].p95 : null);
  const NAMES = {
    board: ['B2 board', 'board page (20 threads)'],
    thread: ['B2 thread', 'thread page (20 posts), guest'],
    member: ['B2 thread (member)', 'thread page (20 posts), signed-in member (uncached)'],
  };
  const rows = ['board', 'thread', 'member'].map((key) => {
    const g = growth(key);
    const worst = Math.max(...results.map((r) => r[key].p95 ?? Infinity));
    return {
      id: NAMES[key][0],
      scenario: `${NAMES[key][1]} at ${labels.join(' / ')} posts, 4 conn`,
      measured:
        results.map((r) => `${r.label}: p50 ${r[key].p50?.toFixed(1)} / p95 ${r[key].p95?.toFixed(1)} ms`).join('; ') +
        `; growth ×${g?.toFixed(2)}` +
        (results.some((r) => r[key].failures) ? `; ${results.reduce((n, r) => n + r[key].failures, 0)} failures` : ''),
      target: 'p95 ≤ 20 ms; growth ≤ 2× (10k → 1M)',
      met: worst <= 20 && g !== null && g <= 2 && !results.some((r) => r[key].failures),
    };
  });
  return { rows, data: results };
}
