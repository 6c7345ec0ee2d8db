import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LibraryModule } from '../library/library.module.js';
import { BoardsController } from './boards.controller.js';
import { BoardsGateway } from './boards.gateway.js';
import { BoardsLive } from './boards.live.js';
import { GuestThreadPages } from './guest-thread-pages.js';
import { BoardsModerationPort } from './boards-moderation.port.js';
import { BoardsRepository } from './boards.repository.js';
import { BoardsService } from './boards.service.js';
import { BoardEntity } from './entities/board.entity.js';
import { PostEntity } from './entities/post.entity.js';
import { ReactionEntity } from './entities/reaction.entity.js';
import { ThreadEntity } from './entities/thread.entity.js';
import { SearchController } from './search.controller.js';
import { SearchRepository } from './search.repository.js';
import { SearchService } from './search.service.js';
import { PostsController, PreviewController, ThreadsController } from './threads.controller.js';
import { ThreadsRepository } from './threads.repository.js';
import { ThreadsService } from './threads.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([BoardEntity, ThreadEntity, PostEntity, ReactionEntity]), LibraryModule],
  controllers: [BoardsController, ThreadsController, PostsController, PreviewController, SearchController],
  providers: [
    BoardsRepository,
    ThreadsRepository,
    SearchRepository,
    BoardsService,
    ThreadsService,
    SearchService,
    BoardsLive,
    GuestThreadPages,
    BoardsGateway,
    BoardsModerationPort,
  ],
  exports: [BoardsModerationPort, BoardsService, ThreadsService],
})
export class BoardsModule {}
