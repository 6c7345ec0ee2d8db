import { Module } from '@nestjs/common';
import { BoardsModule } from '../boards/boards.module.js';
import { LibraryModule } from '../library/library.module.js';
import { AdminUsersController } from './admin/admin-users.controller.js';
import { AdminUsersRepository } from './admin/admin-users.repository.js';
import { AdminUsersService } from './admin/admin-users.service.js';
import { FlagsController } from './flags/flags.controller.js';
import { FlagsService } from './flags/flags.service.js';
import { LogRepository } from './log/log.repository.js';
import { LogService } from './log/log.service.js';
import { MemberEventsGateway } from './member-events.gateway.js';
import { ModerationGateway } from './moderation.gateway.js';
import { NoticesController } from './notices/notices.controller.js';
import { NoticesRepository } from './notices/notices.repository.js';
import { NoticesService } from './notices/notices.service.js';
import { ActionsService } from './queue/actions.service.js';
import { ItemsRepository } from './queue/items.repository.js';
import { ModerationController } from './queue/moderation.controller.js';
import { QueueEvents } from './queue/queue-events.js';
import { QueueService } from './queue/queue.service.js';
import { ChatMessagesRepository } from './targets/chat-messages.repository.js';
import { MessageTarget } from './targets/message.target.js';
import { PostTarget } from './targets/post.target.js';
import { ThreadTarget } from './targets/thread.target.js';
import { MODERATION_TARGET_PORTS, type ModerationTargetPort } from './targets/target-port.js';
import { TargetRegistry } from './targets/target-registry.js';

/** Flags, the review queue, actions, suspensions, notices, appeals, the audit log and admin user tools. */
@Module({
  imports: [BoardsModule, LibraryModule],
  controllers: [FlagsController, ModerationController, NoticesController, AdminUsersController],
  providers: [
    ItemsRepository,
    LogRepository,
    NoticesRepository,
    AdminUsersRepository,
    ChatMessagesRepository,
    PostTarget,
    ThreadTarget,
    MessageTarget,
    {
      provide: MODERATION_TARGET_PORTS,
      useFactory: (...ports: ModerationTargetPort[]) => ports,
      inject: [PostTarget, ThreadTarget, MessageTarget],
    },
    TargetRegistry,
    QueueEvents,
    QueueService,
    FlagsService,
    ActionsService,
    NoticesService,
    LogService,
    AdminUsersService,
    ModerationGateway,
    MemberEventsGateway,
  ],
  exports: [AdminUsersService],
})
export class ModerationModule {}
