import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { ClientToServerEvents, NotificationView, ServerToClientEvents } from '@kindred/contracts';
import type { Server } from 'socket.io';

const userRoom = (userId: string): string => `user:${userId}`;

/**
 * Namespace "/": a member's notifications reach only their own room `user:<id>` (joined at
 * connection by the session gateway). With Redis the emit reaches their tabs on every process.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false })
export class NotificationsGateway {
  @WebSocketServer()
  private readonly server!: Server<ClientToServerEvents, ServerToClientEvents>;

  created(userId: string, notification: NotificationView, unread: number): void {
    this.server.to(userRoom(userId)).emit('notification:new', { notification, unread });
  }

  read(userId: string, ids: string[] | null, unread: number): void {
    this.server.to(userRoom(userId)).emit('notification:read', { ids, unread });
  }
}
