import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { reason } from '../../common/validation.js';

/** The browser's answer to a passkey ceremony (@simplewebauthn/browser's JSON), checked by the service. */
export class PasskeyResponseDto {
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject(reason('validation.passkeys.response'))
  response!: Record<string, unknown>;
}
