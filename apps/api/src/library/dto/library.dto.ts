import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { LOCALES, type Locale } from '@kindred/contracts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class ArticleListQuery {
  @ApiPropertyOptional({ description: 'Only articles with this tag (case-insensitive)', maxLength: 60 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'must be text' })
  @Length(1, 60, { message: 'must be 1–60 characters' })
  tag?: string;
}

export class ArticleLanguageQuery {
  @ApiPropertyOptional({
    enum: LOCALES,
    description: "The language to read the article in (its link to another language); otherwise the reader's",
  })
  @IsOptional()
  @IsIn([...LOCALES], { message: `must be one of: ${LOCALES.join(', ')}` })
  lang?: Locale;
}

export class ArticleSlugParams {
  @ApiProperty({ example: 'medications-for-opioid-use-disorder' })
  @IsString()
  @Length(1, 100, { message: 'is not an article' })
  slug!: string;
}

export class BoardSlugParams {
  @ApiProperty({ example: 'withdrawal-detox' })
  @IsString()
  @Length(1, 100, { message: 'is not a board' })
  @Matches(SLUG, { message: 'is not a board' })
  slug!: string;
}

export class ThreadIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a valid id' })
  id!: string;
}

export class SetBoardArticlesDto {
  @ApiProperty({
    type: [String],
    maxItems: 20,
    description: 'Article slugs to pin to the board, in display order. Replaces the current pins; [] unpins all.',
    example: ['medications-for-opioid-use-disorder', 'withdrawal-symptoms-and-timeline'],
  })
  @IsArray({ message: 'must be a list of article slugs' })
  @ArrayMaxSize(20, { message: 'may pin at most 20 articles' })
  @IsString({ each: true, message: 'must be a list of article slugs' })
  @Matches(SLUG, { each: true, message: 'must be a list of article slugs' })
  slugs!: string[];
}
