import { ApiProperty } from '@nestjs/swagger';
import type { DeleteAccountMode } from '@kindred/contracts';
import { IsIn, IsString, Length } from 'class-validator';
import { reason } from '../../common/validation.js';

export class DeleteAccountDto {
  @ApiProperty({ description: 'Your password, asked again before anything is deleted.' })
  @IsString(reason('validation.common.text'))
  @Length(1, 200, reason('validation.common.lengthBetween', { min: 1, max: 200 }))
  password!: string;

  @ApiProperty({
    enum: ['anonymize', 'erase'],
    description:
      'anonymize: posts stay under "former member"; erase: each post and chat message is deleted at its own random moment within ERASE_WINDOW_SECONDS, as its author would delete it alone.',
  })
  @IsIn(['anonymize', 'erase'], reason('validation.privacy.deleteMode'))
  mode!: DeleteAccountMode;
}
