import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { WatchedWordImportResult, WatchedWordView, WatchedWordAction } from '@kindred/contracts';
import { WATCHED_WORD_ACTIONS } from '@kindred/contracts';
import { compileWatchedWords, validateWatchedPattern, type WatchedResult } from '@kindred/safety';
import { AppError, fieldError, notFound } from '../../common/app-error.js';
import { DEFAULT_LOCALE, msg, translate, type Locale } from '../../i18n/i18n.js';
import type { WatchedWordEntity } from './watched-word.entity.js';
import { WatchedWordsRepository } from './watched-words.repository.js';

type Compiled = ReturnType<typeof compileWatchedWords>;

/** Other API processes pick up a change within this time; this process at once. */
const REFRESH_MS = 60_000;

const toView = (w: WatchedWordEntity): WatchedWordView => ({
  id: w.id,
  pattern: w.pattern,
  action: w.action,
  createdAt: new Date(w.createdAt).toISOString(),
});

/** The admin's watched words, compiled once and kept in memory; recompiled on every change. */
@Injectable()
export class WatchedWordsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WatchedWordsService.name);
  private compiled: Compiled = compileWatchedWords([]);
  private entries: WatchedWordEntity[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly repo: WatchedWordsRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.logger.warn(`Watched words not refreshed: ${String(error)}`));
    }, REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    this.entries = await this.repo.list();
    this.compiled = compileWatchedWords(this.entries.map((e) => ({ id: e.id, pattern: e.pattern, action: e.action })));
  }

  /** Runs every watched word over a text (from memory; no database call). */
  test(text: string): WatchedResult {
    return this.compiled.test(text);
  }

  pattern(id: string): string {
    return this.entries.find((e) => e.id === id)?.pattern ?? '';
  }

  async list(): Promise<WatchedWordView[]> {
    await this.refresh();
    return this.entries.map(toView);
  }

  async add(pattern: string, action: WatchedWordAction): Promise<WatchedWordView> {
    const reason = validateWatchedPattern(pattern);
    if (reason) {
      // The detector library's own words (English): an admin's tool, said as it gives them.
      throw fieldError('pattern', msg('validation.safety.patternProblem', { problem: reason }));
    }
    const created = await this.repo.add(pattern.trim(), action);
    if (!created) throw new AppError('conflict', 'errors.safety.watchedWordExists');
    await this.refresh();
    return toView(created);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.repo.remove(id))) throw notFound('errors.notFound.watchedWord');
    await this.refresh();
  }

  /** Lines of `pattern,action` (a header line is allowed; quotes around a pattern with commas). */
  async import(csv: string, locale: Locale = DEFAULT_LOCALE): Promise<WatchedWordImportResult> {
    const result: WatchedWordImportResult = { added: 0, skipped: [] };
    const lines = csv.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === '' || line.startsWith('#')) continue;
      const parsed = parseCsvLine(line);
      if (!parsed) {
        result.skipped.push({ line: i + 1, pattern: line, reason: translate(locale, 'safety.import.needsAction') });
        continue;
      }
      const [pattern, rawAction] = parsed;
      const action = rawAction.toLowerCase();
      if (i === 0 && pattern.toLowerCase() === 'pattern' && action === 'action') continue;
      if (!(WATCHED_WORD_ACTIONS as readonly string[]).includes(action)) {
        result.skipped.push({ line: i + 1, pattern, reason: translate(locale, 'safety.import.badAction') });
        continue;
      }
      const reason = validateWatchedPattern(pattern);
      if (reason) {
        result.skipped.push({ line: i + 1, pattern, reason });
        continue;
      }
      if (await this.repo.add(pattern, action as WatchedWordAction)) result.added++;
      else result.skipped.push({ line: i + 1, pattern, reason: translate(locale, 'safety.import.onList') });
    }
    await this.refresh();
    return result;
  }
}

/** `pattern,action` or `"pattern, with commas",action`; the action is the last field. */
function parseCsvLine(line: string): [string, string] | null {
  let pattern: string;
  let rest: string;
  if (line.startsWith('"')) {
    let end = 1;
    let value = '';
    for (; end < line.length; end++) {
      if (line[end] === '"' && line[end + 1] === '"') {
        value += '"';
        end++;
      } else if (line[end] === '"') break;
      else value += line[end];
    }
    pattern = value;
    rest = line.slice(end + 1).trim();
    if (!rest.startsWith(',')) return null;
    rest = rest.slice(1);
  } else {
    const comma = line.lastIndexOf(',');
    if (comma < 0) return null;
    pattern = line.slice(0, comma);
    rest = line.slice(comma + 1);
  }
  pattern = pattern.trim();
  rest = rest.trim().replace(/^"|"$/g, '');
  return pattern && rest ? [pattern, rest] : null;
}
