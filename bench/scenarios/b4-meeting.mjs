// B4: one meeting, 300 participants, 10 chat messages a second for 60 s.
import { startWorker } from '../lib/workers.mjs';
import { quantile, signToken, sleep } from '../lib/util.mjs';
import { seedUsers } from '../lib/seed.mjs';

export async function run(ctx) {
  const { api, db, tokens, smoke, jwtSecret } = ctx;
  const participants = smoke ? 20 : 300;
  const rate = smoke ? 5 : 10;
  const duration = smoke ? 1 : 60;
  const [moderatorId] = await seedUsers(db, 1, 'bench_host', 'moderator');
  const created = await fetch(`${api.url}/api/meetings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${signToken(jwtSecret, moderatorId)}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Bench evening meeting',
      audience: 'members',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      timezone: 'UTC',
      durationMinutes: 120,
      capacity: 500,
    }),
  });
  const meeting = await created.json();
  if (created.status !== 201)
    throw new Error(`creating the meeting answered ${created.status}: ${JSON.stringify(meeting)}`);

  // Participants are members 200..499, in two client processes.
  const half = Math.ceil(participants / 2);
  const groups = [tokens.slice(200, 200 + half), tokens.slice(200 + half, 200 + participants)];
  const workers = groups.map(() => startWorker('sockets'));
  try {
    const conns = await Promise.all(
      workers.map((w, i) => w.call('connect', { url: api.url, namespace: '/chat', tokens: groups[i], tag: `m${i}` })),
    );
    const failedConn = conns.find((c) => c.failed);
    if (failedConn) throw new Error(`participants could not connect: ${failedConn.firstError}`);
    const joins = await Promise.all(workers.map((w) => w.call('join', { meetingId: meeting.id })));
    const joined = joins.reduce((n, j) => n + j.joined, 0);
    if (joined !== participants)
      throw new Error(
        `only ${joined} of ${participants} joined: ${JSON.stringify(joins[0].firstError ?? joins[1].firstError)}`,
      );
    await sleep(1000);
    await Promise.all(workers.map((w) => w.call('report'))); // reset (join history, presence)

    const sent = await workers[0].call('send', { meetingId: meeting.id, senders: 10, rate, duration });
    await sleep(2000);
    const reports = await Promise.all(workers.map((w) => w.call('report')));

    const latencies = reports.flatMap((r) => r.latencies);
    let lost = 0;
    let duplicated = 0;
    for (const marker of sent.sent) {
      let distinct = 0;
      let total = 0;
      for (const r of reports) {
        const [d, t] = r.receipts[marker] ?? [0, 0];
        distinct += d;
        total += t;
      }
      lost += participants - 1 - distinct; // everyone but the sender
      duplicated += total - distinct;
    }
    const p50 = quantile(latencies, 0.5);
    const p99 = quantile(latencies, 0.99);
    return {
      rows: [
        {
          id: 'B4',
          scenario: `one meeting, ${participants} participants, ${rate} msg/s for ${duration} s`,
          measured:
            `send→receive p50 ${p50?.toFixed(1)} / p99 ${p99?.toFixed(1)} ms over ${latencies.length.toLocaleString('en-US')} deliveries ` +
            `of ${sent.sent.length} messages; ${lost} lost; ${duplicated} duplicated` +
            (sent.failures ? `; ${sent.failures} sends refused (${JSON.stringify(sent.firstError)})` : ''),
          target: 'p99 ≤ 50 ms; 0 lost; 0 duplicated',
          met: p99 !== null && p99 <= 50 && lost === 0 && duplicated === 0 && sent.failures === 0,
        },
      ],
      data: { p50, p99, lost, duplicated, messages: sent.sent.length, failures: sent.failures },
    };
  } finally {
    await Promise.all(workers.map((w) => w.call('close').catch(() => undefined)));
    await Promise.all(workers.map((w) => w.close()));
  }
}
