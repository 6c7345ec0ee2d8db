import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '../common/clock.js';
import { MilestonesController } from './milestones.controller.js';
import { MilestonesRepository } from './milestones.repository.js';
import { MilestonesService } from './milestones.service.js';

/** Clean-time dates and their milestone notifications (it writes the items; notifications delivers them). */
@Module({
  controllers: [MilestonesController],
  providers: [MilestonesRepository, MilestonesService, { provide: CLOCK, useValue: systemClock }],
  exports: [MilestonesService],
})
export class MilestonesModule {}
