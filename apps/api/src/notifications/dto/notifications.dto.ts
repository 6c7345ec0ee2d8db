import { ApiPropertyOptional } from '@nestjs/swagger';
import { BOARD_FOLLOW_LEVELS, FOLLOW_LEVELS, type BoardFollowLevel, type FollowLevel } from '@kindred/contracts';
import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { Cursor, Id, PageLimit } from '../../common/validation.js';

export class ListNotificationsQuery {
  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class MarkReadDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 100 })
  @IsOptional()
  @IsArray({ message: 'must be a list of ids' })
  @ArrayMinSize(1, { message: 'must name at least one notification (or send all: true)' })
  @ArrayMaxSize(100, { message: 'must have at most 100 ids' })
  @IsUUID('4', { each: true, message: 'must be a list of valid ids' })
  ids?: string[];

  @ApiPropertyOptional({ enum: [true] })
  @IsOptional()
  @Equals(true, { message: 'must be true (or send ids instead)' })
  all?: true;
}

export class FollowThreadDto {
  @ApiPropertyOptional({ enum: FOLLOW_LEVELS })
  @IsIn(FOLLOW_LEVELS, { message: `must be one of ${FOLLOW_LEVELS.join(', ')}` })
  level!: FollowLevel;
}

export class FollowBoardDto {
  @ApiPropertyOptional({ enum: BOARD_FOLLOW_LEVELS })
  @IsIn(BOARD_FOLLOW_LEVELS, { message: `must be one of ${BOARD_FOLLOW_LEVELS.join(', ')}` })
  level!: BoardFollowLevel;
}

export class NotificationSettingsDto {
  /** Watch the threads you start and reply to (on by default). */
  @ApiProperty({ type: Boolean })
  @IsBoolean({ message: 'must be true or false' })
  autoWatch!: boolean;
}

export class MarkThreadReadDto {
  /** The last post that scrolled into view. */
  @Id()
  postId!: string;
}

export class UnreadQuery {
  /** Comma-separated thread ids of one list (at most 50). */
  @ApiPropertyOptional({ description: 'Comma-separated thread ids (at most 50)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').filter((v) => v !== '') : value,
  )
  @IsArray({ message: 'must be a comma-separated list of thread ids' })
  @ArrayMaxSize(50, { message: 'must have at most 50 ids' })
  @IsUUID('4', { each: true, message: 'must be a comma-separated list of valid thread ids' })
  threads?: string[];
}

export class MentionableQuery {
  /** What follows the @ so far (letters, digits, _ - and spaces). */
  @ApiPropertyOptional({ maxLength: 30 })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @Matches(/^[A-Za-z0-9_ -]{0,30}$/, { message: 'may use only letters, digits, spaces, _ and - (at most 30)' })
  prefix?: string;
}
