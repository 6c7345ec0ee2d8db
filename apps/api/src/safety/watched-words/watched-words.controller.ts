import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { SafetyTestResult, WatchedWordImportResult, WatchedWordView } from '@kindred/contracts';
import type { Request } from 'express';
import { Auth } from '../../auth/auth.decorators.js';
import { AppError } from '../../common/app-error.js';
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
  import(@Req() req: Request): Promise<WatchedWordImportResult> {
    const body: unknown = req.body;
    const csv =
      typeof body === 'string'
        ? body
        : typeof (body as { csv?: unknown })?.csv === 'string'
          ? (body as { csv: string }).csv
          : null;
    if (csv === null || csv.trim() === '') {
      throw new AppError('validation_failed', 'csv: send lines of pattern,action', {
        fields: [{ field: 'csv', reason: 'send lines of pattern,action' }],
      });
    }
    if (csv.length > MAX_CSV) {
      throw new AppError('validation_failed', `csv: must be at most ${MAX_CSV} characters`, {
        fields: [{ field: 'csv', reason: `must be at most ${MAX_CSV} characters` }],
      });
    }
    return this.words.import(csv);
  }

  @Post('test')
  @HttpCode(200)
  test(@Body() dto: SafetyTestDto): SafetyTestResult {
    return this.safety.explain(dto.text);
  }
}
