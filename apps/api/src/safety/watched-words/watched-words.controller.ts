import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Locale, SafetyTestResult, WatchedWordImportResult, WatchedWordView } from '@kindred/contracts';
import type { Request } from 'express';
import { Auth } from '../../auth/auth.decorators.js';
import { fieldError } from '../../common/app-error.js';
import { msg } from '../../i18n/i18n.js';
import { ReaderLocale } from '../../i18n/message.js';
import { ContentSafetyService } from '../content-safety.service.js';
import { SafetyTestDto, WatchedWordDto } from './dto/watched-word.dto.js';
import { WatchedWordsService } from './watched-words.service.js';

const MAX_CSV = 60_000;

@ApiTags('admin')
@Controller('admin/watched-words')
@Auth({ roles: ['admin'] })
export class WatchedWordsController {
  constructor(
    private readonly words: WatchedWordsService,
    private readonly safety: ContentSafetyService,
  ) {}

  @Get()
  list(): Promise<WatchedWordView[]> {
    return this.words.list();
  }

  @Post()
  add(@Body() dto: WatchedWordDto): Promise<WatchedWordView> {
    return this.words.add(dto.pattern, dto.action);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<void> {
    await this.words.remove(id);
  }

  /** A CSV body (`text/csv`, lines of pattern,action) or JSON `{ "csv": "..." }`. */
  @Post('import')
  @ApiConsumes('text/csv', 'application/json')
  import(@Req() req: Request, @ReaderLocale() locale: Locale): Promise<WatchedWordImportResult> {
    const body: unknown = req.body;
    const csv =
      typeof body === 'string'
        ? body
        : typeof (body as { csv?: unknown })?.csv === 'string'
          ? (body as { csv: string }).csv
          : null;
    if (csv === null || csv.trim() === '') {
      throw fieldError('csv', 'validation.safety.csvLines');
    }
    if (csv.length > MAX_CSV) {
      throw fieldError('csv', msg('validation.common.lengthAtMost', { max: MAX_CSV }));
    }
    return this.words.import(csv, locale);
  }

  @Post('test')
  @HttpCode(200)
  test(@Body() dto: SafetyTestDto, @ReaderLocale() locale: Locale): SafetyTestResult {
    return this.safety.explain(dto.text, locale);
  }
}
