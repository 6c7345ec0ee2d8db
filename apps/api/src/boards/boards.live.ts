import { Injectable } from '@nestjs/common';
import type {
  BoardActivityEvent,
  ClientToServerEvents,
  PostReactionsEvent,
  PostView,
  ServerToClientEvents,
  ThreadSummary,
} from '@kindred/contracts';
import type { Server } from 'socket.io';
import type { SocketData } from '../common/socket.js';

export type ForumServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const threadRoom = (threadId: string): string => `thread:${threadId}`;
export const boardRoom = (slug: string): string => `board:${slug}`;
/** Every signed-in socket joins its member's room, so a member's own view reaches only them. */
export const userRoom = (userId: string): string => `user:${userId}`;

/**
 * The one place forum events are emitted. Events go out after the change is committed. A post
 * goes to its thread's room in the shape a stranger sees (isMine: false) and, separately, to its
 * author's own room with isMine: true — so nobody else ever learns whose it is, and no
 * per-recipient database work is needed.
 */
@Injectable()
export class BoardsLive {
  private server: ForumServer | null = null;

  attach(server: ForumServer): void {
    this.server = server;
  }

  postNew(generic: PostView, own: PostView | null, authorId: string | null): void {
    this.toThreadAndAuthor('post:new', generic, own, authorId);
  }

  postUpdated(generic: PostView, own: PostView | null, authorId: string | null): void {
    this.toThreadAndAuthor('post:updated', generic, own, authorId);
  }

  /** The post left the thread for everyone but its author (held for review); they get their view. */
  postWithdrawn(threadId: string, postId: string, own: PostView | null, authorId: string | null): void {
    if (!this.server) return;
    const room = this.server.to(threadRoom(threadId));
    (authorId ? room.except(userRoom(authorId)) : room).emit('post:removed', { threadId, postId });
    if (authorId && own) this.server.to(userRoom(authorId)).emit('post:updated', own);
  }

  postReactions(event: PostReactionsEvent): void {
    this.server?.to(threadRoom(event.threadId)).emit('post:reactions', event);
  }

  threadUpdated(thread: ThreadSummary): void {
    this.server?.to([threadRoom(thread.id), boardRoom(thread.board.slug)]).emit('thread:updated', thread);
  }

  threadNew(thread: ThreadSummary): void {
    this.server?.to(boardRoom(thread.board.slug)).emit('thread:new', thread);
  }

  boardActivity(event: BoardActivityEvent): void {
    this.server?.to(boardRoom(event.slug)).emit('board:activity', event);
  }

  /**
   * People (not tabs) reading a thread now: signed-in members once each, guests once per client
   * (the daily client key), so opening a thousand guest sockets does not make a thousand readers.
   */
  async readers(threadId: string): Promise<number> {
    if (!this.server) return 0;
    const sockets = await this.server.in(threadRoom(threadId)).fetchSockets();
    return new Set(
      sockets.map((s) => {
        const data = s.data as { user?: { id: string } | null; clientKey?: string };
        return data.user ? `u:${data.user.id}` : `c:${data.clientKey ?? s.id}`;
      }),
    ).size;
  }

  async broadcastReaders(threadId: string): Promise<number> {
    const count = await this.readers(threadId);
    this.server?.to(threadRoom(threadId)).emit('thread:readers', { threadId, count });
    return count;
  }

  private toThreadAndAuthor(
    event: 'post:new' | 'post:updated',
    generic: PostView,
    own: PostView | null,
    authorId: string | null,
  ): void {
    if (!this.server) return;
    const room = this.server.to(threadRoom(generic.threadId));
    if (authorId && own) {
      room.except(userRoom(authorId)).emit(event, generic);
      this.server.to(userRoom(authorId)).emit(event, own);
    } else {
      room.emit(event, generic);
    }
  }
}
