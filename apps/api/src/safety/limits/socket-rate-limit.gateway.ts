import { Inject } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Server } from 'socket.io';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { installSocketRateLimit } from './socket-rate-limit.js';

/**
 * Has no events of its own: it reaches the socket.io server once it exists and installs the
 * per-connection event limit (SOCKET_EVENTS_PER_10S) on every namespace, present and future.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false })
export class SocketRateLimitGateway implements OnGatewayInit<Server | Namespace> {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  afterInit(server: Server | Namespace): void {
    if (!this.config.limits.enabled) return;
    const root = 'server' in server ? server.server : server;
    installSocketRateLimit(root, { events: this.config.limits.socketEventsPer10s, windowMs: 10_000 });
  }
}
