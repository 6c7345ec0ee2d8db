import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isLocale, DEFAULT_LOCALE, type Locale } from '@kindred/contracts';

/** PostgreSQL's text-search configuration for each language (as in the articles' generated tsvectors). */
export const TS_CONFIG: Record<Locale, string> = { en: 'english', es: 'spanish' };

export interface SectionMatch {
  sectionId: string;
  score: number;
  snippet: string;
}

export interface RelatedRow {
  articleSlug: string;
  locale: Locale;
  articleTitle: string;
  anchor: string;
  heading: string;
  snippet: string;
}

/**
 * Matching a thread to article sections with PostgreSQL full-text search.
 *
 * A thread is matched against the sections of one language, with that language's stemmer (`$6`
 * the locale, `$7` its configuration): a thread in Spanish finds the Spanish articles.
 *
 * `plainto_tsquery` ANDs every word, which almost never matches a whole post. Instead the
 * thread's text is turned into its lexemes, and the query ORs the informative ones:
 * words that occur in many sections ("opioid", "help", "use") are dropped like stopwords, using
 * document frequencies from `ts_stat` over the sections. The GIN index finds the candidate
 * sections (`search @@ query`); each is scored by summing, over the words it shares with the
 * thread, an inverse-document-frequency weight, boosted when the word is in the section heading
 * (tsvector weight A) or in the thread title, with a mild length normalisation so long sections
 * do not win by size alone.
 */
const MATCH_SQL = `
WITH docs AS (
  SELECT s.id, s.search, s.body_text
    FROM article_sections s JOIN articles a ON a.id = s.article_id
   WHERE a.published AND s.matchable AND s.locale = $6
),
corpus AS (
  SELECT count(*)::float8 AS total, greatest(avg(length(search)), 1)::float8 AS avg_len FROM docs
),
df AS (
  SELECT word, ndoc FROM ts_stat(format(
    'SELECT s.search FROM article_sections s JOIN articles a ON a.id = s.article_id WHERE a.published AND s.matchable AND s.locale = %L',
    $6::text
  ))
),
title_words AS (
  SELECT lexeme FROM unnest(to_tsvector($7::regconfig, $2))
),
terms AS (
  SELECT t.lexeme,
         coalesce(array_length(t.positions, 1), 1) AS tf,
         EXISTS (SELECT 1 FROM title_words w WHERE w.lexeme = t.lexeme) AS in_title
    FROM unnest(to_tsvector($7::regconfig, $1)) t
   WHERE t.lexeme ~ '^[a-z0-9ñü]+$'
),
kept AS (
  SELECT terms.lexeme, terms.in_title, ln((corpus.total + 1) / df.ndoc) AS idf
    FROM terms JOIN df ON df.word = terms.lexeme CROSS JOIN corpus
   WHERE df.ndoc <= greatest(3, corpus.total * $4::float8)
   ORDER BY terms.in_title DESC, ln((corpus.total + 1) / df.ndoc) * terms.tf DESC
   LIMIT 40
),
q AS (
  SELECT to_tsquery('simple', string_agg(lexeme, ' | ')) AS query FROM kept HAVING count(*) > 0
),
scored AS (
  SELECT d.id, d.body_text, q.query,
         sum(
           k.idf
           * (CASE WHEN 'A' = ANY(u.weights) THEN 2 ELSE 1 END)
           * (CASE WHEN k.in_title THEN 1.5 ELSE 1 END)
           * (1 + ln(coalesce(array_length(u.positions, 1), 1)))
         )
         * (1 + ln(count(*)))
         / (1 + ln(1 + length(d.search) / corpus.avg_len)) AS score
    FROM docs d
    CROSS JOIN q
    CROSS JOIN corpus
    CROSS JOIN LATERAL unnest(d.search) u
    JOIN kept k ON k.lexeme = u.lexeme
   WHERE d.search @@ q.query
   GROUP BY d.id, d.body_text, q.query, d.search, corpus.avg_len
)
SELECT id AS section_id, score, body_text,
       ts_headline($7::regconfig, body_text, query,
         'StartSel="", StopSel="", MaxWords=28, MinWords=14, ShortWord=2, MaxFragments=1, FragmentDelimiter=" … "') AS snippet
  FROM scored
 WHERE score >= $5
 ORDER BY score DESC, id
 LIMIT $3`;

@Injectable()
export class RelatedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The best-matching sections of the articles in `locale` for a text in that language, best first. */
  async match(
    text: string,
    title: string,
    limit: number,
    locale: Locale = DEFAULT_LOCALE,
    maxDocShare = 0.35,
    minScore = 0,
  ): Promise<SectionMatch[]> {
    const rows: Array<{ section_id: string; score: number; snippet: string; body_text: string }> =
      await this.dataSource.query(MATCH_SQL, [text, title, limit, maxDocShare, minScore, locale, TS_CONFIG[locale]]);
    return rows.map((r) => ({
      sectionId: r.section_id,
      score: Number(r.score),
      snippet: withEllipses(r.snippet.trim(), r.body_text),
    }));
  }

  /** Replaces what is stored for a thread. */
  async replaceForThread(threadId: string, matches: SectionMatch[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM thread_related WHERE thread_id = $1`, [threadId]);
      for (const [position, match] of matches.entries()) {
        await manager.query(
          `INSERT INTO thread_related (thread_id, position, section_id, snippet) VALUES ($1, $2, $3, $4)`,
          [threadId, position, match.sectionId, match.snippet],
        );
      }
    });
  }

  /** What is stored for a thread, skipping sections of unpublished articles. */
  async listForThread(threadId: string): Promise<RelatedRow[]> {
    const rows: Array<{
      slug: string;
      locale: string;
      title: string;
      anchor: string;
      heading: string;
      snippet: string;
    }> = await this.dataSource.query(
      `SELECT a.slug, a.locale, a.title, s.anchor, s.heading, r.snippet
           FROM thread_related r
           JOIN article_sections s ON s.id = r.section_id
           JOIN articles a ON a.id = s.article_id
          WHERE r.thread_id = $1 AND a.published
          ORDER BY r.position`,
      [threadId],
    );
    return rows.map((r) => ({
      articleSlug: r.slug,
      locale: isLocale(r.locale) ? r.locale : DEFAULT_LOCALE,
      articleTitle: r.title,
      anchor: r.anchor,
      heading: r.heading,
      snippet: r.snippet,
    }));
  }

  /** The thread's title (the boards feature's table), or null for an unknown thread. */
  /** Who may see a thread: its status and author (null when it does not exist). */
  async threadVisibility(threadId: string): Promise<{ status: string; authorId: string | null } | null> {
    const rows: Array<{ status: string; author_id: string | null }> = await this.dataSource.query(
      `SELECT status, author_id FROM threads WHERE id = $1`,
      [threadId],
    );
    return rows[0] ? { status: rows[0].status, authorId: rows[0].author_id } : null;
  }

  async threadTitle(threadId: string): Promise<string | null> {
    const rows: Array<{ title: string }> = await this.dataSource.query(`SELECT title FROM threads WHERE id = $1`, [
      threadId,
    ]);
    return rows[0]?.title ?? null;
  }
}

/** Marks a snippet taken from the middle of a section, so it does not read as a whole sentence. */
function withEllipses(snippet: string, body: string): string {
  return `${body.startsWith(snippet) ? '' : '… '}${snippet}${body.endsWith(snippet) ? '' : ' …'}`;
}
