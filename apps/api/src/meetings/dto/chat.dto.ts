import { MEETING_LIMITS as L } from '@kindred/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateBy } from 'class-validator';
import { Id, OptionalId, reason, TrimmedText } from '../../common/validation.js';

const HANDLE = /^[A-Za-z0-9_-]{8,32}$/;

export class MeetingRefDto {
  @Id()
  meetingId!: string;
}

export class JoinDto extends MeetingRefDto {
  @OptionalId()
  afterId?: string;

  @IsOptional()
  @IsBoolean(reason('validation.common.trueOrFalse'))
  useUsername?: boolean;
}

export class SendMessageDto extends MeetingRefDto {
  @IsString(reason('validation.common.text'))
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, reason('validation.meetings.clientId'))
  clientId!: string;

  /** Over-long text is refused by the service with `too_long`; this only stops absurd payloads. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString(reason('validation.common.text'))
  @Length(1, L.messageMax * 4, reason('validation.common.notEmpty'))
  body!: string;
}

export class ParticipantRefDto extends MeetingRefDto {
  @IsString(reason('validation.meetings.participant'))
  @Matches(HANDLE, reason('validation.meetings.participant'))
  participant!: string;
}

const MinutesOrSession = (): PropertyDecorator =>
  ValidateBy(
    {
      name: 'minutesOrSession',
      validator: {
        validate: (value: unknown) =>
          value === 'session' || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 240),
      },
    },
    reason('validation.meetings.muteMinutes', { max: 240 }),
  );

export class MuteDto extends ParticipantRefDto {
  @MinutesOrSession()
  minutes!: number | 'session';
}

export class CallHandDto {
  @OptionalId()
  meetingId?: string;

  @IsString(reason('validation.meetings.participant'))
  @Matches(HANDLE, reason('validation.meetings.participant'))
  participant!: string;
}

export class RemoveMessageDto {
  @IsUUID('4', reason('validation.common.id'))
  messageId!: string;

  @TrimmedText(1, 300)
  reason!: string;
}

export class SlowModeDto extends MeetingRefDto {
  @IsInt(reason('validation.meetings.slowModeSeconds', { max: L.slowModeMax }))
  @Min(0, reason('validation.meetings.slowModeSeconds', { max: L.slowModeMax }))
  @Max(L.slowModeMax, reason('validation.meetings.slowModeSeconds', { max: L.slowModeMax }))
  seconds!: number;
}
