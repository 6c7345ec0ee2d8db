import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';
import type { RankKey, TimeKey } from './boards-cursor.js';

/** Private-use characters mark matches in ts_headline output; they are stripped from the text first. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;

export interface SearchRow {
  type: 'thread' | 'post';
  threadId: string;
  postId: string | null;
  key: string;
  rank: number;
  threadTitle: string;
  boardSlug: string;
  boardName: string;
  anonymous: boolean;
  alias: string | null;
  username: string | null;
  createdAt: Date;
  snippet: string;
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
  new AppError('unprocessable', 'q: that search matches too much to finish quickly. Please add a word or two.', {
    fields: [{ field: 'q', reason: 'matches too much to finish quickly' }],
  });

@Injectable()
export class SearchRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Full-text search over thread titles and post bodies (stored tsvectors, GIN indexes),
   * published content only, ranked; `limit + 1` rows. Thread titles weigh double.
   */
  async search(
    text: string,
    options: { boardSlug: string | null; after: RankKey | null; limit: number },
  ): Promise<SearchRow[]> {
    const params: unknown[] = [text, options.boardSlug, HEADLINE_OPTIONS];
    let after = '';
    if (options.after) {
      params.push(options.after.rank, options.after.id);
      after = `WHERE (m.rank, m.key) < ($4::real, $5::uuid)`;
    }
    params.push(options.limit + 1);
    // One search may not hold the database for long: past SEARCH_TIMEOUT_MS PostgreSQL cancels it.
    const rows: Array<SearchRow & { rank: string | number }> = await this.db
      .transaction(async (manager) => {
        await manager.query(`SELECT set_config('statement_timeout', $1, true)`, [String(SEARCH_TIMEOUT_MS)]);
        return manager.query(
          `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
       matches AS (
         SELECT 'thread' AS type, t.id AS "threadId", NULL::uuid AS "postId", t.id AS key,
                (ts_rank(t.search, q.query) * 2)::real AS rank, t.title AS text,
                t.title AS "threadTitle", b.slug AS "boardSlug", b.name AS "boardName",
                t.anonymous, op.alias, CASE WHEN t.anonymous THEN NULL ELSE u.username END AS username,
                t.created_at AS "createdAt"
           FROM q, threads t
           JOIN boards b ON b.id = t.board_id
           LEFT JOIN posts op ON op.id = t.opening_post_id
           LEFT JOIN users u ON u.id = t.author_id AND NOT t.anonymous
          WHERE t.search @@ q.query AND t.status = 'published' AND ($2::text IS NULL OR b.slug = $2)
         UNION ALL
         SELECT 'post', p.thread_id, p.id, p.id,
                ts_rank(p.search, q.query)::real, p.body,
                t.title, b.slug, b.name,
                p.anonymous, p.alias, CASE WHEN p.anonymous THEN NULL ELSE u.username END,
                p.created_at
           FROM q, posts p
           JOIN threads t ON t.id = p.thread_id
           JOIN boards b ON b.id = t.board_id
           LEFT JOIN users u ON u.id = p.author_id AND NOT p.anonymous
          WHERE p.search @@ q.query AND p.status = 'published' AND t.status = 'published'
            AND ($2::text IS NULL OR b.slug = $2)
       ),
       page AS (
         SELECT * FROM matches m ${after} ORDER BY m.rank DESC, m.key DESC LIMIT $${params.length}
       )
       SELECT page.type, page."threadId", page."postId", page.key, page.rank, page."threadTitle",
              page."boardSlug", page."boardName", page.anonymous, page.alias, page.username, page."createdAt",
              ts_headline('english', translate(page.text, '${MARK_START}${MARK_END}', ''), q.query, $3) AS snippet
         FROM page, q ORDER BY page.rank DESC, page.key DESC`,
          params,
        ) as Promise<Array<SearchRow & { rank: string | number }>>;
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === QUERY_CANCELED) throw searchTooBroad();
        throw error;
      });
    return rows.map((row) => ({ ...row, rank: Number(row.rank) }));
  }

  /** A member's signed (non-anonymous), published posts, newest first; `limit + 1` rows. */
  memberPosts(userId: string, options: { after: TimeKey | null; limit: number }): Promise<MemberPostRow[]> {
    const params: unknown[] = [userId];
    let after = '';
    if (options.after) {
      params.push(options.after.micros, options.after.id);
      after = `AND (p.created_at, p.id) < ('epoch'::timestamptz + ($2)::bigint * interval '1 microsecond', $3::uuid)`;
    }
    params.push(options.limit + 1);
    return this.db.query(
      `SELECT p.id, p.thread_id AS "threadId", t.title AS "threadTitle", b.slug AS "boardSlug", b.name AS "boardName",
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
