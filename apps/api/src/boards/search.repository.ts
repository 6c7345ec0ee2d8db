import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_LOCALE, type Locale } from '@kindred/contracts';
import { AppError } from '../common/app-error.js';
import { toPlainText } from '../common/markdown.js';
import type { RankKey, TimeKey } from './boards-cursor.js';

/** Private-use characters mark matches in ts_headline output; they are stripped from the text first. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;
const WHOLE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
/** Texts up to this many words are shown whole. */
const WHOLE_SNIPPET_WORDS = 35;

export interface SearchRow {
  type: 'thread' | 'post' | 'article' | 'section';
  /** Null for library rows. */
  threadId: string | null;
  postId: string | null;
  key: string;
  rank: number;
  /** The thread's or the article's title. */
  threadTitle: string;
  boardSlug: string | null;
  boardName: string | null;
  anonymous: boolean;
  alias: string | null;
  username: string | null;
  createdAt: Date | null;
  articleSlug: string | null;
  anchor: string | null;
  heading: string | null;
  /** Plain text, matches wrapped in MARK_START / MARK_END. */
  snippet: string;
}

/** Text-search configuration of a library language (the articles' tsvectors use the same). */
const LIBRARY_TS_CONFIG: Record<Locale, string> = { en: 'english', es: 'spanish' };

interface PageRow extends Omit<SearchRow, 'snippet' | 'rank'> {
  rank: string | number;
  /** The text-search configuration the row matched with, for its snippet. */
  tsConfig: string;
  /** The text the snippet comes from, and whether it is Markdown (a post body) or already plain. */
  text: string;
  markdown: boolean;
}

export interface MemberPostRow {
  id: string;
  threadId: string;
  threadTitle: string;
  boardSlug: string;
  boardName: string;
  html: string;
  createdAt: Date;
  editedAt: Date | null;
  cursorMicros: string;
}

/** The longest one search may run (ms). */
export const SEARCH_TIMEOUT_MS = 2_000;
const QUERY_CANCELED = '57014';

const searchTooBroad = (): AppError =>
  new AppError('unprocessable', 'errors.search.tooBroad', {
    fields: [{ field: 'q', reason: 'validation.search.tooBroad' }],
  });

