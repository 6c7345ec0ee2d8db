import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ThreadsService } from '../boards/threads.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PrivacyRepository } from './privacy.repository.js';

const BATCH = 100;

/**
 * Carries out "erase my posts" after the account is gone: every few seconds it erases the posts
 * and chat messages whose random moment has come. Each post is erased as its author would delete
 * it alone (ThreadsService.erasePost), so nothing a reader sees or hears links the erasures.
 * Any process may run it: a row is taken by one process only (SKIP LOCKED).
 */
@Injectable()
export class PrivacyEraser implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PrivacyEraser.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly repo: PrivacyRepository,
    private readonly threads: ThreadsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Often enough that erasures spread over the window stay spread (1–30 s between passes).
    const every = Math.min(30_000, Math.max(1000, (this.config.eraseWindowSeconds * 1000) / 50));
    this.timer = setInterval(() => void this.sweep(), every);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass: erases what is due; answers how many posts and messages it erased (public for tests). */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let erased = 0;
    try {
      for (;;) {
        const due = await this.repo.takeDueErasures(BATCH);
        for (const postId of due.posts) await this.threads.erasePost(postId);
        erased += due.posts.length + due.chatMessages;
        if (due.posts.length + due.chatMessages < BATCH) break;
      }
    } catch (error) {
      this.logger.error(`Erasing posts failed; will retry: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
    return erased;
  }
}
