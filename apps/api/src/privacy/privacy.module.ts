import { Module } from '@nestjs/common';
import { BoardsModule } from '../boards/boards.module.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyEraser } from './privacy-eraser.js';
import { PrivacyRepository } from './privacy.repository.js';
import { PrivacyService } from './privacy.service.js';

/** Data export and account deletion (GET /api/me/export, DELETE /api/me). */
@Module({
  imports: [BoardsModule],
  controllers: [PrivacyController],
  providers: [PrivacyRepository, PrivacyService, PrivacyEraser],
})
export class PrivacyModule {}
