import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { Cursor, PageLimit, TrimmedText } from '../../common/validation.js';
import { SLUG_PATTERN } from './boards.dto.js';

export class SearchQuery {
  @TrimmedText(1, 200, 'Words to look for; "quoted phrases", or and -not work too')
  q!: string;

  @ApiPropertyOptional({ description: 'Only this board (slug)' })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @Matches(SLUG_PATTERN, { message: 'is not a board' })
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
  @IsString({ message: 'must be text' })
  @Length(1, 60, { message: 'must be 1–60 characters' })
  @Matches(SLUG_PATTERN, { message: 'is not a board' })
  slug!: string;
}
