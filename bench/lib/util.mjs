// Small helpers shared by the benchmark harness and its load workers.
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';

export const ROOT = new URL('../..', import.meta.url).pathname;

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes on one machine. */
export const nowMs = () => performance.timeOrigin + performance.now();

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The q-quantile (0..1) of numbers, nearest-rank; null for none. */
export function quantile(values, q) {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** A HS256 JWT exactly like the API's TokenService issues ({ sub, ver }), signed with the bench's JWT_SECRET. */
export function signToken(secret, userId, tokenVersion = 0) {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: userId, ver: tokenVersion, iat, exp: iat + 86400 })}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime + stime of one process, in milliseconds (0 if it is gone). */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** Children of a process (PostgreSQL backends and helpers are children of the postmaster). */
export function childPids(pid) {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (parentOf(Number(entry)) === pid) out.push(Number(entry));
  }
  return out;
}

export { parentOf };

/** Resident memory of a process in bytes. */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * A CPU meter over the API process and every process of the PostgreSQL server (the postmaster's
 * children: one backend per connection, plus its helpers). Processes that appear during the
 * window count from zero.
 */
export function cpuMeter(apiPid, postmasterPid) {
  const pids = () => [apiPid, ...(postmasterPid ? [postmasterPid, ...childPids(postmasterPid)] : [])];
  const snapshot = () => new Map(pids().map((pid) => [pid, cpuMs(pid)]));
  return {
    start() {
      const before = snapshot();
      return () => {
        const after = snapshot();
        let api = 0;
        let db = 0;
        for (const [pid, ms] of after) {
          const delta = ms - (before.get(pid) ?? 0);
          if (pid === apiPid) api += delta;
          else db += Math.max(0, delta);
        }
        return { apiMs: api, dbMs: db, totalMs: api + db };
      };
    },
  };
}

export const fmt = {
  int: (v) => (v === null || v === undefined || Number.isNaN(v) ? '–' : Math.round(v).toLocaleString('en-US')),
  ms: (v, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? '–' : `${v.toFixed(digits)} ms`),
  kb: (bytes) => (bytes === null || bytes === undefined ? '–' : `${(bytes / 1024).toFixed(1)} KB`),
};
