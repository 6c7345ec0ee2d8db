import { WebSocketGateway, WebSocketServer, type OnGatewayConnection } from '@nestjs/websockets';
import type { ClientToServerEvents, NoticeView, ServerToClientEvents } from '@kindred/contracts';
import type { Server, Socket } from 'socket.io';
import { socketUser } from '../common/socket.js';

export const userRoom = (userId: string): string => `user:${userId}`;

/**
 * Namespace "/": delivers a member's own notices and suspension to their room `user:<id>`.
 * The session gateway authenticates the handshake; joining the room here as well is idempotent.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false })
export class MemberEventsGateway implements OnGatewayConnection<Socket> {
  @WebSocketServer()
  private readonly server!: Server<ClientToServerEvents, ServerToClientEvents>;

  async handleConnection(socket: Socket): Promise<void> {
    const user = socketUser(socket);
    if (user) await socket.join(userRoom(user.id));
  }

  notice(userId: string, notice: NoticeView): void {
    this.server.to(userRoom(userId)).emit('notice:new', { notice });
  }

  suspended(userId: string, until: Date | null, permanent: boolean): void {
    this.server
      .to(userRoom(userId))
      .emit('you:suspended', { until: permanent || !until ? null : until.toISOString(), permanent });
  }
}
