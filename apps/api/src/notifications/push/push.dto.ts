import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

class PushKeysDto {
  /** The device's P-256 public key (base64url, from PushSubscription.toJSON()). */
  @ApiProperty()
  @IsString({ message: 'must be text' })
  @Matches(/^[A-Za-z0-9_-]{80,100}={0,2}$/, { message: 'must be the base64url p256dh key of the subscription' })
  p256dh!: string;

  @ApiProperty()
  @IsString({ message: 'must be text' })
  @Matches(/^[A-Za-z0-9_-]{16,30}={0,2}$/, { message: 'must be the base64url auth secret of the subscription' })
  auth!: string;
}

export class PushEndpointDto {
  /** The push service's https address for this device. */
  @ApiProperty({ example: 'https://push.example/abc' })
  @IsString({ message: 'must be an https address' })
  @Length(12, 2000, { message: 'must be an https address of at most 2000 characters' })
  @Matches(/^https:\/\/[^\s/?#]+\/\S*$/, { message: 'must be an https address (push services use https)' })
  endpoint!: string;
}

export class PushSubscriptionDto extends PushEndpointDto {
  /** PushSubscription.toJSON() sends it (null in every browser today); read and not kept. */
  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsNumber({}, { message: 'must be a time in milliseconds, or null' })
  expirationTime?: number | null;

  @ApiProperty({ type: PushKeysDto })
  @IsObject({ message: 'must be { p256dh, auth }' })
  @ValidateNested()
  @Type(() => PushKeysDto)
  keys!: PushKeysDto;
}
