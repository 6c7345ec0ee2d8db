import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from './auth/auth.module.js';
import { BoardsModule } from './boards/boards.module.js';
import { CommonModule } from './common/common.module.js';
import { AllExceptionsFilter } from './common/http-exception.filter.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { I18nModule } from './i18n/i18n.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LibraryModule } from './library/library.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { MilestonesModule } from './milestones/milestones.module.js';
import { ModerationModule } from './moderation/moderation.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { SafetyModule } from './safety/safety.module.js';

/** Feature modules, one per folder. */
const FEATURES = [
  CommonModule,
  AuthModule,
  I18nModule,
  HealthModule,
  RealtimeModule,
  BoardsModule,
  ModerationModule,
  SafetyModule,
  PrivacyModule,
  LibraryModule,
  MeetingsModule,
  JobsModule,
  NotificationsModule,
  MilestonesModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(databaseUrl), ...FEATURES],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
