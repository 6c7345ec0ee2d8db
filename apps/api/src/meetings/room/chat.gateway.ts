import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Ack, ChatMessageView, JoinResult } from '@kindred/contracts';
import type { Socket } from 'socket.io';
import { SocketAuthService } from '../../auth/socket-auth.service.js';
import { handleSocketEvent, socketUser } from '../../common/socket.js';
import {
  CallHandDto,
  JoinDto,
  MeetingRefDto,
  MuteDto,
  ParticipantRefDto,
  RemoveMessageDto,
  SendMessageDto,
  SlowModeDto,
} from '../dto/chat.dto.js';
import { ChatEmitter, userRoom, type ChatNamespace } from './chat-emitter.js';
import { ChatService } from './chat.service.js';

/**
 * Namespace "/chat": meeting rooms. Guests may connect (read-only, open meetings only); a bad
 * token is refused at the handshake. Each event validates its payload and calls one service method.
 */
@WebSocketGateway({ namespace: '/chat', path: '/socket.io', serveClient: false })
export class ChatGateway
  implements OnGatewayInit<ChatNamespace>, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(ChatGateway.name);

  constructor(
    private readonly socketAuth: SocketAuthService,
    private readonly chat: ChatService,
    private readonly emitter: ChatEmitter,
  ) {}

  afterInit(namespace: ChatNamespace): void {
    namespace.use(this.socketAuth.middleware());
    this.emitter.attach(namespace);
    this.logger.debug('Chat namespace ready');
  }

  async handleConnection(socket: Socket): Promise<void> {
    const user = socketUser(socket);
    // Each member's sockets share a room, for "your meeting is opening" and removal notices.
    if (user) await socket.join(userRoom(user.id));
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    try {
      await this.chat.leave(socket);
    } catch (error) {
      this.logger.warn(`Leaving on disconnect failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  onModuleDestroy(): void {
    this.chat.stopTimers();
  }

  @SubscribeMessage('meeting:join')
  join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<JoinResult>> {
    return handleSocketEvent(socket, JoinDto, body, (dto) => this.chat.join(socket, socketUser(socket), dto));
  }

  @SubscribeMessage('meeting:leave')
  leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return handleSocketEvent(socket, MeetingRefDto, body, async () => {
      await this.chat.leave(socket);
      return {};
    });
  }

  @SubscribeMessage('message:send')
  send(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<{ message: ChatMessageView }>> {
    return handleSocketEvent(socket, SendMessageDto, body, (dto) => this.chat.send(socket, dto));
  }

  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return handleSocketEvent(socket, MeetingRefDto, body, async (dto) => {
      await this.chat.typing(socket, dto.meetingId);
      return {};
    });
  }

  @SubscribeMessage('hand:raise')
  raiseHand(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return handleSocketEvent(socket, MeetingRefDto, body, async (dto) => {
      await this.chat.setHand(socket, dto.meetingId, true);
      return {};
    });
  }

  @SubscribeMessage('hand:lower')
  lowerHand(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return handleSocketEvent(socket, MeetingRefDto, body, async (dto) => {
      await this.chat.setHand(socket, dto.meetingId, false);
      return {};
    });
  }

  @SubscribeMessage('message:remove')
  removeMessage(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return handleSocketEvent(socket, RemoveMessageDto, body, async (dto) => {
      await this.chat.removeMessage(socket, socketUser(socket), dto);
      return {};
    });
  }

  @SubscribeMessage('participant:mute')
  mute(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<{ until: string | null }>> {
    return handleSocketEvent(socket, MuteDto, body, (dto) => this.chat.mute(socket, socketUser(socket), dto));
  }

  @SubscribeMessage('participant:remove')
  removeParticipant(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return handleSocketEvent(socket, ParticipantRefDto, body, async (dto) => {
      await this.chat.removeParticipant(socket, socketUser(socket), dto);
      return {};
    });
  }

  @SubscribeMessage('meeting:slowmode')
  slowMode(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<{ seconds: number }>> {
    return handleSocketEvent(socket, SlowModeDto, body, (dto) => this.chat.slowMode(socket, socketUser(socket), dto));
  }

  @SubscribeMessage('meeting:end')
  end(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return handleSocketEvent(socket, MeetingRefDto, body, async (dto) => {
      await this.chat.end(socket, socketUser(socket), dto.meetingId);
      return {};
    });
  }

  @SubscribeMessage('hand:call')
  callHand(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return handleSocketEvent(socket, CallHandDto, body, async (dto) => {
      await this.chat.callHand(socket, socketUser(socket), dto.participant, dto.meetingId);
      return {};
    });
  }
}
