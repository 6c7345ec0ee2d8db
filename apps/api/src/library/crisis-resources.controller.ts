import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CrisisResourceList } from '@kindred/contracts';
import { CrisisResourcesService } from './crisis-resources.service.js';

@ApiTags('library')
@Controller('resources')
export class CrisisResourcesController {
  constructor(private readonly crisis: CrisisResourcesService) {}

  @Get('crisis')
  @ApiOperation({ summary: 'Crisis lines and what to do in an overdose (CRISIS_RESOURCES_FILE or US defaults)' })
  list(): CrisisResourceList {
    return { items: this.crisis.list(), international: this.crisis.listInternational() };
  }
}
