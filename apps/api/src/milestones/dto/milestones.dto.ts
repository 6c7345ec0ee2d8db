import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { TrimmedText } from '../../common/validation.js';

export class SetMilestoneDto {
  /** The member's own words before the date: "since", "on methadone since". */
  @TrimmedText(1, 60, 'Your own words, e.g. "since" or "on methadone since"')
  label!: string;

  @ApiProperty({ example: '2026-11-07', description: 'YYYY-MM-DD, today or earlier' })
  @IsString({ message: 'must be a date like 2026-11-07' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-11-07' })
  since!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  showBadge?: boolean;
}
