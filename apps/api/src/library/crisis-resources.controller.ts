import { Controller, Get, Headers } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CrisisResourceList } from '@kindred/contracts';
import { localeFor } from '../i18n/i18n.js';
import { CrisisResourcesService } from './crisis-resources.service.js';

@ApiTags('library')
@Controller('resources')
export class CrisisResourcesController {
  constructor(private readonly crisis: CrisisResourcesService) {}

  /**
   * In the language of Accept-Language (the web sends the reader's, which follows a member's saved
   * choice). Deliberately no sign-in check: an expired session must never stand between a person in
   * crisis and these numbers.
   */
  @Get('crisis')
  @ApiOperation({
    summary:
      "Crisis lines and what to do in an overdose, in the reader's language (CRISIS_RESOURCES_FILE or US defaults)",
  })
  list(@Headers('accept-language') acceptLanguage?: string): CrisisResourceList {
    const locale = localeFor(null, acceptLanguage);
    return { items: this.crisis.list(locale), international: this.crisis.listInternational(locale) };
  }
}
