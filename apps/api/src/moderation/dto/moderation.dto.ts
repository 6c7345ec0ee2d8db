import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTION_REASON_IDS,
  APPEAL_DECISIONS,
  FLAG_NOTE_MAX,
  FLAG_REASONS,
  MODERATION_ACTIONS,
  MODERATION_TARGET_TYPES,
  ROLES,
  SUSPENSION_DAYS,
  type ActionReason,
  type AppealDecision,
  type FlagReason,
  type ModerationAction,
  type ModerationTargetType,
  type QueueItemStatus,
  type Role,
} from '@kindred/contracts';
import { IsIn, IsOptional, ValidateIf, type ValidationOptions } from 'class-validator';
import { Cursor, Id, OptionalTrimmedText, PageLimit, reason, TrimmedText } from '../../common/validation.js';

const oneOf = (values: readonly unknown[]): ValidationOptions =>
  reason('validation.common.oneOf', { options: values.join(', ') });

export class CreateFlagDto {
  @ApiProperty({ enum: MODERATION_TARGET_TYPES })
  @IsIn(MODERATION_TARGET_TYPES, oneOf(MODERATION_TARGET_TYPES))
  targetType!: ModerationTargetType;

  @Id()
  targetId!: string;

  @ApiProperty({ enum: FLAG_REASONS })
  @IsIn(FLAG_REASONS, oneOf(FLAG_REASONS))
  reason!: FlagReason;

  @OptionalTrimmedText(FLAG_NOTE_MAX, 'Required for the reason "other"')
  note?: string;
}

export class QueueQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'resolved'], reason('validation.moderation.queueStatus'))
  status?: QueueItemStatus;

  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

const ALL_ACTIONS = [...MODERATION_ACTIONS, ...APPEAL_DECISIONS];

export class ActionDto {
  @ApiProperty({ enum: ALL_ACTIONS })
  @IsIn(ALL_ACTIONS, oneOf(ALL_ACTIONS))
  action!: ModerationAction | AppealDecision;

  @ApiProperty({ enum: ACTION_REASON_IDS })
  @IsIn(ACTION_REASON_IDS, reason('validation.moderation.reasonPreset'))
  reason!: ActionReason;

  @OptionalTrimmedText(1000, 'A note to the author (required for warn_author)')
  message?: string;

  @ApiPropertyOptional({
    enum: SUSPENSION_DAYS,
    nullable: true,
    description: 'suspend_author: null = until further notice',
  })
  @ValidateIf((o: ActionDto) => o.days !== undefined && o.days !== null)
  @IsIn(SUSPENSION_DAYS, reason('validation.moderation.suspensionDays'))
  days?: number | null;

  @OptionalTrimmedText(100, 'add_content_warning: the warning shown before the content')
  text?: string;
}

export class TargetParamsDto {
  @ApiProperty({ enum: MODERATION_TARGET_TYPES })
  @IsIn(MODERATION_TARGET_TYPES, oneOf(MODERATION_TARGET_TYPES))
  type!: ModerationTargetType;

  @Id()
  id!: string;
}

export class IdParamDto {
  @Id()
  id!: string;
}

export class LogQueryDto {
  @OptionalTrimmedText(32)
  action?: string;

  @OptionalTrimmedText(24)
  moderator?: string;

  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class AppealDto {
  @TrimmedText(10, 1000, 'Why you think the decision was wrong')
  message!: string;
}

export class UnmaskDto {
  @ApiProperty({ enum: MODERATION_TARGET_TYPES })
  @IsIn(MODERATION_TARGET_TYPES, oneOf(MODERATION_TARGET_TYPES))
  targetType!: ModerationTargetType;

  @Id()
  targetId!: string;

  @TrimmedText(10, 500, 'Why the author must be known (logged for every moderator)')
  reason!: string;
}

export class UserSearchDto {
  @OptionalTrimmedText(24)
  q?: string;

  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

/** Admin: suspend a member by username (the users screen), for set days or until further notice. */
export class SuspendUserDto {
  @ApiProperty({ enum: SUSPENSION_DAYS, nullable: true, description: 'null = until further notice' })
  @ValidateIf((o: SuspendUserDto) => o.days !== null)
  @IsIn(SUSPENSION_DAYS, reason('validation.moderation.suspensionDays'))
  days!: number | null;

  @ApiProperty({ enum: ACTION_REASON_IDS })
  @IsIn(ACTION_REASON_IDS, oneOf(ACTION_REASON_IDS))
  reason!: ActionReason;

  @OptionalTrimmedText(1000, 'A note to the member, shown in their notice')
  message?: string;
}

export class UsernameParamDto {
  @TrimmedText(1, 24)
  username!: string;
}

export class RoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, oneOf(ROLES))
  role!: Role;
}
