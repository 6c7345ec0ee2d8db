import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { ArticleSectionSource } from './article-sections.js';
import { ArticleSectionEntity } from './entities/article-section.entity.js';
import { ArticleEntity } from './entities/article.entity.js';
import { BoardArticleEntity } from './entities/board-article.entity.js';

export type ArticleFields = Pick<
  ArticleEntity,
  'slug' | 'title' | 'summary' | 'tags' | 'sources' | 'reviewedAt' | 'position' | 'body' | 'html' | 'contentHash'
>;

export interface PinnedRow {
  boardSlug: string;
  slug: string;
  title: string;
  summary: string;
}

/** Articles, their sections and board pins. */
@Injectable()
export class LibraryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs the import in one transaction under an advisory lock, so several API processes starting
   * together import once, one after the other, and never see a half-imported library.
   */
  withImportLock<T>(work: (tx: LibraryImportTx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('kindred.library.import'))`);
      return work(new LibraryImportTx(manager));
    });
  }

  listPublished(tag?: string): Promise<ArticleEntity[]> {
    const query = this.dataSource
      .getRepository(ArticleEntity)
      .createQueryBuilder('a')
      .where('a.published')
      .orderBy('a.position', 'ASC')
      .addOrderBy('a.title', 'ASC');
    if (tag) query.andWhere('EXISTS (SELECT 1 FROM unnest(a.tags) t WHERE lower(t) = lower(:tag))', { tag });
    return query.getMany();
  }

  findPublishedBySlug(slug: string): Promise<ArticleEntity | null> {
    return this.dataSource
      .getRepository(ArticleEntity)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.sections', 's')
      .where('a.slug = :slug AND a.published', { slug })
      .orderBy('s.position', 'ASC')
      .getOne();
  }

  findPublishedBySlugs(slugs: string[]): Promise<ArticleEntity[]> {
    if (slugs.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ArticleEntity).find({ where: { slug: In(slugs), published: true } });
  }

  /** Published articles pinned to the given boards, each board in its pin order. */
  async pinnedForBoards(boardSlugs: string[]): Promise<PinnedRow[]> {
    if (boardSlugs.length === 0) return [];
    const rows: Array<{ board_slug: string; slug: string; title: string; summary: string }> =
      await this.dataSource.query(
        `SELECT b.board_slug, a.slug, a.title, a.summary
           FROM board_articles b JOIN articles a ON a.id = b.article_id
          WHERE b.board_slug = ANY($1) AND a.published
          ORDER BY b.board_slug, b.position, a.title`,
        [boardSlugs],
      );
    return rows.map((r) => ({ boardSlug: r.board_slug, slug: r.slug, title: r.title, summary: r.summary }));
  }

  /** Every board slug that has at least one pin. */
  async pinnedBoardSlugs(): Promise<string[]> {
    const rows: Array<{ board_slug: string }> = await this.dataSource.query(
      `SELECT DISTINCT board_slug FROM board_articles ORDER BY board_slug`,
    );
    return rows.map((r) => r.board_slug);
  }

  /** Replaces a board's pins with these articles, in this order. */
  async setBoardPins(boardSlug: string, articleIds: string[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(BoardArticleEntity, { boardSlug });
      if (articleIds.length === 0) return;
      await manager.insert(
        BoardArticleEntity,
        articleIds.map((articleId, position) => ({ boardSlug, articleId, position })),
      );
    });
  }

  /**
   * The boards (slug and name) from the boards feature's table. The library keeps pins by board
   * slug and does not import the boards feature, so it reads this one public fact directly.
   */
  knownBoards(): Promise<Array<{ slug: string; name: string }>> {
    return this.dataSource.query(`SELECT slug, name FROM boards ORDER BY position, name`);
  }
}

/** The writes of one import, inside its transaction. */
export class LibraryImportTx {
  constructor(private readonly manager: EntityManager) {}

  allArticles(): Promise<Array<Pick<ArticleEntity, 'id' | 'slug' | 'contentHash' | 'published'>>> {
    return this.manager.find(ArticleEntity, { select: { id: true, slug: true, contentHash: true, published: true } });
  }

  async insertArticle(fields: ArticleFields): Promise<string> {
    const result = await this.manager.insert(ArticleEntity, { ...fields, published: true });
    return (result.identifiers[0] as { id: string }).id;
  }

  async updateArticle(id: string, fields: ArticleFields): Promise<void> {
    await this.manager.update(ArticleEntity, { id }, { ...fields, published: true });
  }

  /**
   * Makes the article's sections exactly these, keeping the row (and id) of every anchor that
   * survives an edit, so related reading stored for threads keeps pointing at the right place.
   */
  async replaceSections(articleId: string, sections: ArticleSectionSource[]): Promise<void> {
    const anchors = sections.map((s) => s.anchor);
    await this.manager
      .createQueryBuilder()
      .delete()
      .from(ArticleSectionEntity)
      .where('article_id = :articleId', { articleId })
      .andWhere(anchors.length > 0 ? 'NOT (anchor = ANY(:anchors))' : 'TRUE', { anchors })
      .execute();
    if (sections.length === 0) return;
    await this.manager.upsert(
      ArticleSectionEntity,
      sections.map((s) => ({
        articleId,
        anchor: s.anchor,
        heading: s.heading,
        position: s.position,
        bodyText: s.bodyText,
        matchable: s.matchable,
      })),
      ['articleId', 'anchor'],
    );
  }

  async unpublishExcept(slugs: string[]): Promise<number> {
    const result = await this.manager
      .createQueryBuilder()
      .update(ArticleEntity)
      .set({ published: false })
      .where('published')
      .andWhere(slugs.length > 0 ? 'NOT (slug = ANY(:slugs))' : 'TRUE', { slugs })
      .execute();
    return result.affected ?? 0;
  }

  /** Appends the article to each board's pins (used only when an article is first imported). */
  async addDefaultPins(articleId: string, boardSlugs: string[]): Promise<void> {
    for (const boardSlug of boardSlugs) {
      await this.manager.query(
        `INSERT INTO board_articles (board_slug, article_id, position)
         SELECT $1::varchar, $2::uuid, COALESCE(MAX(position) + 1, 0) FROM board_articles WHERE board_slug = $1::varchar
         ON CONFLICT DO NOTHING`,
        [boardSlug, articleId],
      );
    }
  }
}
