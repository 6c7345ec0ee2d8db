import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { LOCALES, type Locale } from '@kindred/contracts';
import { reason } from '../../common/validation.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class ArticleListQuery {
  @ApiPropertyOptional({ description: 'Only articles with this tag (case-insensitive)', maxLength: 60 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString(reason('validation.common.text'))
  @Length(1, 60, reason('validation.common.lengthBetween', { min: 1, max: 60 }))
  tag?: string;
}

export class ArticleLanguageQuery {
  @ApiPropertyOptional({
    enum: LOCALES,
    description: "The language to read the article in (its link to another language); otherwise the reader's",
  })
  @IsOptional()
  @IsIn([...LOCALES], reason('validation.common.oneOfColon', { options: LOCALES.join(', ') }))
  lang?: Locale;
}

export class ArticleSlugParams {
  @ApiProperty({ example: 'medications-for-opioid-use-disorder' })
  @IsString(reason('validation.library.notArticle'))
  @Length(1, 100, reason('validation.library.notArticle'))
  slug!: string;
}

export class BoardSlugParams {
  @ApiProperty({ example: 'withdrawal-detox' })
  @IsString(reason('validation.common.notBoard'))
  @Length(1, 100, reason('validation.common.notBoard'))
  @Matches(SLUG, reason('validation.common.notBoard'))
  slug!: string;
}

export class ThreadIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', reason('validation.common.id'))
  id!: string;
}

export class SetBoardArticlesDto {
  @ApiProperty({
    type: [String],
    maxItems: 20,
    description: 'Article slugs to pin to the board, in display order. Replaces the current pins; [] unpins all.',
    example: ['medications-for-opioid-use-disorder', 'withdrawal-symptoms-and-timeline'],
  })
  @IsArray(reason('validation.library.slugList'))
  @ArrayMaxSize(20, reason('validation.library.pinMax', { max: 20 }))
  @IsString(reason('validation.library.slugList', undefined, { each: true }))
  @Matches(SLUG, reason('validation.library.slugList', undefined, { each: true }))
  slugs!: string[];
}
