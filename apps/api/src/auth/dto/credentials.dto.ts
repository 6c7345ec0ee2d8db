import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCALES, type Locale } from '@kindred/contracts';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { reason } from '../../common/validation.js';

export class RegisterDto {
  @ApiProperty({ minLength: 3, maxLength: 24, pattern: '^[A-Za-z0-9_-]+$', example: 'quiet_river' })
  @IsString(reason('validation.common.text'))
  @Length(3, 24, reason('validation.common.lengthBetween', { min: 3, max: 24 }))
  @Matches(/^[A-Za-z0-9_-]+$/, reason('validation.auth.usernameCharacters'))
  username!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString(reason('validation.common.text'))
  @Length(10, 200, reason('validation.common.lengthBetween', { min: 10, max: 200 }))
  password!: string;
}

export class LoginDto {
  @ApiProperty()
  @IsString(reason('validation.common.text'))
  @Length(1, 100, reason('validation.common.lengthBetween', { min: 1, max: 100 }))
  username!: string;

  @ApiProperty()
  @IsString(reason('validation.common.text'))
  @Length(1, 200, reason('validation.common.lengthBetween', { min: 1, max: 200 }))
  password!: string;
}

/** PATCH /api/me: any of the account's own settings (at least one). */
export class UpdateSettingsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean(reason('validation.common.trueOrFalse'))
  anonymousByDefault?: boolean;

  /** Watch the threads you start and reply to (also PUT /api/me/notification-settings). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean(reason('validation.common.trueOrFalse'))
  autoWatch?: boolean;

  /** Push notifications name the thread ("New reply in …") instead of the discreet default. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean(reason('validation.common.trueOrFalse'))
  pushTitles?: boolean;

  /** The member's language for screens and for the texts Kindred writes them (notices, notifications). */
  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn([...LOCALES], reason('validation.common.oneOfColon', { options: LOCALES.join(', ') }))
  locale?: Locale;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString(reason('validation.common.text'))
  @Length(1, 200, reason('validation.common.lengthBetween', { min: 1, max: 200 }))
  currentPassword!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString(reason('validation.common.text'))
  @Length(10, 200, reason('validation.common.lengthBetween', { min: 10, max: 200 }))
  newPassword!: string;
}

export class CurrentPasswordDto {
  @ApiProperty()
  @IsString(reason('validation.common.text'))
  @Length(1, 200, reason('validation.common.lengthBetween', { min: 1, max: 200 }))
  currentPassword!: string;
}

export class RecoverDto {
  @ApiProperty()
  @IsString(reason('validation.common.text'))
  @Length(1, 100, reason('validation.common.lengthBetween', { min: 1, max: 100 }))
  username!: string;

  @ApiProperty({ example: 'kq7m-2xpv-9tce' })
  @IsString(reason('validation.common.text'))
  @Length(1, 40, reason('validation.common.lengthBetween', { min: 1, max: 40 }))
  code!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString(reason('validation.common.text'))
  @Length(10, 200, reason('validation.common.lengthBetween', { min: 10, max: 200 }))
  newPassword!: string;
}

export class ResetDto {
  @ApiProperty()
  @IsString(reason('validation.common.text'))
  @Length(1, 100, reason('validation.common.lengthBetween', { min: 1, max: 100 }))
  token!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString(reason('validation.common.text'))
  @Length(10, 200, reason('validation.common.lengthBetween', { min: 10, max: 200 }))
  newPassword!: string;
}
