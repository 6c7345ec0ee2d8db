import type { BoardView } from './boards.js';
import type { CrisisResource, InternationalCrisisResource } from './crisis.js';
import type { Locale } from './i18n.js';

/** The educational library: reviewed articles, their sections, board pins and related reading. */

/** One card in the library index. */
export interface ArticleSummary {
  slug: string;
  title: string;
  /** One sentence. */
  summary: string;
  tags: string[];
  /** ISO date (YYYY-MM-DD) of the last review. */
  reviewedAt: string;
  /** The language of this text: the reader's when the article is written in it, otherwise English. */
  locale: Locale;
}

export interface ArticleList {
  items: ArticleSummary[];
}

/** A section of an article: `id` is the stable anchor of its heading in `html`. */
export interface ArticleSectionRef {
  id: string;
  heading: string;
}

/** A whole article, HTML rendered and sanitised on the server. */
export interface ArticleView extends ArticleSummary {
  html: string;
  sections: ArticleSectionRef[];
  sources: string[];
  /** The other languages the article is written in: `GET /api/articles/:slug?lang=<locale>`. */
  translations: Locale[];
}

/**
 * A section that matches a thread, linked as `/library/<articleSlug>?lang=<locale>#<sectionId>`: it is in
 * the thread's language (a thread in Spanish is matched to the Spanish articles), which may not be the reader's.
 */
export interface RelatedArticle {
  articleSlug: string;
  /** The language of the section (anchors differ between languages). */
  locale: Locale;
  articleTitle: string;
  sectionId: string;
  heading: string;
  snippet: string;
}

export interface RelatedArticleList {
  items: RelatedArticle[];
}

/** An article pinned to a board, in board order. */
export interface PinnedArticle {
  slug: string;
  title: string;
  summary: string;
}

/** `GET /api/boards/:slug`: the board with the articles pinned to it, in board order. */
export interface BoardWithArticles extends BoardView {
  pinnedArticles: PinnedArticle[];
}

export interface BoardArticleList {
  boardSlug: string;
  items: PinnedArticle[];
}

/** Admin: the articles pinned to a board, in order (replaces the whole list). */
export interface SetBoardArticlesRequest {
  slugs: string[];
}

/** Admin overview: every board that has pins (or that exists), with its pinned articles. */
export interface BoardPinsOverview {
  boards: Array<{ slug: string; name: string | null; items: PinnedArticle[] }>;
}

export interface CrisisResourceList {
  items: CrisisResource[];
  /** Lines outside the US ("Not in the US?"), from CRISIS_RESOURCES_FILE's `international` or the defaults. */
  international: InternationalCrisisResource[];
}
