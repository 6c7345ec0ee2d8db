import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClientKeyService } from '../common/client-key.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LibraryModule } from '../library/library.module.js';
import { ContentSafetyService } from './content-safety.service.js';
import { MemoryThrottlerStorage } from './limits/memory-throttler.storage.js';
import { RateLimitInterceptor } from './limits/rate-limit.interceptor.js';
import { RATE_LIMIT_STORAGE, RateLimitService } from './limits/rate-limit.service.js';
import { RedisThrottlerStorage } from './limits/redis-throttler.storage.js';
import { SocketRateLimitGateway } from './limits/socket-rate-limit.gateway.js';
import { SafetyRepository } from './safety.repository.js';
import { DetectionVerdictsController, DetectionVerdictsService } from './verdicts/detection-verdicts.js';
import { WatchedWordEntity } from './watched-words/watched-word.entity.js';
import { WatchedWordsController } from './watched-words/watched-words.controller.js';
import { WatchedWordsRepository } from './watched-words/watched-words.repository.js';
import { WatchedWordsService } from './watched-words/watched-words.service.js';

/**
 * Rate limits, new-member limits, watched words and the server-side content safety decision
 * (ContentSafetyService), which the boards and meetings features call before storing content.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([WatchedWordEntity]), LibraryModule],
  controllers: [WatchedWordsController, DetectionVerdictsController],
  providers: [
    ClientKeyService,
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.redisUrl
          ? new RedisThrottlerStorage(config.redisUrl, `${config.redisPrefix}:rate`)
          : new MemoryThrottlerStorage(),
    },
    RateLimitService,
    { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
    SocketRateLimitGateway,
    SafetyRepository,
    WatchedWordsRepository,
    WatchedWordsService,
    ContentSafetyService,
    DetectionVerdictsService,
  ],
  exports: [ClientKeyService, RateLimitService, ContentSafetyService],
})
export class SafetyModule {}
