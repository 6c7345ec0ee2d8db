import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ClientKeyService } from '../common/client-key.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MemoryThrottlerStorage } from './limits/memory-throttler.storage.js';
import { RateLimitInterceptor } from './limits/rate-limit.interceptor.js';
import { RATE_LIMIT_STORAGE, RateLimitService } from './limits/rate-limit.service.js';
import { RedisThrottlerStorage } from './limits/redis-throttler.storage.js';
import { SocketRateLimitGateway } from './limits/socket-rate-limit.gateway.js';

/** Rate limits, new-member limits and the server-side content safety decisions. */
@Global()
@Module({
  providers: [
    ClientKeyService,
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.redisUrl ? new RedisThrottlerStorage(config.redisUrl) : new MemoryThrottlerStorage(),
    },
    RateLimitService,
    { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
    SocketRateLimitGateway,
  ],
  exports: [ClientKeyService, RateLimitService],
})
export class SafetyModule {}
