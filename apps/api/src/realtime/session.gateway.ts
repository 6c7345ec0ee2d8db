import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Ack, ClientToServerEvents, Role, ServerToClientEvents } from '@kindred/contracts';
import type { Server, Socket } from 'socket.io';
import { SocketAuthService } from '../auth/socket-auth.service.js';
import { handleSocketEvent, socketUser } from '../common/socket.js';
import { EmptyDto } from '../common/empty.dto.js';

/** Namespace "/": guests may connect read-only; a bad token is refused at the handshake. */
@WebSocketGateway({ path: '/socket.io', serveClient: false })
export class SessionGateway implements OnGatewayInit<Server<ClientToServerEvents, ServerToClientEvents>> {
  private readonly logger = new Logger(SessionGateway.name);

  constructor(private readonly socketAuth: SocketAuthService) {}

  afterInit(server: Server<ClientToServerEvents, ServerToClientEvents>): void {
    server.use(this.socketAuth.middleware());
    this.logger.debug('Forum namespace ready');
  }

  @SubscribeMessage('session:whoami')
  whoami(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ user: { username: string; role: Role } | null }>> {
    return handleSocketEvent(socket, EmptyDto, body ?? {}, () => {
      const user = socketUser(socket);
      return { user: user ? { username: user.username, role: user.role } : null };
    });
  }
}
