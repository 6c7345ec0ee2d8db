import type { AuthResponse, NotificationList, ThreadView } from '@kindred/contracts';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../apps/api/src/create-app.js';
import { JobQueue } from '../../apps/api/src/jobs/job-queue.service.js';
import { NotificationsService } from '../../apps/api/src/notifications/notifications.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Two API instances on one database share the fan-out jobs: each job runs in exactly one of
 * them, both take some, and every reply is notified once.
 */
describe('notification jobs shared by two processes', () => {
  let t: TestApp;
  let second: NestExpressApplication;

  beforeAll(async () => {
    t = await startTestApp();
    second = await createApp(t.config, t.config.databaseUrl!);
    await second.init();
    await Promise.all([t.app.get(JobQueue).ready(), second.get(JobQueue).ready()]);
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  it('runs each job once, in either process', async () => {
    const runs = [0, 0];
    [t.app, second].forEach((app, i) => {
      const service = app.get(NotificationsService);
      const original = service.fanOutPost.bind(service);
      service.fanOutPost = async (payload: unknown) => {
        runs[i]++;
        await original(payload);
      };
    });
    const author: AuthResponse = await t.register();
    const replier: AuthResponse = await t.register();
    const threads: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.api<ThreadView>('POST', '/api/boards/withdrawal-detox/threads', {
        token: author.token,
        body: { title: `Shared work ${i}`, body: 'Anyone?', anonymous: true },
      });
      threads.push(res.body.id);
    }
    await Promise.all(
      threads.map((id) =>
        t.api('POST', `/api/threads/${id}/posts`, { token: replier.token, body: { body: 'Here.', anonymous: true } }),
      ),
    );
    let list: NotificationList = { items: [], nextCursor: null, unread: 0 };
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      list = (await t.api<NotificationList>('GET', '/api/me/notifications?limit=50', { token: author.token })).body;
      if (list.items.length === threads.length) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(list.items).toHaveLength(threads.length);
    expect(list.items.every((i) => i.count === 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs[0] + runs[1]).toBe(threads.length * 2); // each opening post and each reply, once
    expect(runs[0]).toBeGreaterThan(0);
    expect(runs[1]).toBeGreaterThan(0);
  }, 60_000);
});
