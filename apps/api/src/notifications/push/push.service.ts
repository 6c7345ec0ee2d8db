import { Agent } from 'node:https';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { PushKeyView } from '@kindred/contracts';
import webpush, { WebPushError } from 'web-push';
import type { AuthUser } from '../../auth/auth-user.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { localeOf } from '../../i18n/message.js';
import { JobQueue } from '../../jobs/job-queue.service.js';
import { pushPayload } from './push-payload.js';
import { PushRepository, type PushTarget } from './push.repository.js';

export const SEND_PUSH_JOB = 'send_push';
/** Pushes sent at once; a fan-out to a thousand devices goes out in batches of this many. */
const BATCH = 50;

/**
 * Web Push (the `web-push` package, VAPID). Subscriptions are opt-in per device; pushes are sent
 * only by the `send_push` job (enqueued by a trigger on new items of the centre), never in a
 * request. A 404 or 410 from the push service means the device unsubscribed: it is deleted.
 */
@Injectable()
export class PushService implements OnModuleInit {
  private readonly logger = new Logger(PushService.name);
  private readonly agent: Agent | undefined;

  constructor(
    private readonly repo: PushRepository,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Tests only (PUSH_TEST_CA_FILE): trust the local https stub's self-signed certificate.
    this.agent = config.push.testCa ? new Agent({ ca: config.push.testCa }) : undefined;
  }

  onModuleInit(): void {
    this.jobs.register(SEND_PUSH_JOB, (payload) => this.send(payload));
  }

  key(): PushKeyView {
    return { publicKey: this.config.push.publicKey };
  }

  async subscribe(user: AuthUser, dto: { endpoint: string; keys: { p256dh: string; auth: string } }): Promise<void> {
    await this.repo.upsert(user.id, user.sessionId ?? null, dto.endpoint, dto.keys.p256dh, dto.keys.auth);
  }

  async unsubscribe(user: AuthUser, endpoint: string): Promise<void> {
    await this.repo.remove(user.id, endpoint);
  }

  /** The job: one read of every device to reach, sends in batches, one delete of the gone ones. */
  async send(payload: unknown): Promise<void> {
    const ids = (payload as { ids?: unknown } | null)?.ids;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
      this.logger.warn('A send_push job without ids was skipped.');
      return;
    }
    const targets = await this.repo.targets(ids as string[]);
    const gone: string[] = [];
    let failed = 0;
    for (let i = 0; i < targets.length; i += BATCH) {
      const results = await Promise.allSettled(targets.slice(i, i + BATCH).map((target) => this.sendOne(target)));
      results.forEach((result, j) => {
        if (result.status === 'fulfilled') return;
        const error: unknown = result.reason;
        if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
          gone.push(targets[i + j].subscriptionId);
        } else {
          failed += 1;
        }
      });
    }
    await this.repo.removeGone(gone);
    if (failed > 0)
      this.logger.warn(`${failed} push(es) could not be delivered (the push service did not accept them).`);
  }

  private sendOne(target: PushTarget): Promise<unknown> {
    const body = JSON.stringify(pushPayload(target, target.titles, localeOf(target.locale)));
    return webpush.sendNotification(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      body,
      {
        vapidDetails: {
          subject: this.config.push.subject,
          publicKey: this.config.push.publicKey,
          privateKey: this.config.push.privateKey,
        },
        TTL: 6 * 3600,
        timeout: 10_000,
        ...(this.agent ? { agent: this.agent } : {}),
      },
    );
  }
}
