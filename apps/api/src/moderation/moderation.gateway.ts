import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Ack, QueueItemView } from '@kindred/contracts';
import type { Socket } from 'socket.io';
import { forbidden } from '../common/app-error.js';
import { SocketAuthService } from '../auth/socket-auth.service.js';
import { handleSocketEvent, socketUser } from '../common/socket.js';
import { ItemIdDto } from './dto/item-id.dto.js';
import { MODERATORS_ROOM, QueueEvents, type ModerationNamespace } from './queue/queue-events.js';
import { QueueService } from './queue/queue.service.js';

/** Namespace "/moderation": moderators and admins only, refused at the handshake otherwise. */
@WebSocketGateway({ namespace: '/moderation', path: '/socket.io', serveClient: false })
export class ModerationGateway implements OnGatewayInit<ModerationNamespace>, OnGatewayConnection<Socket> {
  private readonly logger = new Logger(ModerationGateway.name);

  constructor(
    private readonly socketAuth: SocketAuthService,
    private readonly events: QueueEvents,
    private readonly queue: QueueService,
  ) {}

  afterInit(server: ModerationNamespace): void {
    server.use(this.socketAuth.middleware({ roles: ['moderator', 'admin'] }));
    this.events.attach(server);
    this.logger.debug('Moderation namespace ready');
  }

  async handleConnection(socket: Socket): Promise<void> {
    await socket.join(MODERATORS_ROOM);
  }

  @SubscribeMessage('queue:claim')
  claim(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<{ item: QueueItemView }>> {
    return handleSocketEvent(socket, ItemIdDto, body, async (dto) => {
      const user = socketUser(socket);
      if (!user) throw forbidden();
      return { item: await this.queue.claim(user, dto.id) };
    });
  }
}
