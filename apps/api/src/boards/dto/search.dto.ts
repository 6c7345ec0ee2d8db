import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { Cursor, PageLimit, reason, TrimmedText } from '../../common/validation.js';
import { SLUG_PATTERN } from './boards.dto.js';

export class SearchQuery {
  @TrimmedText(1, 200, 'Words to look for; "quoted phrases", or and -not work too')
  q!: string;

  @ApiPropertyOptional({ description: 'Only this board (slug)' })
  @IsOptional()
  @IsString(reason('validation.common.text'))
  @Matches(SLUG_PATTERN, reason('validation.common.notBoard'))
  board?: string;

  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class MemberPostsQuery {
  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class WatchBoardDto {
  @ApiProperty()
  @IsString(reason('validation.common.text'))
  @Length(1, 60, reason('validation.common.lengthBetween', { min: 1, max: 60 }))
  @Matches(SLUG_PATTERN, reason('validation.common.notBoard'))
  slug!: string;
}