@Injectable()
export class SearchRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Full-text search over the boards and the library, ranked together (stored tsvectors, GIN
   * indexes), published content only; `limit + 1` rows.
   *
   * - a thread matches by its title (weighing double) or its opening post, once;
   * - a reply matches by its body;
   * - an article by its title (A) or summary (B), a section by its heading (A) or text (B).
   *   Library weights are set so a heading counts like a thread title and text like a post
   *   ({D, C, B, A} = {0.1, 0.1, 0.1, 0.2}), so neither side crowds the other out.
   * A board filter leaves the library out. The library is searched in the reader's language
   * (`locale`, with its stemmer), and in English for an article not written in it. Snippets come
   * from plain text: a post's Markdown is turned into text first, then PostgreSQL marks the matches
   * (ts_headline) for the page's rows.
   */
  async search(
    text: string,
    options: { boardSlug: string | null; after: RankKey | null; limit: number; locale?: Locale },
  ): Promise<SearchRow[]> {
    const locale = options.locale ?? DEFAULT_LOCALE;
    const params: unknown[] = [text, options.boardSlug, locale, LIBRARY_TS_CONFIG[locale]];
    let after = '';
    if (options.after) {
      params.push(options.after.rank, options.after.id);
      after = `WHERE (m.rank, m.key) < ($5::real, $6::uuid)`;
    }
    params.push(options.limit + 1);
    // One search may not hold the database for long: past SEARCH_TIMEOUT_MS PostgreSQL cancels it.
    return this.db
      .transaction(async (manager) => {
        await manager.query(`SELECT set_config('statement_timeout', $1, true)`, [String(SEARCH_TIMEOUT_MS)]);
        const page: PageRow[] = await manager.query(
          `WITH q AS (
         SELECT websearch_to_tsquery('english', $1) AS query, websearch_to_tsquery($4::regconfig, $1) AS lib_query
       ),
       -- The library rows a reader of $3 sees: in their language, or in English when not written in it.
       lib AS (
         SELECT a.* FROM articles a
          WHERE a.published AND $2::text IS NULL
            AND (a.locale = $3 OR (a.locale = '${DEFAULT_LOCALE}' AND NOT EXISTS (
                  SELECT 1 FROM articles o WHERE o.slug = a.slug AND o.locale = $3 AND o.published)))
       ),
       thread_hits AS (
         SELECT t.id FROM q, threads t WHERE t.search @@ q.query
         UNION
         SELECT t.id FROM q, posts p JOIN threads t ON t.id = p.thread_id AND t.opening_post_id = p.id
          WHERE p.search @@ q.query AND p.status = 'published'
       ),
       matches AS (
         SELECT 'thread' AS type, t.id AS "threadId", NULL::uuid AS "postId", t.id AS key,
                (ts_rank(t.search, q.query) * 2
                  + CASE WHEN op.status = 'published' THEN ts_rank(op.search, q.query) ELSE 0 END)::real AS rank,
                CASE WHEN op.status = 'published' AND op.search @@ q.query THEN op.body ELSE t.title END AS text,
                (op.status = 'published' AND op.search @@ q.query) AS markdown,
                t.title AS "threadTitle", b.slug AS "boardSlug",
                -- The board's name in the reader's language ($3), as boards.mapper.ts gives it.
                COALESCE(b.translations -> $3::text ->> 'name', b.name) AS "boardName",
                t.anonymous, op.alias, CASE WHEN t.anonymous THEN NULL ELSE u.username END AS username,
                t.created_at AS "createdAt",
                NULL::text AS "articleSlug", NULL::text AS anchor, NULL::text AS heading, 'english'::text AS "tsConfig"
           FROM q, thread_hits h
           JOIN threads t ON t.id = h.id
           JOIN boards b ON b.id = t.board_id
           LEFT JOIN posts op ON op.id = t.opening_post_id
           LEFT JOIN users u ON u.id = t.author_id AND NOT t.anonymous
          WHERE t.status = 'published' AND op.status IS DISTINCT FROM 'deleted'
            AND ($2::text IS NULL OR b.slug = $2)
         UNION ALL
         SELECT 'post', p.thread_id, p.id, p.id,
                ts_rank(p.search, q.query)::real, p.body, true,
                t.title, b.slug, COALESCE(b.translations -> $3::text ->> 'name', b.name),
                p.anonymous, p.alias, CASE WHEN p.anonymous THEN NULL ELSE u.username END,
                p.created_at, NULL, NULL, NULL, 'english'
           FROM q, posts p
           JOIN threads t ON t.id = p.thread_id
           JOIN boards b ON b.id = t.board_id
           LEFT JOIN users u ON u.id = p.author_id AND NOT p.anonymous
          WHERE p.search @@ q.query AND p.status = 'published' AND t.status = 'published'
            AND p.id IS DISTINCT FROM t.opening_post_id
            AND ($2::text IS NULL OR b.slug = $2)
         UNION ALL
         SELECT 'article', NULL, NULL, a.id,
                ts_rank('{0.1, 0.1, 0.1, 0.2}', a.search, CASE WHEN a.locale = $3 THEN q.lib_query ELSE q.query END)::real,
                a.summary, false,
                a.title, NULL, NULL, false, NULL, NULL, NULL, a.slug, NULL, NULL,
                CASE WHEN a.locale = $3 THEN $4::text ELSE 'english' END
           FROM q, lib a
          WHERE (a.locale = $3 AND a.search @@ q.lib_query) OR (a.locale <> $3 AND a.search @@ q.query)
         UNION ALL
         SELECT 'section', NULL, NULL, s.id,
                ts_rank('{0.1, 0.1, 0.1, 0.2}', s.search, CASE WHEN a.locale = $3 THEN q.lib_query ELSE q.query END)::real,
                s.body_text, false,
                a.title, NULL, NULL, false, NULL, NULL, NULL, a.slug, s.anchor, s.heading,
                CASE WHEN a.locale = $3 THEN $4::text ELSE 'english' END
           FROM q, article_sections s
           JOIN lib a ON a.id = s.article_id
          WHERE s.matchable
            AND ((a.locale = $3 AND s.search @@ q.lib_query) OR (a.locale <> $3 AND s.search @@ q.query))
       )
       SELECT * FROM matches m ${after} ORDER BY m.rank DESC, m.key DESC LIMIT $${params.length}`,
          params,
        );
        if (page.length === 0) return [];
        const texts = page.map((row) =>
          (row.markdown ? toPlainText(row.text) : row.text).replaceAll(MARK_START, '').replaceAll(MARK_END, ''),
        );
        const marked: Array<{ snippet: string }> = await manager.query(
          // A short text is shown whole; a long one as the fragments around its matches.
          `SELECT CASE WHEN cardinality(regexp_split_to_array(u.text, '\\s+')) <= $4
                       THEN ts_headline(u.cfg::regconfig, u.text, websearch_to_tsquery(u.cfg::regconfig, $1), $5)
                       ELSE ts_headline(u.cfg::regconfig, u.text, websearch_to_tsquery(u.cfg::regconfig, $1), $3) END AS snippet
             FROM unnest($2::text[], $6::text[]) WITH ORDINALITY AS u(text, cfg, n) ORDER BY u.n`,
          [text, texts, HEADLINE_OPTIONS, WHOLE_SNIPPET_WORDS, WHOLE_OPTIONS, page.map((row) => row.tsConfig)],
        );
        return page.map(({ text: _text, markdown: _markdown, tsConfig: _tsConfig, ...row }, i) => ({
          ...row,
          rank: Number(row.rank),
          snippet: marked[i].snippet,
        }));
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === QUERY_CANCELED) throw searchTooBroad();
        throw error;
      });
  }

  /** A member's signed (non-anonymous), published posts, newest first; `limit + 1` rows. */
  memberPosts(
    userId: string,
    options: { after: TimeKey | null; limit: number; locale?: Locale },
  ): Promise<MemberPostRow[]> {
    const params: unknown[] = [userId];
    let after = '';
    if (options.after) {
      params.push(options.after.micros, options.after.id);
      after = `AND (p.created_at, p.id) < ('epoch'::timestamptz + ($2)::bigint * interval '1 microsecond', $3::uuid)`;
    }
    params.push(options.locale ?? DEFAULT_LOCALE);
    const locale = `$${params.length}::text`;
    params.push(options.limit + 1);
    return this.db.query(
      `SELECT p.id, p.thread_id AS "threadId", t.title AS "threadTitle", b.slug AS "boardSlug",
              COALESCE(b.translations -> ${locale} ->> 'name', b.name) AS "boardName",
              p.html, p.created_at AS "createdAt", p.edited_at AS "editedAt",
              ((extract(epoch FROM p.created_at) * 1000000)::bigint)::text AS "cursorMicros"
         FROM posts p
         JOIN threads t ON t.id = p.thread_id
         JOIN boards b ON b.id = t.board_id
        WHERE p.author_id = $1 AND NOT p.anonymous AND p.status = 'published' AND t.status = 'published' ${after}
        ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`,
      params,
    );
  }
}
