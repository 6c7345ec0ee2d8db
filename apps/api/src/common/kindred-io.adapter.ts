import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config/config.js';
import { createRedisAdapter, type RedisAdapterHandle } from './redis.js';
import { guardSocketPayloads, kindredParser, SOCKET_FRAME_LIMIT } from './socket-payload.js';

/**
 * Kindred's socket.io server. With REDIS_URL set, broadcasts go through Redis so that several
 * API processes behave as one (a post made on one process reaches watchers on every process).
 * Clients connect with the WebSocket transport first; HTTP long-polling, the fallback, needs
 * sticky sessions at the load balancer when there is more than one process.
 */
export class KindredIoAdapter extends IoAdapter {
  private redis: RedisAdapterHandle | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    // An event over 64 KB gets an error ack, not a dropped connection (see socket-payload.ts).
    const server = super.createIOServer(port, {
      ...options,
      parser: kindredParser,
      maxHttpBufferSize: SOCKET_FRAME_LIMIT,
    } as ServerOptions) as Server;
    guardSocketPayloads(server);
    this.redis ??= createRedisAdapter(this.config);
    if (this.redis) server.adapter(this.redis.adapter);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    const redis = this.redis;
    this.redis = null;
    await redis?.close();
  }
}
