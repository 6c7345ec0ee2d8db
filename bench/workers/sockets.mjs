// Real socket.io clients, in their own process: connect many sockets, watch a thread or join a
// meeting, send chat messages, and record every arrival with its latency.
import { io } from 'socket.io-client';
import { serve } from '../lib/workers.mjs';
import { nowMs, sleep } from '../lib/util.mjs';

const MARKER = /\b(b[mc][0-9a-z]+x\d+) (\d+\.\d+)/;

/** Per marker: [sockets that received it, total receptions]; and every delivery latency. */
const receipts = new Map();
let latencies = [];
/** B8: every notification:new, as [threadId, count, receivedAt]. */
let notifications = [];
let sockets = [];
let workerTag = 'w';

function record(socketIndex, text) {
  const match = MARKER.exec(text ?? '');
  if (!match) return;
  const [, marker, sentAt] = match;
  // A sender's own chat message is not a delivery to count (the ack already answered it).
  if (marker.startsWith(`bc${workerTag}s${socketIndex}x`)) return;
  const socket = sockets[socketIndex];
  const seen = (socket.seen ??= new Map());
  const times = (seen.get(marker) ?? 0) + 1;
  seen.set(marker, times);
  const entry = receipts.get(marker) ?? [0, 0];
  if (times === 1) entry[0]++;
  entry[1]++;
  receipts.set(marker, entry);
  latencies.push(nowMs() - Number(sentAt));
}

function ack(socket, event, payload, timeoutMs = 30_000) {
  return socket.timeout(timeoutMs).emitWithAck(event, payload);
}

serve({
  /** Opens `tokens.length` sockets (null token = guest), at most `concurrency` handshakes at a time. */
  async connect({ url, namespace = '/', tokens, concurrency = 100, tag = 'w' }) {
    workerTag = tag;
    const started = nowMs();
    let failed = 0;
    let firstError = null;
    let next = 0;
    const opened = new Array(tokens.length);
    await Promise.all(
      Array.from({ length: Math.min(concurrency, tokens.length) }, async () => {
        while (next < tokens.length) {
          const i = next++;
          const socket = io(url + namespace, {
            transports: ['websocket'],
            auth: tokens[i] ? { token: tokens[i] } : {},
            reconnection: false,
            forceNew: true,
            timeout: 60_000,
          });
          try {
            await new Promise((resolve, reject) => {
              socket.once('connect', resolve);
              socket.once('connect_error', reject);
            });
            opened[i] = socket;
          } catch (error) {
            failed++;
            firstError ??= error instanceof Error ? error.message : String(error);
            socket.close();
          }
        }
      }),
    );
    sockets = opened.filter(Boolean);
    sockets.forEach((socket, index) => {
      socket.on('post:new', (post) => record(index, post.body));
      socket.on('message:new', (message) => record(index, message.body));
      socket.on('notification:new', ({ notification }) =>
        notifications.push([notification.thread?.id ?? null, notification.count, nowMs()]),
      );
    });
    return { connected: sockets.length, failed, firstError, ms: nowMs() - started };
  },

  /** Every socket watches the thread. */
  async watch({ threadId }) {
    const acks = await Promise.all(sockets.map((s) => ack(s, 'thread:watch', { threadId })));
    const bad = acks.filter((a) => !a.ok);
    return { watching: acks.length - bad.length, firstError: bad[0]?.error ?? null };
  },

  /** Every socket joins the meeting, a few at a time (each join reads the history). */
  async join({ meetingId, concurrency = 20 }) {
    let next = 0;
    let joined = 0;
    let firstError = null;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < sockets.length) {
          const a = await ack(sockets[next++], 'meeting:join', { meetingId });
          if (a.ok) joined++;
          else firstError ??= a.error;
        }
      }),
    );
    return { joined, firstError };
  },

  /** The first `senders` sockets send chat messages, `rate` per second in all, for `duration` s. */
  async send({ meetingId, senders, rate, duration }) {
    const sent = [];
    let failures = 0;
    let firstError = null;
    const interval = 1000 / rate;
    const start = nowMs();
    const total = Math.round(rate * duration);
    const inflight = [];
    for (let n = 0; n < total; n++) {
      const due = start + n * interval;
      const wait = due - nowMs();
      if (wait > 0) await sleep(wait);
      const s = n % senders;
      const sentAt = nowMs();
      const marker = `bc${workerTag}s${s}x${n}`;
      inflight.push(
        ack(sockets[s], 'message:send', {
          meetingId,
          clientId: crypto.randomUUID(),
          body: `Thank you all for being here — ${marker} ${sentAt.toFixed(3)}`,
        }).then(
          (a) => {
            if (a.ok) sent.push(marker);
            else {
              failures++;
              firstError ??= a.error;
            }
          },
          (error) => {
            failures++;
            firstError ??= String(error);
          },
        ),
      );
    }
    await Promise.all(inflight);
    return { sent, failures, firstError, elapsedMs: nowMs() - start };
  },

  /** What arrived so far; `reset` starts a new tally. */
  async report({ reset = true } = {}) {
    const out = { receipts: Object.fromEntries(receipts), latencies, notifications, sockets: sockets.length };
    if (reset) {
      receipts.clear();
      latencies = [];
      notifications = [];
      sockets.forEach((s) => s.seen?.clear());
    }
    return out;
  },

  async close() {
    sockets.forEach((s) => s.close());
    sockets = [];
    return { closed: true };
  },
});
