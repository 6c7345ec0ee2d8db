// B5: many idle, authenticated sockets: the API's memory per socket and the handshake rate.
import { startWorker } from '../lib/workers.mjs';
import { rssBytes, sleep } from '../lib/util.mjs';

export async function run(ctx) {
  const { api, tokens, smoke } = ctx;
  const target = smoke ? 200 : 10_000;
  const processes = smoke ? 1 : 4;
  const per = Math.ceil(target / processes);
  await sleep(2000);
  const rssBefore = rssBytes(api.pid);
  const workers = Array.from({ length: processes }, () => startWorker('sockets'));
  try {
    const started = performance.now();
    const results = await Promise.all(
      workers.map((w, i) =>
        w.call('connect', {
          url: api.url,
          tokens: tokens.slice(i * per, Math.min(target, (i + 1) * per)),
          concurrency: 50,
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const connected = results.reduce((n, r) => n + r.connected, 0);
    const failed = results.reduce((n, r) => n + r.failed, 0);
    await sleep(3000);
    const rssAfter = rssBytes(api.pid);
    const perSocket = connected ? (rssAfter - rssBefore) / connected : null;
    const handshakes = connected / seconds;
    return {
      rows: [
        {
          id: 'B5',
          scenario: `${target.toLocaleString('en-US')} idle authenticated sockets (forum namespace)`,
          measured:
            `${connected.toLocaleString('en-US')} connected${failed ? `, ${failed} failed (${results.find((r) => r.firstError)?.firstError})` : ''}; ` +
            `${(perSocket / 1024).toFixed(1)} KB RSS per socket (${(rssBefore / 1048576).toFixed(0)} → ${(rssAfter / 1048576).toFixed(0)} MB); ` +
            `${handshakes.toFixed(0)} handshakes/s`,
          target: '≤ 100 KB per socket',
          met: connected === target && perSocket !== null && perSocket <= 100 * 1024,
        },
      ],
      data: { connected, failed, perSocket, handshakes, rssBefore, rssAfter },
    };
  } finally {
    await Promise.all(workers.map((w) => w.call('close').catch(() => undefined)));
    await Promise.all(workers.map((w) => w.close()));
  }
}
