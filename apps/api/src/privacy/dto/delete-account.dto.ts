import { ApiProperty } from '@nestjs/swagger';
import type { DeleteAccountMode } from '@kindred/contracts';
import { IsIn, IsString, Length } from 'class-validator';

export class DeleteAccountDto {
  @ApiProperty({ description: 'Your password, asked again before anything is deleted.' })
  @IsString({ message: 'must be text' })
  @Length(1, 200, { message: 'must be 1–200 characters' })
  password!: string;

  @ApiProperty({
    enum: ['anonymize', 'erase'],
    description:
      'anonymize: posts stay under "former member"; erase: each post and chat message is deleted at its own random moment within ERASE_WINDOW_SECONDS, as its author would delete it alone.',
  })
  @IsIn(['anonymize', 'erase'], { message: 'must be anonymize or erase' })
  mode!: DeleteAccountMode;
}
