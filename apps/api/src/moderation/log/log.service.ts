import { Injectable } from '@nestjs/common';
import type { LogPage } from '@kindred/contracts';
import { decodeCursor, encodeCursor } from '../../common/cursor.js';
import { LogRepository, type LogRow, type NewLogEntry } from './log.repository.js';

const DEFAULT_LIMIT = 30;

@Injectable()
export class LogService {
  constructor(private readonly log: LogRepository) {}

  append(entry: NewLogEntry): Promise<void> {
    return this.log.append(entry);
  }

  async page(query: { action?: string; moderator?: string; cursor?: string; limit?: number }): Promise<LogPage> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['date', 'uuid']) as [string, string] | null;
    const rows = await this.log.page({ action: query.action, moderator: query.moderator }, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      entries: page.map(toLogEntryView),
      nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.at).toISOString(), last.id]) : null,
    };
  }
}

function toLogEntryView(row: LogRow): LogPage['entries'][number] {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    moderator: row.moderatorUsername,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    excerpt: row.excerpt,
    reason: row.reason,
    message: row.message,
    source: row.source,
  };
}
