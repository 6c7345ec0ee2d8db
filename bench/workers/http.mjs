// HTTP load, in its own process: autocannon for throughput, a keep-alive closed loop for latency
// percentiles, and concurrent writers for the posting scenario.
import autocannon from 'autocannon';
import http from 'node:http';
import { serve } from '../lib/workers.mjs';
import { nowMs, quantile } from '../lib/util.mjs';

function request(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

serve({
  /** Throughput with autocannon: req/s, latency percentiles, bytes. */
  async autocannon({ url, connections, duration, amount, headers = {} }) {
    const length = amount ? { amount } : { duration };
    const result = await autocannon({ url, connections, ...length, headers, pipelining: 1 });
    return {
      requests: result.requests.total,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      bytesPerResponse: result.requests.total ? result.throughput.total / result.requests.total : 0,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      durationS: result.duration,
    };
  },

  /** `concurrency` keep-alive loops over `urls` for `duration` s: every request's latency in ms. */
  async latency({ urls, concurrency, duration, headers = {} }) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const end = nowMs() + duration * 1000;
    const latencies = [];
    let failures = 0;
    let i = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (nowMs() < end) {
          const url = urls[i++ % urls.length];
          const start = nowMs();
          const res = await request(agent, url, { headers });
          if (res.status !== 200) failures++;
          else latencies.push(nowMs() - start);
        }
      }),
    );
    agent.destroy();
    return {
      count: latencies.length,
      failures,
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
      p99: quantile(latencies, 0.99),
    };
  },

  /**
   * One loop per token, each posting replies to `path` back to back for `duration` s (or until
   * it has sent `perWriter`). Each body
   * carries a marker with the send time, so watchers can measure delivery without a shared table.
   */
  async post({ url, path, tokens, duration, warmup = 0, perWriter = Infinity }) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: tokens.length });
    const end = nowMs() + (warmup + duration) * 1000;
    const measureFrom = nowMs() + warmup * 1000;
    const latencies = [];
    const markers = [];
    const statuses = {};
    let firstError = null;
    await Promise.all(
      tokens.map(async (token, w) => {
        for (let seq = 0; nowMs() < end && seq < perWriter; seq++) {
          const sentAt = nowMs();
          const marker = `bm${w}x${seq}`;
          const body = JSON.stringify({
            body: `Checking in from the bench — ${marker} ${sentAt.toFixed(3)}. Today was steady and I am grateful.`,
            anonymous: w % 2 === 0,
          });
          const res = await request(agent, url + path, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
            body,
          });
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status === 201 || res.status === 200) {
            markers.push({ marker, sentAt, measured: sentAt >= measureFrom });
            if (sentAt >= measureFrom) latencies.push(nowMs() - sentAt);
          } else {
            firstError ??= `${res.status} ${res.body.toString().slice(0, 300)}`;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
      }),
    );
    agent.destroy();
    return {
      posts: latencies.length,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      markers,
      statuses,
      firstError,
    };
  },
});
