import { Body, Controller, HttpCode, Injectable, Param, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  DETECTION_VERDICT_KINDS,
  type DetectionHit,
  type DetectionVerdictKind,
  type DetectionVerdictView,
} from '@kindred/contracts';
import { IsBoolean, IsIn } from 'class-validator';
import { DataSource } from 'typeorm';
import { Auth } from '../../auth/auth.decorators.js';
import { AppError } from '../../common/app-error.js';
import { msg } from '../../i18n/i18n.js';
import { Id, reason } from '../../common/validation.js';

export class VerdictParamsDto {
  @Id()
  id!: string;
}

export class DetectionVerdictDto {
  @ApiProperty({ enum: DETECTION_VERDICT_KINDS })
  @IsIn(DETECTION_VERDICT_KINDS, reason('validation.common.oneOf', { options: DETECTION_VERDICT_KINDS.join(', ') }))
  kind!: DetectionVerdictKind;

  @ApiProperty({ description: 'true: the detection was right; false: it was not' })
  @IsBoolean(reason('validation.safety.verdictUpheld'))
  upheld!: boolean;
}

// The text kept with a verdict: enough for a training row, never more.
const MAX_TEXT = 20_000;

/**
 * Moderators' verdicts on automatic detections, kept for training the safety model later. Stores
 * the content's text, the detector's label, evidence and scores and the day; never who wrote it or
 * who judged it.
 */
@Injectable()
export class DetectionVerdictsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(itemId: string, kind: DetectionVerdictKind, upheld: boolean): Promise<DetectionVerdictView> {
    const items: Array<{ detection: DetectionHit[] | null; targetType: string; targetId: string }> =
      await this.db.query(
        `SELECT detection, target_type AS "targetType", target_id AS "targetId" FROM moderation_items WHERE id = $1`,
        [itemId],
      );
    if (items.length === 0) throw new AppError('not_found', 'errors.safety.verdictItemMissing');
    const hits = (items[0].detection ?? []).filter((h) => h.kind === kind);
    if (hits.length === 0) {
      throw new AppError('unprocessable', msg('errors.safety.verdictNoDetection', { kind }));
    }
    const text = await this.textOf(items[0].targetType, items[0].targetId);
    if (text === null) {
      throw new AppError('unprocessable', 'errors.safety.verdictContentGone');
    }
    const last = hits[hits.length - 1];
    await this.db.query(
      `INSERT INTO detection_verdicts (item_id, kind, label, upheld, text, evidence, scores)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)
       ON CONFLICT (item_id, kind) DO UPDATE SET
         upheld = EXCLUDED.upheld, label = EXCLUDED.label, text = EXCLUDED.text,
         evidence = EXCLUDED.evidence, scores = EXCLUDED.scores, decided_on = current_date`,
      [
        itemId,
        kind,
        typeof last.label === 'string' ? last.label.slice(0, 200) : null,
        upheld,
        text.slice(0, MAX_TEXT),
        JSON.stringify(last.evidence ?? []),
        JSON.stringify(last.scores ?? {}),
      ],
    );
    return { itemId, kind, upheld };
  }

  /** The content as it reads now: a thread's title and opening post, a post's or message's body. */
  private async textOf(targetType: string, targetId: string): Promise<string | null> {
    const sql: Record<string, string> = {
      thread: `SELECT t.title || E'\\n\\n' || coalesce(p.body, '') AS text
                 FROM threads t LEFT JOIN posts p ON p.id = t.opening_post_id WHERE t.id = $1`,
      post: `SELECT body AS text FROM posts WHERE id = $1`,
      message: `SELECT body AS text FROM chat_messages WHERE id = $1`,
    };
    if (!sql[targetType]) return null;
    const rows: Array<{ text: string }> = await this.db.query(sql[targetType], [targetId]);
    return rows[0]?.text ?? null;
  }
}

/** POST /api/moderation/items/:id/detection-verdict — guests 401, members 403. */
@ApiTags('moderation')
@Controller('moderation/items/:id/detection-verdict')
@Auth({ roles: ['moderator', 'admin'] })
export class DetectionVerdictsController {
  constructor(private readonly verdicts: DetectionVerdictsService) {}

  @Post()
  @HttpCode(200)
  record(@Param() params: VerdictParamsDto, @Body() dto: DetectionVerdictDto): Promise<DetectionVerdictView> {
    return this.verdicts.record(params.id, dto.kind, dto.upheld);
  }
}
