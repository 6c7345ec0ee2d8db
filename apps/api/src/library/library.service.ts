import { Injectable } from '@nestjs/common';
import {
  DEFAULT_LOCALE,
  type ArticleList,
  type ArticleSummary,
  type ArticleView,
  type BoardArticleList,
  type BoardPinsOverview,
  type Locale,
  type PinnedArticle,
} from '@kindred/contracts';
import { AppError, notFound } from '../common/app-error.js';
import { msg } from '../i18n/i18n.js';
import type { ArticleEntity } from './entities/article.entity.js';
import { LibraryRepository } from './library.repository.js';

/** Reading the library, and the admins' board pins. */
@Injectable()
export class LibraryService {
  constructor(private readonly repository: LibraryRepository) {}

  async list(locale: Locale, tag?: string): Promise<ArticleList> {
    const articles = await this.repository.listPublished(locale, tag);
    return { items: articles.map(toSummary) };
  }

  /**
   * An article in `locale` when it is written in it, otherwise in English; `translations` names the
   * other languages it can be read in, for the "Leer en español" / "Read in English" link.
   */
  async get(slug: string, locale: Locale): Promise<ArticleView> {
    const locales = await this.repository.publishedLocales(slug);
    const chosen = locales.includes(locale) ? locale : locales.includes(DEFAULT_LOCALE) ? DEFAULT_LOCALE : null;
    const article = chosen ? await this.repository.findPublishedBySlug(slug, chosen) : null;
    if (!article) throw notFound('errors.notFound.article');
    return {
      ...toSummary(article),
      html: article.html,
      sections: (article.sections ?? []).map((s) => ({ id: s.anchor, heading: s.heading })),
      sources: article.sources,
      translations: locales.filter((l) => l !== article.locale),
    };
  }

  /** The articles pinned to a board, in board order (for the board page and its sidebar), in the reader's language. */
  async pinnedForBoard(boardSlug: string, locale: Locale = DEFAULT_LOCALE): Promise<PinnedArticle[]> {
    const rows = await this.repository.pinnedForBoards([boardSlug], locale);
    return rows.map(({ slug, title, summary }) => ({ slug, title, summary }));
  }

  async boardArticles(boardSlug: string, locale: Locale = DEFAULT_LOCALE): Promise<BoardArticleList> {
    await this.assertBoard(boardSlug);
    return { boardSlug, items: await this.pinnedForBoard(boardSlug, locale) };
  }

  /** Admin: replaces a board's pins with these articles, in this order. */
  async setBoardArticles(boardSlug: string, slugs: string[]): Promise<BoardArticleList> {
    await this.assertBoard(boardSlug);
    if (new Set(slugs).size !== slugs.length) {
      throw new AppError('validation_failed', 'errors.library.pinnedTwice', {
        fields: [{ field: 'slugs', reason: 'validation.library.repeated' }],
      });
    }
    const articles = await this.repository.findPublishedBySlugs(slugs);
    const bySlug = new Map(articles.map((a) => [a.slug, a]));
    const missing = slugs.filter((slug) => !bySlug.has(slug));
    if (missing.length > 0) {
      throw new AppError(
        'not_found',
        msg('errors.library.noSuchArticles', { slugs: missing.map((s) => `"${s}"`).join(', ') }),
        {
          details: { slugs: missing },
        },
      );
    }
    await this.repository.setBoardPins(
      boardSlug,
      slugs.map((slug) => bySlug.get(slug)!.id),
    );
    return this.boardArticles(boardSlug);
  }

  /** Admin: every board with its pins (boards from the boards feature, plus any slug that has pins). */
  async overview(): Promise<BoardPinsOverview> {
    const known = await this.repository.knownBoards();
    const slugs = [...known.map((b) => b.slug)];
    for (const slug of await this.repository.pinnedBoardSlugs()) if (!slugs.includes(slug)) slugs.push(slug);
    const rows = await this.repository.pinnedForBoards(slugs);
    const names = new Map(known.map((b) => [b.slug, b.name]));
    return {
      boards: slugs.map((slug) => ({
        slug,
        name: names.get(slug) ?? null,
        items: rows
          .filter((r) => r.boardSlug === slug)
          .map(({ slug: s, title, summary }) => ({ slug: s, title, summary })),
      })),
    };
  }

  private async assertBoard(boardSlug: string): Promise<void> {
    const known = await this.repository.knownBoards();
    if (!known.some((b) => b.slug === boardSlug)) throw notFound('errors.notFound.board');
  }
}

function toSummary(article: ArticleEntity): ArticleSummary {
  return {
    slug: article.slug,
    title: article.title,
    summary: article.summary,
    tags: article.tags,
    reviewedAt: reviewedDate(article.reviewedAt),
    locale: article.locale,
  };
}

function reviewedDate(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
