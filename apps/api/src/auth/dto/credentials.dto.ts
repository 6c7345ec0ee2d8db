import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCALES, type Locale } from '@kindred/contracts';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export class RegisterDto {
  @ApiProperty({ minLength: 3, maxLength: 24, pattern: '^[A-Za-z0-9_-]+$', example: 'quiet_river' })
  @IsString({ message: 'must be text' })
  @Length(3, 24, { message: 'must be 3–24 characters' })
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'may use only letters, digits, _ and -' })
  username!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString({ message: 'must be text' })
  @Length(10, 200, { message: 'must be 10–200 characters' })
  password!: string;
}

export class LoginDto {
  @ApiProperty()
  @IsString({ message: 'must be text' })
  @Length(1, 100, { message: 'must be 1–100 characters' })
  username!: string;

  @ApiProperty()
  @IsString({ message: 'must be text' })
  @Length(1, 200, { message: 'must be 1–200 characters' })
  password!: string;
}

/** PATCH /api/me: any of the account's own settings (at least one). */
export class UpdateSettingsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  anonymousByDefault?: boolean;

  /** Watch the threads you start and reply to (also PUT /api/me/notification-settings). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  autoWatch?: boolean;

  /** Push notifications name the thread ("New reply in …") instead of the discreet default. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  pushTitles?: boolean;

  /** The member's language for screens and for the texts Kindred writes them (notices, notifications). */
  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn([...LOCALES], { message: `must be one of: ${LOCALES.join(', ')}` })
  locale?: Locale;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString({ message: 'must be text' })
  @Length(1, 200, { message: 'must be 1–200 characters' })
  currentPassword!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString({ message: 'must be text' })
  @Length(10, 200, { message: 'must be 10–200 characters' })
  newPassword!: string;
}

export class CurrentPasswordDto {
  @ApiProperty()
  @IsString({ message: 'must be text' })
  @Length(1, 200, { message: 'must be 1–200 characters' })
  currentPassword!: string;
}

export class RecoverDto {
  @ApiProperty()
  @IsString({ message: 'must be text' })
  @Length(1, 100, { message: 'must be 1–100 characters' })
  username!: string;

  @ApiProperty({ example: 'kq7m-2xpv-9tce' })
  @IsString({ message: 'must be text' })
  @Length(1, 40, { message: 'must be 1–40 characters' })
  code!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString({ message: 'must be text' })
  @Length(10, 200, { message: 'must be 10–200 characters' })
  newPassword!: string;
}

export class ResetDto {
  @ApiProperty()
  @IsString({ message: 'must be text' })
  @Length(1, 100, { message: 'must be 1–100 characters' })
  token!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString({ message: 'must be text' })
  @Length(10, 200, { message: 'must be 10–200 characters' })
  newPassword!: string;
}
