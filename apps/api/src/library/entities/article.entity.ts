import { Column, Entity, OneToMany, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { Locale } from '@kindred/contracts';
import { ArticleSectionEntity } from './article-section.entity.js';

/** One language of an article: the slug names the article, and each language it is written in is a row. */
@Entity({ name: 'articles' })
@Unique(['slug', 'locale'])
export class ArticleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  slug!: string;

  /** The language of this row's text ('en' for content/articles, 'es' for content/articles/es). */
  @Column({ type: 'text', default: 'en' })
  locale!: Locale;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sources!: string[];

  /** YYYY-MM-DD (pg `date` is read as a string). */
  @Column({ name: 'reviewed_at', type: 'date' })
  reviewedAt!: string;

  /** Order in the library index. */
  @Column({ type: 'int', default: 0 })
  position!: number;

  /** The Markdown source, as in the file. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text' })
  html!: string;

  /** False once the file is removed from the content folder. */
  @Column({ type: 'boolean', default: true })
  published!: boolean;

  /** sha256 of the file, so an unchanged file is not rewritten at start-up. */
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => ArticleSectionEntity, (section) => section.article)
  sections?: ArticleSectionEntity[];
}
