import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsGateway } from './notifications.gateway.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { ReadsRepository } from './reads.repository.js';
import { UnreadThreadsController, UnreadThreadsRepository, UnreadThreadsService } from './unread-threads.js';

/** The notification centre, follow levels and the fan-out job; it reacts to posts, never called by them. */
@Module({
  controllers: [NotificationsController, UnreadThreadsController],
  providers: [
    NotificationsRepository,
    ReadsRepository,
    NotificationsService,
    NotificationsGateway,
    UnreadThreadsRepository,
    UnreadThreadsService,
  ],
})
export class NotificationsModule {}
