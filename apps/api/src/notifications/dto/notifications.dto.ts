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
import { Cursor, Id, PageLimit, reason } from '../../common/validation.js';

export class ListNotificationsQuery {
  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class MarkReadDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 100 })
  @IsOptional()
  @IsArray(reason('validation.notifications.idList'))
  @ArrayMinSize(1, reason('validation.notifications.idsAtLeastOne'))
  @ArrayMaxSize(100, reason('validation.common.idsMax', { max: 100 }))
  @IsUUID('4', reason('validation.common.validIdList', undefined, { each: true }))
  ids?: string[];

  @ApiPropertyOptional({ enum: [true] })
  @IsOptional()
  @Equals(true, reason('validation.notifications.allTrue'))
  all?: true;
}

export class FollowThreadDto {
  @ApiPropertyOptional({ enum: FOLLOW_LEVELS })
  @IsIn(FOLLOW_LEVELS, reason('validation.common.oneOf', { options: FOLLOW_LEVELS.join(', ') }))
  level!: FollowLevel;
}

export class FollowBoardDto {
  @ApiPropertyOptional({ enum: BOARD_FOLLOW_LEVELS })
  @IsIn(BOARD_FOLLOW_LEVELS, reason('validation.common.oneOf', { options: BOARD_FOLLOW_LEVELS.join(', ') }))
  level!: BoardFollowLevel;
}

export class NotificationSettingsDto {
  /** Watch the threads you start and reply to (on by default). */
  @ApiProperty({ type: Boolean })
  @IsBoolean(reason('validation.common.trueOrFalse'))
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
  @IsArray(reason('validation.notifications.threadIdList'))
  @ArrayMaxSize(50, reason('validation.common.idsMax', { max: 50 }))
  @IsUUID('4', reason('validation.notifications.validThreadIdList', undefined, { each: true }))
  threads?: string[];
}

export class MentionableQuery {
  /** What follows the @ so far (letters, digits, _ - and spaces). */
  @ApiPropertyOptional({ maxLength: 30 })
  @IsOptional()
  @IsString(reason('validation.common.text'))
  @Matches(/^[A-Za-z0-9_ -]{0,30}$/, reason('validation.notifications.mentionPrefix', { max: 30 }))
  prefix?: string;
}
