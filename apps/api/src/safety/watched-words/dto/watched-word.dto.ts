import { ApiProperty } from '@nestjs/swagger';
import { WATCHED_WORD_ACTIONS, type WatchedWordAction } from '@kindred/contracts';
import { IsIn } from 'class-validator';
import { reason, TrimmedText } from '../../../common/validation.js';

export class WatchedWordDto {
  @TrimmedText(1, 200, 'A word or phrase (* matches any letters) or a /regular expression/')
  pattern!: string;

  @ApiProperty({ enum: WATCHED_WORD_ACTIONS })
  @IsIn(WATCHED_WORD_ACTIONS, reason('validation.safety.watchedWordAction'))
  action!: WatchedWordAction;
}

export class SafetyTestDto {
  @TrimmedText(1, 20000, 'The text to try')
  text!: string;
}

export class WatchedWordsImportDto {
  @TrimmedText(1, 60000, 'CSV lines of pattern,action')
  csv!: string;
}
