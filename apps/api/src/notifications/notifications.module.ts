import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsGateway } from './notifications.gateway.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { ReadsRepository } from './reads.repository.js';
import { PushController } from './push/push.controller.js';
import { PushRepository } from './push/push.repository.js';
import { PushService } from './push/push.service.js';
import { UnreadThreadsController, UnreadThreadsRepository, UnreadThreadsService } from './unread-threads.js';

/** The notification centre, follow levels and the fan-out job; it reacts to posts, never called by them. */
@Module({
  controllers: [NotificationsController, PushController, UnreadThreadsController],
  providers: [
    NotificationsRepository,
    ReadsRepository,
    NotificationsService,
    NotificationsGateway,
    PushRepository,
    PushService,
    UnreadThreadsRepository,
    UnreadThreadsService,
  ],
})
export class NotificationsModule {}
