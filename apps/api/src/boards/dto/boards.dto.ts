import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Cursor, Flag, OptionalTrimmedText, PageLimit, QueryBoolean, TrimmedText } from '../../common/validation.js';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class ListBoardsQuery {
  @QueryBoolean()
  includeArchived?: boolean;
}

export class CreateBoardDto {
  @ApiProperty({ pattern: SLUG_PATTERN.source, minLength: 2, maxLength: 60 })
  @IsString({ message: 'must be text' })
  @Length(2, 60, { message: 'must be 2–60 characters' })
  @Matches(SLUG_PATTERN, { message: 'may use only lower-case letters, digits and single dashes' })
  slug!: string;

  @TrimmedText(2, 80)
  name!: string;

  @OptionalTrimmedText(300)
  description?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be at least 0' })
  @Max(10000, { message: 'must be at most 10000' })
  position?: number;
}

export class UpdateBoardDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 80 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'must be text' })
  @Length(2, 80, { message: 'must be 2–80 characters' })
  name?: string;

  @OptionalTrimmedText(300)
  description?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be at least 0' })
  @Max(10000, { message: 'must be at most 10000' })
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
