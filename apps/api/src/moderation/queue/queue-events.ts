import { Injectable } from '@nestjs/common';
import type { ModerationClientToServerEvents, ModerationServerToClientEvents, QueueItemView } from '@kindred/contracts';
import type { Namespace } from 'socket.io';

export type ModerationNamespace = Namespace<ModerationClientToServerEvents, ModerationServerToClientEvents>;
export const MODERATORS_ROOM = 'moderators';

/** The one typed emitter for the "/moderation" namespace (the gateway attaches the namespace at start-up). */
@Injectable()
export class QueueEvents {
  private server: ModerationNamespace | null = null;

  attach(server: ModerationNamespace): void {
    this.server = server;
  }

  upsert(item: QueueItemView): void {
    this.server?.to(MODERATORS_ROOM).emit('queue:upsert', { item });
    if (item.priority === 'urgent' && item.status === 'open') {
      this.server?.to(MODERATORS_ROOM).emit('alert:urgent', { item });
    }
  }

  removed(id: string): void {
    this.server?.to(MODERATORS_ROOM).emit('queue:removed', { id });
  }

  claimed(id: string, by: string | null): void {
    this.server?.to(MODERATORS_ROOM).emit('queue:claimed', { id, by });
  }
}
