import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Ack } from '@kindred/contracts';
import type { Socket } from 'socket.io';
import { handleSocketEvent, socketUser } from '../common/socket.js';
import { BoardsLive, boardRoom, threadRoom, userRoom, type ForumServer } from './boards.live.js';
import { BoardsService } from './boards.service.js';
import { WatchBoardDto } from './dto/search.dto.js';
import { WatchThreadDto } from './dto/threads.dto.js';
import { ThreadsService } from './threads.service.js';

/**
 * Live threads and boards on namespace "/". The handshake is authenticated by the session
 * gateway's middleware on the same server (guests connect read-only).
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false })
export class BoardsGateway implements OnGatewayInit<ForumServer>, OnGatewayConnection<Socket> {
  constructor(
    private readonly live: BoardsLive,
    private readonly threads: ThreadsService,
    private readonly boards: BoardsService,
  ) {}

  afterInit(server: ForumServer): void {
    this.live.attach(server);
  }

  handleConnection(socket: Socket): void {
    const user = socketUser(socket);
    if (user) void socket.join(userRoom(user.id));
    // Reader counts drop when a tab closes: recount the threads it was watching once it has left.
    let watched: string[] = [];
    socket.on('disconnecting', () => {
      watched = [...socket.rooms].filter((room) => room.startsWith('thread:')).map((room) => room.slice(7));
    });
    socket.on('disconnect', () => {
      for (const threadId of watched) void this.live.broadcastReaders(threadId);
    });
  }

  @SubscribeMessage('thread:watch')
  watchThread(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ threadId: string; readers: number }>> {
    return handleSocketEvent(socket, WatchThreadDto, body, async ({ threadId }) => {
      await this.threads.assertReadable(threadId, socketUser(socket));
      await socket.join(threadRoom(threadId));
      const readers = await this.live.broadcastReaders(threadId);
      return { threadId, readers };
    });
  }

  @SubscribeMessage('thread:unwatch')
  unwatchThread(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<{ threadId: string }>> {
    return handleSocketEvent(socket, WatchThreadDto, body, async ({ threadId }) => {
      if (socket.rooms.has(threadRoom(threadId))) {
        await socket.leave(threadRoom(threadId));
        await this.live.broadcastReaders(threadId);
      }
      return { threadId };
    });
  }

  @SubscribeMessage('board:watch')
  watchBoard(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<{ slug: string }>> {
    return handleSocketEvent(socket, WatchBoardDto, body, async ({ slug }) => {
      await this.boards.require(slug);
      await socket.join(boardRoom(slug));
      return { slug };
    });
  }

  @SubscribeMessage('board:unwatch')
  unwatchBoard(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<{ slug: string }>> {
    return handleSocketEvent(socket, WatchBoardDto, body, async ({ slug }) => {
      await socket.leave(boardRoom(slug));
      return { slug };
    });
  }
}
