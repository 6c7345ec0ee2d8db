import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { MEETING_AUDIENCES, MEETING_LIMITS as L, USERNAME_PATTERN, type MeetingAudience } from '@kindred/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { Id, OptionalTrimmedText, reason, TrimmedText } from '../../common/validation.js';

const trimEach = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

export class CreateMeetingDto {
  @TrimmedText(3, L.nameMax)
  name!: string;

  @OptionalTrimmedText(L.descriptionMax)
  description?: string;

  @ApiPropertyOptional({ type: [String], maxItems: L.tagsMax, example: ['newcomers welcome', 'MAT-friendly'] })
  @IsOptional()
  @Transform(trimEach)
  @IsArray(reason('validation.meetings.tagList'))
  @ArrayMaxSize(L.tagsMax, reason('validation.meetings.tagsMax', { max: L.tagsMax }))
  @IsString(reason('validation.meetings.tagTextList', undefined, { each: true }))
  @Length(1, L.tagMax, reason('validation.meetings.tagLength', { max: L.tagMax }, { each: true }))
  tags?: string[];

  @ApiProperty({ enum: MEETING_AUDIENCES })
  @IsIn(MEETING_AUDIENCES, reason('validation.meetings.audience'))
  audience!: MeetingAudience;

  @ApiProperty({ format: 'date-time', description: 'The first occurrence' })
  @IsISO8601({ strict: true }, reason('validation.meetings.dateTime'))
  startsAt!: string;

  @ApiPropertyOptional({
    nullable: true,
    example: 'FREQ=WEEKLY;BYDAY=TU',
    description: 'RFC 5545 RRULE; null for one-off',
  })
  @IsOptional()
  @IsString(reason('validation.meetings.rrule'))
  @Length(1, 300, reason('validation.common.lengthBetween', { min: 1, max: 300 }))
  rrule?: string | null;

  @ApiProperty({ example: 'America/New_York' })
  @IsString(reason('validation.meetings.timezone'))
  @Length(1, 64, reason('validation.meetings.timezone'))
  timezone!: string;

  @ApiProperty({ minimum: L.durationMin, maximum: L.durationMax })
  @IsInt(reason('validation.meetings.wholeMinutes'))
  @Min(L.durationMin, reason('validation.meetings.minutesBetween', { min: L.durationMin, max: L.durationMax }))
  @Max(L.durationMax, reason('validation.meetings.minutesBetween', { min: L.durationMin, max: L.durationMax }))
  durationMinutes!: number;

  @ApiPropertyOptional({ minimum: 0, maximum: L.lobbyMax, default: L.lobbyDefault })
  @IsOptional()
  @IsInt(reason('validation.meetings.wholeMinutes'))
  @Min(0, reason('validation.meetings.minutesBetween', { min: 0, max: L.lobbyMax }))
  @Max(L.lobbyMax, reason('validation.meetings.minutesBetween', { min: 0, max: L.lobbyMax }))
  lobbyMinutes?: number;

  @ApiPropertyOptional({ minimum: L.capacityMin, maximum: L.capacityMax, default: L.capacityDefault })
  @IsOptional()
  @IsInt(reason('validation.common.wholeNumber'))
  @Min(L.capacityMin, reason('validation.meetings.peopleBetween', { min: L.capacityMin, max: L.capacityMax }))
  @Max(L.capacityMax, reason('validation.meetings.peopleBetween', { min: L.capacityMin, max: L.capacityMax }))
  capacity?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: L.slowModeMax, default: 0 })
  @IsOptional()
  @IsInt(reason('validation.meetings.wholeSeconds'))
  @Min(0, reason('validation.meetings.secondsBetween', { min: 0, max: L.slowModeMax }))
  @Max(L.slowModeMax, reason('validation.meetings.secondsBetween', { min: 0, max: L.slowModeMax }))
  slowModeSeconds?: number;

  @ApiPropertyOptional({ type: [String], description: 'Usernames of the facilitators' })
  @IsOptional()
  @Transform(trimEach)
  @IsArray(reason('validation.meetings.usernameList'))
  @ArrayMaxSize(L.facilitatorsMax, reason('validation.meetings.facilitatorsMax', { max: L.facilitatorsMax }))
  @IsString(reason('validation.meetings.usernameList', undefined, { each: true }))
  @Matches(USERNAME_PATTERN, reason('validation.meetings.usernameList', undefined, { each: true }))
  facilitators?: string[];
}

export class UpdateMeetingDto extends PartialType(CreateMeetingDto) {}

export class MeetingParams {
  @Id()
  id!: string;
}

export class MeetingSessionParams extends MeetingParams {
  @Id()
  sessionId!: string;
}

export class FacilitatorNameDto {
  @TrimmedText(1, 30, 'The name you run meetings under, e.g. "Sam" (shown as "Facilitator – Sam").')
  name!: string;
}
