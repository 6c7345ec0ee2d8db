import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@kindred/contracts';
import type { ArticleSectionSource } from './article-sections.js';
import { ArticleSectionEntity } from './entities/article-section.entity.js';
import { ArticleEntity } from './entities/article.entity.js';
import { BoardArticleEntity } from './entities/board-article.entity.js';

export type ArticleFields = Pick<
  ArticleEntity,
  | 'slug'
  | 'locale'
  | 'title'
  | 'summary'
  | 'tags'
  | 'sources'
  | 'reviewedAt'
  | 'position'
  | 'body'
  | 'html'
  | 'contentHash'
>;

/**
 * The row a reader of `:locale` sees for each article: the one in their language, or the English one
 * when the article is not written in it (a translation without an English original is theirs alone).
 */
const SHOWN_TO_READER = `(a.locale = :locale OR (a.locale = '${DEFAULT_LOCALE}' AND NOT EXISTS (
  SELECT 1 FROM articles t WHERE t.slug = a.slug AND t.locale = :locale AND t.published)))`;

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

  /** The library index for a reader: each article once, in their language when it is written in it. */
  listPublished(locale: Locale, tag?: string): Promise<ArticleEntity[]> {
    const query = this.dataSource
      .getRepository(ArticleEntity)
      .createQueryBuilder('a')
      .where('a.published')
      .andWhere(SHOWN_TO_READER, { locale })
      .orderBy('a.position', 'ASC')
      .addOrderBy('a.title', 'ASC');
    if (tag) query.andWhere('EXISTS (SELECT 1 FROM unnest(a.tags) t WHERE lower(t) = lower(:tag))', { tag });
    return query.getMany();
  }

  /** The languages an article is published in. */
  async publishedLocales(slug: string): Promise<Locale[]> {
    const rows: Array<{ locale: string }> = await this.dataSource.query(
      `SELECT locale FROM articles WHERE slug = $1 AND published ORDER BY locale`,
      [slug],
    );
    return rows.map((r) => r.locale).filter(isLocale);
  }

  findPublishedBySlug(slug: string, locale: Locale): Promise<ArticleEntity | null> {
    return this.dataSource
      .getRepository(ArticleEntity)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.sections', 's')
      .where('a.slug = :slug AND a.locale = :locale AND a.published', { slug, locale })
      .orderBy('s.position', 'ASC')
      .getOne();
  }

  /** The English rows of these articles (what board pins point at). */
  findPublishedBySlugs(slugs: string[]): Promise<ArticleEntity[]> {
    if (slugs.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(ArticleEntity)
      .createQueryBuilder('a')
      .where('a.slug = ANY(:slugs) AND a.locale = :locale AND a.published', { slugs, locale: DEFAULT_LOCALE })
      .getMany();
  }

  /**
   * Published articles pinned to the given boards, each board in its pin order, with the title and
   * summary in the reader's language where the article is written in it.
   */
  async pinnedForBoards(boardSlugs: string[], locale: Locale = DEFAULT_LOCALE): Promise<PinnedRow[]> {
    if (boardSlugs.length === 0) return [];
    const rows: Array<{ board_slug: string; slug: string; title: string; summary: string }> =
      await this.dataSource.query(
        `SELECT b.board_slug, a.slug, coalesce(t.title, a.title) AS title, coalesce(t.summary, a.summary) AS summary
           FROM board_articles b JOIN articles a ON a.id = b.article_id
           LEFT JOIN articles t ON t.slug = a.slug AND t.locale = $2 AND t.published
          WHERE b.board_slug = ANY($1) AND a.published
          ORDER BY b.board_slug, b.position, a.title`,
        [boardSlugs, locale],
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

  allArticles(): Promise<Array<Pick<ArticleEntity, 'id' | 'slug' | 'locale' | 'contentHash' | 'published'>>> {
    return this.manager.find(ArticleEntity, {
      select: { id: true, slug: true, locale: true, contentHash: true, published: true },
    });
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
  async replaceSections(articleId: string, locale: Locale, sections: ArticleSectionSource[]): Promise<void> {
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
        locale,
      })),
      ['articleId', 'anchor'],
    );
  }

  /** Unpublishes every article language not in `keys` ("<locale>:<slug>"). */
  async unpublishExcept(keys: string[]): Promise<number> {
    const result = await this.manager
      .createQueryBuilder()
      .update(ArticleEntity)
      .set({ published: false })
      .where('published')
      .andWhere(keys.length > 0 ? `NOT ((locale || ':' || slug) = ANY(:keys))` : 'TRUE', { keys })
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
