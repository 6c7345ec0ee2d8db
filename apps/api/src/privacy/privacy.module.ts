import { Module } from '@nestjs/common';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyRepository } from './privacy.repository.js';
import { PrivacyService } from './privacy.service.js';

/** Data export and account deletion (GET /api/me/export, DELETE /api/me). */
@Module({
  controllers: [PrivacyController],
  providers: [PrivacyRepository, PrivacyService],
})
export class PrivacyModule {}
