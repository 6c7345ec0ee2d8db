import type { NotificationList, NotificationView, UnreadCounts } from '@kindred/contracts';
import { api, query } from './api';
import { session } from './session.svelte';
import { forumSocket, listen } from './socket';

/**
 * The member's notification centre: the unread count (header badge and page title) and the
 * items seen so far, kept live from their own socket room. Started once by the header.
 */
class NotificationsState {
  unread = $state(0);
  items = $state<NotificationView[]>([]);
  nextCursor = $state<string | null>(null);
  loaded = $state(false);
  private stop: (() => void) | null = null;
  private token: string | null = null;

  /** Follows the session: (re)connects for a member, clears for a guest. */
  sync(): void {
    if (session.token === this.token) return;
    this.stop?.();
    this.stop = null;
    this.token = session.token;
    this.unread = 0;
    this.items = [];
    this.nextCursor = null;
    this.loaded = false;
    if (!session.token) return;
    const socket = forumSocket();
    this.stop = listen(socket, () => void this.refresh(), {
      'notification:new': ({ notification, unread }) => {
        this.unread = unread;
        if (this.loaded) this.items = [notification, ...this.items.filter((i) => i.id !== notification.id)];
      },
      'notification:read': ({ ids, unread }) => {
        this.unread = unread;
        const now = new Date().toISOString();
        this.items = this.items.map((i) =>
          ids === null || ids.includes(i.id) ? { ...i, readAt: i.readAt ?? now } : i,
        );
      },
      // A moderation notice is a kind of the centre too.
      'notice:new': () => void this.refresh(),
    });
  }

  /** The first page (and the unread count). */
  async refresh(): Promise<void> {
    if (!session.token) return;
    const page = await api.get<NotificationList>(`/me/notifications${query({ limit: 20 })}`);
    this.unread = page.unread;
    this.items = page.items;
    this.nextCursor = page.nextCursor;
    this.loaded = true;
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor) return;
    const page = await api.get<NotificationList>(`/me/notifications${query({ limit: 20, cursor: this.nextCursor })}`);
    const known = new Set(this.items.map((i) => i.id));
    this.items = [...this.items, ...page.items.filter((i) => !known.has(i.id))];
    this.nextCursor = page.nextCursor;
    this.unread = page.unread;
  }

  async markRead(ids: string[] | 'all'): Promise<void> {
    const body = ids === 'all' ? { all: true } : { ids };
    if (ids !== 'all' && ids.length === 0) return;
    const { unread } = await api.post<{ unread: number }>('/me/notifications/read', body);
    this.unread = unread;
    const now = new Date().toISOString();
    this.items = this.items.map((i) => (ids === 'all' || ids.includes(i.id) ? { ...i, readAt: i.readAt ?? now } : i));
  }
}

export const notifications = new NotificationsState();

/** Where an item leads: the post in its thread, or the notice (with its appeal) for moderation kinds. */
export function notificationHref(item: NotificationView): string {
  if (item.noticeId) return '/notices';
  if (item.meeting) return `/meetings/${encodeURIComponent(item.meeting.id)}`;
  if (item.milestone) return '/account#milestones';
  if (item.thread) {
    const path = `/threads/${encodeURIComponent(item.thread.id)}`;
    return item.post ? `${path}#post-${encodeURIComponent(item.post.id)}` : path;
  }
  return '/notifications';
}

/** A milestone item offers (never forces) a prefilled new thread in Milestones & Wins. */
export function milestoneShareHref(item: NotificationView): string | null {
  if (!item.milestone) return null;
  return `/boards/milestones-wins?share=${encodeURIComponent(item.milestone.name)}`;
}

/**
 * "n new" on thread lists: each list item asks for its thread, and the asks of one render go out
 * as one request (GET /api/me/unread, at most 50 ids each). Guests ask nothing.
 */
class UnreadCountsState {
  counts = $state<Record<string, number>>({});
  private pending = new Set<string>();
  private scheduled = false;

  request(threadId: string): void {
    if (!session.token) return;
    this.pending.add(threadId);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const ids = [...this.pending];
    this.pending.clear();
    for (let i = 0; i < ids.length; i += 50) {
      const chunk = ids.slice(i, i + 50);
      try {
        const { threads } = await api.get<UnreadCounts>(`/me/unread${query({ threads: chunk.join(',') })}`);
        const next = { ...this.counts };
        for (const id of chunk) next[id] = threads[id] ?? 0;
        this.counts = next;
      } catch {
        /* the list still works without its counts */
      }
    }
  }
}

export const unreadCounts = new UnreadCountsState();
