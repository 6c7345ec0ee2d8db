import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { reason } from '../../common/validation.js';

class PushKeysDto {
  /** The device's P-256 public key (base64url, from PushSubscription.toJSON()). */
  @ApiProperty()
  @IsString(reason('validation.common.text'))
  @Matches(/^[A-Za-z0-9_-]{80,100}={0,2}$/, reason('validation.push.p256dh'))
  p256dh!: string;

  @ApiProperty()
  @IsString(reason('validation.common.text'))
  @Matches(/^[A-Za-z0-9_-]{16,30}={0,2}$/, reason('validation.push.auth'))
  auth!: string;
}

export class PushEndpointDto {
  /** The push service's https address for this device. */
  @ApiProperty({ example: 'https://push.example/abc' })
  @IsString(reason('validation.push.https'))
  @Length(12, 2000, reason('validation.push.httpsLength', { max: 2000 }))
  @Matches(/^https:\/\/[^\s/?#]+\/\S*$/, reason('validation.push.httpsOnly'))
  endpoint!: string;
}

export class PushSubscriptionDto extends PushEndpointDto {
  /** PushSubscription.toJSON() sends it (null in every browser today); read and not kept. */
  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsNumber({}, reason('validation.push.expirationTime'))
  expirationTime?: number | null;

  @ApiProperty({ type: PushKeysDto })
  @IsObject(reason('validation.push.keys'))
  @ValidateNested()
  @Type(() => PushKeysDto)
  keys!: PushKeysDto;
}
