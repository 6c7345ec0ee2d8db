import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { reason, TrimmedText } from '../../common/validation.js';

export class SetMilestoneDto {
  /** The member's own words before the date: "since", "on methadone since". */
  @TrimmedText(1, 60, 'Your own words, e.g. "since" or "on methadone since"')
  label!: string;

  @ApiProperty({ example: '2026-11-07', description: 'YYYY-MM-DD, today or earlier' })
  @IsString(reason('validation.milestones.date'))
  @Matches(/^\d{4}-\d{2}-\d{2}$/, reason('validation.milestones.date'))
  since!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean(reason('validation.common.trueOrFalse'))
  showBadge?: boolean;
}
