import { Injectable } from '@nestjs/common';
import type { ThreadView } from '@kindred/contracts';

/** How long a guest's first page of a thread is served from memory at most. */
export const GUEST_PAGE_TTL_MS = 1_000;
const MAX_ENTRIES = 2_000;

/**
 * The first page of a thread as a guest sees it — the most common read, and the same for every
 * guest — kept for at most a second. Every write to threads, posts or reactions goes through
 * ThreadsRepository, which clears this cache after committing, so in one process a guest never
 * reads a page older than the last change; changes made elsewhere (another API process, an
 * account deletion) show within the TTL. Concurrent misses for one thread share one load.
 */
@Injectable()
export class GuestThreadPages {
  private readonly pages = new Map<string, { view: ThreadView; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<ThreadView>>();
  private epoch = 0;

  async get(threadId: string, load: () => Promise<ThreadView>): Promise<ThreadView> {
    const hit = this.pages.get(threadId);
    if (hit && hit.expiresAt > Date.now()) return hit.view;
    const pending = this.loading.get(threadId);
    if (pending) return pending;
    const epoch = this.epoch;
    const promise = load().then(
      (view) => {
        if (this.loading.get(threadId) === promise) this.loading.delete(threadId);
        if (epoch === this.epoch) {
          if (this.pages.size >= MAX_ENTRIES) this.pages.delete(this.pages.keys().next().value as string);
          this.pages.set(threadId, { view, expiresAt: Date.now() + GUEST_PAGE_TTL_MS });
        }
        return view;
      },
      (error: unknown) => {
        if (this.loading.get(threadId) === promise) this.loading.delete(threadId);
        throw error;
      },
    );
    this.loading.set(threadId, promise);
    return promise;
  }

  /** After any committed change to boards content. */
  clear(): void {
    this.epoch++;
    this.pages.clear();
    this.loading.clear();
  }
}
