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
import { Id, OptionalTrimmedText, TrimmedText } from '../../common/validation.js';

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
  @IsArray({ message: 'must be a list of tags' })
  @ArrayMaxSize(L.tagsMax, { message: `may have at most ${L.tagsMax} tags` })
  @IsString({ each: true, message: 'must be a list of text tags' })
  @Length(1, L.tagMax, { each: true, message: `each tag must be 1–${L.tagMax} characters` })
  tags?: string[];

  @ApiProperty({ enum: MEETING_AUDIENCES })
  @IsIn(MEETING_AUDIENCES, { message: 'must be "members" or "open"' })
  audience!: MeetingAudience;

  @ApiProperty({ format: 'date-time', description: 'The first occurrence' })
  @IsISO8601({ strict: true }, { message: 'must be a date and time (ISO 8601)' })
  startsAt!: string;

  @ApiPropertyOptional({
    nullable: true,
    example: 'FREQ=WEEKLY;BYDAY=TU',
    description: 'RFC 5545 RRULE; null for one-off',
  })
  @IsOptional()
  @IsString({ message: 'must be an RFC 5545 rule such as FREQ=WEEKLY;BYDAY=TU' })
  @Length(1, 300, { message: 'must be 1–300 characters' })
  rrule?: string | null;

  @ApiProperty({ example: 'America/New_York' })
  @IsString({ message: 'must be an IANA time zone such as America/New_York' })
  @Length(1, 64, { message: 'must be an IANA time zone such as America/New_York' })
  timezone!: string;

  @ApiProperty({ minimum: L.durationMin, maximum: L.durationMax })
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(L.durationMin, { message: `must be ${L.durationMin}–${L.durationMax} minutes` })
  @Max(L.durationMax, { message: `must be ${L.durationMin}–${L.durationMax} minutes` })
  durationMinutes!: number;

  @ApiPropertyOptional({ minimum: 0, maximum: L.lobbyMax, default: L.lobbyDefault })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(0, { message: `must be 0–${L.lobbyMax} minutes` })
  @Max(L.lobbyMax, { message: `must be 0–${L.lobbyMax} minutes` })
  lobbyMinutes?: number;

  @ApiPropertyOptional({ minimum: L.capacityMin, maximum: L.capacityMax, default: L.capacityDefault })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(L.capacityMin, { message: `must be ${L.capacityMin}–${L.capacityMax} people` })
  @Max(L.capacityMax, { message: `must be ${L.capacityMin}–${L.capacityMax} people` })
  capacity?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: L.slowModeMax, default: 0 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(0, { message: `must be 0–${L.slowModeMax} seconds` })
  @Max(L.slowModeMax, { message: `must be 0–${L.slowModeMax} seconds` })
  slowModeSeconds?: number;

  @ApiPropertyOptional({ type: [String], description: 'Usernames of the facilitators' })
  @IsOptional()
  @Transform(trimEach)
  @IsArray({ message: 'must be a list of usernames' })
  @ArrayMaxSize(L.facilitatorsMax, { message: `may have at most ${L.facilitatorsMax} facilitators` })
  @IsString({ each: true, message: 'must be a list of usernames' })
  @Matches(USERNAME_PATTERN, { each: true, message: 'must be a list of usernames' })
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
