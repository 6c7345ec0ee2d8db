import { Injectable } from '@nestjs/common';
import { DEFAULT_LOCALE, type Locale, type MemberProfileView, type Page, type SearchResult } from '@kindred/contracts';
import { AppError, notFound } from '../common/app-error.js';
import { msg } from '../i18n/i18n.js';
import { UsersRepository } from '../users/users.repository.js';
import { rankCursor, timeCursor, toPage } from './boards-cursor.js';
import { toAuthorView } from './boards.mapper.js';
import type { MemberPostsQuery, SearchQuery } from './dto/search.dto.js';
import { MARK_END, MARK_START, SearchRepository, type SearchRow } from './search.repository.js';

const DEFAULT_LIMIT = 20;
/** Each word is another index scan and ranking pass; no search needs more. */
export const MAX_SEARCH_WORDS = 10;

const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * ts_headline returns the text as it was, tags and all: escape everything, then turn our
 * private match markers into <mark>, so the snippet is safe to insert as HTML.
 */
export function snippetHtml(raw: string): string {
  return escapeHtml(raw.replace(/\s+/g, ' ').trim()).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}

@Injectable()
export class SearchService {
  constructor(
    private readonly search: SearchRepository,
    private readonly users: UsersRepository,
  ) {}

  /** Threads and posts in any language; library articles in the reader's (`locale`), else English. */
  async find(query: SearchQuery, locale: Locale = DEFAULT_LOCALE): Promise<Page<SearchResult>> {
    if (query.q.split(/\s+/).filter(Boolean).length > MAX_SEARCH_WORDS) {
      throw new AppError('validation_failed', msg('errors.search.tooManyWords', { max: MAX_SEARCH_WORDS }), {
        fields: [{ field: 'q', reason: msg('validation.search.wordsMax', { max: MAX_SEARCH_WORDS }) }],
      });
    }
    const after = rankCursor.decode(query.cursor);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.search.search(query.q, { boardSlug: query.board ?? null, after, limit, locale });
    return toPage(rows, limit, toSearchResult, (row) => rankCursor.encode({ rank: row.rank, id: row.key }));
  }

  /** A member's public profile: only what they chose to sign with their name. */
  async member(username: string, query: MemberPostsQuery, locale: Locale = DEFAULT_LOCALE): Promise<MemberProfileView> {
    const after = timeCursor.decode(query.cursor);
    const user = await this.users.findByUsername(username);
    if (!user) throw notFound('errors.notFound.member');
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.search.memberPosts(user.id, { after, limit, locale });
    return {
      username: user.username,
      joinedAt: user.createdAt.toISOString(),
      posts: toPage(
        rows,
        limit,
        (row) => ({
          id: row.id,
          threadId: row.threadId,
          threadTitle: row.threadTitle,
          board: { slug: row.boardSlug, name: row.boardName },
          html: row.html,
          createdAt: row.createdAt.toISOString(),
          editedAt: row.editedAt ? row.editedAt.toISOString() : null,
        }),
        (row) => timeCursor.encode({ micros: row.cursorMicros, id: row.id }),
      ),
    };
  }
}

function toSearchResult(row: SearchRow): SearchResult {
  if (row.type === 'article' || row.type === 'section') {
    return {
      type: row.type,
      article: { slug: row.articleSlug ?? '', title: row.threadTitle },
      section: row.type === 'section' ? { anchor: row.anchor ?? '', heading: row.heading ?? '' } : null,
      snippet: snippetHtml(row.snippet),
    };
  }
  return {
    type: row.type,
    threadId: row.threadId ?? '',
    postId: row.postId,
    threadTitle: row.threadTitle,
    board: { slug: row.boardSlug ?? '', name: row.boardName ?? '' },
    author: toAuthorView(row.anonymous, row.alias, row.username),
    snippet: snippetHtml(row.snippet),
    createdAt: (row.createdAt ?? new Date(0)).toISOString(),
  };
}
