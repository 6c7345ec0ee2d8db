import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import {
  Cursor,
  Flag,
  OptionalTrimmedText,
  PageLimit,
  QueryBoolean,
  reason,
  TrimmedText,
} from '../../common/validation.js';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class ListBoardsQuery {
  @QueryBoolean()
  includeArchived?: boolean;
}

export class CreateBoardDto {
  @ApiProperty({ pattern: SLUG_PATTERN.source, minLength: 2, maxLength: 60 })
  @IsString(reason('validation.common.text'))
  @Length(2, 60, reason('validation.common.lengthBetween', { min: 2, max: 60 }))
  @Matches(SLUG_PATTERN, reason('validation.boards.slugCharacters'))
  slug!: string;

  @TrimmedText(2, 80)
  name!: string;

  @OptionalTrimmedText(300)
  description?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000 })
  @IsOptional()
  @IsInt(reason('validation.common.wholeNumber'))
  @Min(0, reason('validation.common.atLeast', { min: 0 }))
  @Max(10000, reason('validation.common.atMost', { max: 10000 }))
  position?: number;
}

export class UpdateBoardDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 80 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString(reason('validation.common.text'))
  @Length(2, 80, reason('validation.common.lengthBetween', { min: 2, max: 80 }))
  name?: string;

  @OptionalTrimmedText(300)
  description?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000 })
  @IsOptional()
  @IsInt(reason('validation.common.wholeNumber'))
  @Min(0, reason('validation.common.atLeast', { min: 0 }))
  @Max(10000, reason('validation.common.atMost', { max: 10000 }))
  position?: number;

  @Flag()
  archived?: boolean;
}

export class ListThreadsQuery {
  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;

  @QueryBoolean()
  unanswered?: boolean;
}
