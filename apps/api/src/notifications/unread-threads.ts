import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Locale, Page, UnreadThread } from '@kindred/contracts';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import { timeCursor, toPage, type TimeKey } from '../boards/boards-cursor.js';
import { Cursor, PageLimit } from '../common/validation.js';
import { localeOf } from '../i18n/message.js';

const DEFAULT_LIMIT = 10;

interface UnreadThreadRow {
  id: string;
  title: string;
  boardSlug: string;
  boardName: string;
  unread: number;
  firstUnreadPostId: string;
  lastActivityAt: Date;
  cursorMicros: string;
}

export class UnreadThreadsQuery {
  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

/** The member's threads with something new: read marks (thread_reads) against later posts. */
@Injectable()
export class UnreadThreadsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Threads the member has read before, published, with published posts by others after the mark,
   * latest activity first; `limit + 1` rows. The member's own marks only (primary key range), each
   * counted on posts_thread_keyset_idx; threads with no activity since the mark are skipped first.
   */
  list(userId: string, options: { after: TimeKey | null; limit: number; locale: Locale }): Promise<UnreadThreadRow[]> {
    const params: unknown[] = [userId];
    let after = '';
    if (options.after) {
      params.push(options.after.micros, options.after.id);
      after = `AND (t.last_activity_at, t.id) < ('epoch'::timestamptz + ($2)::bigint * interval '1 microsecond', $3::uuid)`;
    }
    // The board's name in the reader's language where it has a translation (boards.translations).
    params.push(options.locale);
    const boardName = `coalesce(b.translations -> $${params.length}::text ->> 'name', b.name)`;
    params.push(options.limit + 1);
    return this.db.query(
      `SELECT t.id, t.title, b.slug AS "boardSlug", ${boardName} AS "boardName", n.unread, n.first AS "firstUnreadPostId",
              t.last_activity_at AS "lastActivityAt",
              ((extract(epoch FROM t.last_activity_at) * 1000000)::bigint)::text AS "cursorMicros"
         FROM thread_reads r
         JOIN threads t ON t.id = r.thread_id
         JOIN boards b ON b.id = t.board_id
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS unread, (array_agg(p.id ORDER BY p.created_at, p.id))[1] AS first
             FROM posts p
            WHERE p.thread_id = t.id AND p.status = 'published' AND p.author_id IS DISTINCT FROM $1
              AND (p.created_at, p.id) > (r.last_post_at, r.last_post_id)
         ) n
        WHERE r.user_id = $1 AND t.status = 'published' AND t.last_activity_at > r.last_post_at AND n.unread > 0
          ${after}
        ORDER BY t.last_activity_at DESC, t.id DESC LIMIT $${params.length}`,
      params,
    );
  }
}

@Injectable()
export class UnreadThreadsService {
  constructor(private readonly repo: UnreadThreadsRepository) {}

  async list(user: AuthUser, query: UnreadThreadsQuery): Promise<Page<UnreadThread>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.repo.list(user.id, {
      after: timeCursor.decode(query.cursor),
      limit,
      locale: localeOf(user.locale),
    });
    return toPage(
      rows,
      limit,
      (row) => ({
        id: row.id,
        title: row.title,
        board: { slug: row.boardSlug, name: row.boardName },
        unread: row.unread,
        firstUnreadPostId: row.firstUnreadPostId,
        lastActivityAt: row.lastActivityAt.toISOString(),
      }),
      (row) => timeCursor.encode({ micros: row.cursorMicros, id: row.id }),
    );
  }
}

@ApiTags('notifications')
@Controller()
export class UnreadThreadsController {
  constructor(private readonly unread: UnreadThreadsService) {}

  @Get('me/unread-threads')
  @Auth()
  @ApiOperation({ summary: 'Threads you read before that have new posts from others, latest activity first' })
  list(@CurrentUser() user: AuthUser, @Query() query: UnreadThreadsQuery): Promise<Page<UnreadThread>> {
    return this.unread.list(user, query);
  }
}
