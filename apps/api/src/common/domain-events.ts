import { Injectable, Logger } from '@nestjs/common';

/**
 * In-process domain events, emitted after the change is committed. Features react to each
 * other through these instead of injecting each other's services (e.g. the library computes
 * related articles when a thread is created; moderation and safety react to new content).
 * Each feature adds its events to this map.
 */
export interface DomainEventMap {
  'thread.created': { threadId: string; boardId: string; authorId: string; title: string; body: string };
  'post.created': { postId: string; threadId: string; authorId: string; body: string };
  'post.edited': { postId: string; threadId: string; authorId: string; body: string; isOpeningPost: boolean };
  /** A session's lobby (or room) opened for the first time; its RSVPs are told (meetings → notifications). */
  'meeting.opening': { sessionId: string; meetingId: string };
  /** Items a feature wrote into the centre (milestones); notifications delivers them live. */
  'notifications.created': { ids: string[] };
}

type Handler<K extends keyof DomainEventMap> = (payload: DomainEventMap[K]) => Promise<void> | void;

@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly handlers = new Map<keyof DomainEventMap, Array<Handler<never>>>();

  on<K extends keyof DomainEventMap>(event: K, handler: Handler<K>): void {
    const list = this.handlers.get(event) ?? [];
    list.push(handler as Handler<never>);
    this.handlers.set(event, list);
  }

  /** Whether anything listens to this event (a caller may skip re-reading what no handler could change). */
  listens(event: keyof DomainEventMap): boolean {
    return (this.handlers.get(event)?.length ?? 0) > 0;
  }

  /** Runs every handler; one failing handler is logged and does not affect the others or the caller. */
  async emit<K extends keyof DomainEventMap>(event: K, payload: DomainEventMap[K]): Promise<void> {
    const list = (this.handlers.get(event) ?? []) as Array<Handler<K>>;
    await Promise.all(
      list.map(async (handler) => {
        try {
          await handler(payload);
        } catch (error) {
          this.logger.error(`A handler of ${event} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
  }
}
