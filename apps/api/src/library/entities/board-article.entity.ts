import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An article pinned to a board, by board slug, in `position` order. */
@Entity({ name: 'board_articles' })
export class BoardArticleEntity {
  @PrimaryColumn({ name: 'board_slug', type: 'varchar', length: 100 })
  boardSlug!: string;

  @PrimaryColumn({ name: 'article_id', type: 'uuid' })
  articleId!: string;

  @Column({ type: 'int' })
  position!: number;
}
