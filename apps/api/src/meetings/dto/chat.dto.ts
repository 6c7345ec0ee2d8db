import { MEETING_LIMITS as L } from '@kindred/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateBy } from 'class-validator';
import { Id, OptionalId, TrimmedText } from '../../common/validation.js';

const HANDLE = /^[A-Za-z0-9_-]{8,32}$/;

export class MeetingRefDto {
  @Id()
  meetingId!: string;
}

export class JoinDto extends MeetingRefDto {
  @OptionalId()
  afterId?: string;

  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  useUsername?: boolean;
}

export class SendMessageDto extends MeetingRefDto {
  @IsString({ message: 'must be text' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1–64 letters, digits, - or _ (a UUID is ideal)' })
  clientId!: string;

  /** Over-long text is refused by the service with `too_long`; this only stops absurd payloads. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'must be text' })
  @Length(1, L.messageMax * 4, { message: 'must not be empty' })
  body!: string;
}

export class ParticipantRefDto extends MeetingRefDto {
  @IsString({ message: 'must be a participant id' })
  @Matches(HANDLE, { message: 'must be a participant id' })
  participant!: string;
}

const MinutesOrSession = (): PropertyDecorator =>
  ValidateBy({
    name: 'minutesOrSession',
    validator: {
      validate: (value: unknown) =>
        value === 'session' || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 240),
      defaultMessage: () => 'must be a whole number of minutes (0–240) or "session"',
    },
  });

export class MuteDto extends ParticipantRefDto {
  @MinutesOrSession()
  minutes!: number | 'session';
}

export class CallHandDto {
  @OptionalId()
  meetingId?: string;

  @IsString({ message: 'must be a participant id' })
  @Matches(HANDLE, { message: 'must be a participant id' })
  participant!: string;
}

export class RemoveMessageDto {
  @IsUUID('4', { message: 'must be a valid id' })
  messageId!: string;

  @TrimmedText(1, 300)
  reason!: string;
}

export class SlowModeDto extends MeetingRefDto {
  @IsInt({ message: `must be a whole number of seconds (0–${L.slowModeMax})` })
  @Min(0, { message: `must be a whole number of seconds (0–${L.slowModeMax})` })
  @Max(L.slowModeMax, { message: `must be a whole number of seconds (0–${L.slowModeMax})` })
  seconds!: number;
}
