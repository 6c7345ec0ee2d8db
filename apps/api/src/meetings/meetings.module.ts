import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MeetingActionsRepository } from './actions.repository.js';
import { CLOCK, systemClock } from './clock.js';
import { ChatMessageEntity } from './entities/chat-message.entity.js';
import { MeetingActionEntity } from './entities/meeting-action.entity.js';
import { MeetingSessionEntity } from './entities/meeting-session.entity.js';
import { MeetingEntity } from './entities/meeting.entity.js';
import { JobLockRepository } from './job-lock.repository.js';
import { MeetingSessionsService } from './meeting-sessions.service.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MeetingsScheduler } from './meetings.scheduler.js';
import { MeetingsService } from './meetings.service.js';
import { MessagesRepository } from './messages.repository.js';
import { ChatEmitter } from './room/chat-emitter.js';
import { ChatGateway } from './room/chat.gateway.js';
import { ChatService } from './room/chat.service.js';
import { createRoomStateStore } from './room/redis-room-state.store.js';
import { ROOM_STATE } from './room/room-state.store.js';
import { SessionsRepository } from './sessions.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([MeetingEntity, MeetingSessionEntity, ChatMessageEntity, MeetingActionEntity])],
  controllers: [MeetingsController],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    // In Redis when REDIS_URL is set (shared by every API process), else in memory.
    { provide: ROOM_STATE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createRoomStateStore(config) },
    MeetingsRepository,
    SessionsRepository,
    MessagesRepository,
    MeetingActionsRepository,
    JobLockRepository,
    MeetingSessionsService,
    MeetingsService,
    ChatEmitter,
    ChatService,
    ChatGateway,
    MeetingsScheduler,
  ],
  exports: [MeetingActionsRepository, ChatEmitter],
})
export class MeetingsModule {}
