import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

/** The browser's answer to a passkey ceremony (@simplewebauthn/browser's JSON), checked by the service. */
export class PasskeyResponseDto {
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject({ message: "must be the browser's passkey answer" })
  response!: Record<string, unknown>;
}
