import { Inject, type OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Server } from 'socket.io';
import { ClientKeyService } from '../../common/client-key.js';
import { createRedisClient, FAIL_FAST } from '../../common/redis.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { RATE_LIMIT_STORAGE } from './rate-limit.service.js';
import { SocketBudgets } from './socket-budget.js';
import { MemorySocketPresence, RedisSocketPresence, type SocketPresenceStore } from './socket-presence.store.js';
import { installSocketRateLimit } from './socket-rate-limit.js';

/**
 * Has no events of its own: it reaches the socket.io server once it exists and installs the
 * per-connection event limit (SOCKET_EVENTS_PER_10S) on every namespace, present and future, and
 * the limits per account and per client shared by all their sockets (socket-budget.ts).
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false })
export class SocketRateLimitGateway implements OnGatewayInit<Server | Namespace>, OnModuleDestroy {
  private readonly presence: SocketPresenceStore;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage,
    private readonly clientKeys: ClientKeyService,
  ) {
    this.presence = config.redisUrl
      ? new RedisSocketPresence(
          createRedisClient(config.redisUrl, 'socket presence', FAIL_FAST),
          `${config.redisPrefix}:sockets`,
        )
      : new MemorySocketPresence();
  }

  afterInit(server: Server | Namespace): void {
    const root = 'server' in server ? server.server : server;
    // Installed even with RATE_LIMITS=off: it also keys each socket's client, which reader counts use.
    new SocketBudgets(this.config.limits, this.storage, this.presence, this.clientKeys).install(root);
    if (!this.config.limits.enabled) return;
    installSocketRateLimit(root, { events: this.config.limits.socketEventsPer10s, windowMs: 10_000 });
  }

  onModuleDestroy(): void {
    this.presence.close();
  }
}
