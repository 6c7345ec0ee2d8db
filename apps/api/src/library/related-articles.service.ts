import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { RelatedArticleList } from '@kindred/contracts';
import { isModerator, type AuthUser } from '../auth/auth-user.js';
import { notFound } from '../common/app-error.js';
import { DomainEvents } from '../common/domain-events.js';
import { toPlainText } from '../common/markdown.js';
import { RelatedRepository } from './related.repository.js';
import { textLanguage } from './text-language.js';

export const RELATED_LIMIT = 3;
/** The body is capped so a very long post cannot make matching slow; the start says what it is about. */
const MAX_TEXT = 4000;

/**
 * "Related reading" beside a thread: the article sections, in the thread's language, that best match
 * its title and opening post. Computed once when the thread is created or its opening post edited (domain events) and
 * stored, so showing a thread costs one small indexed read.
 */
@Injectable()
export class RelatedArticlesService implements OnModuleInit {
  private readonly logger = new Logger(RelatedArticlesService.name);

  constructor(
    private readonly repository: RelatedRepository,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('thread.created', ({ threadId, title, body }) => this.computeForThread(threadId, title, body));
    this.events.on('post.edited', async ({ threadId, body, isOpeningPost }) => {
      if (!isOpeningPost) return;
      const title = await this.repository.threadTitle(threadId);
      if (title !== null) await this.computeForThread(threadId, title, body);
    });
  }

  async computeForThread(threadId: string, title: string, body: string): Promise<void> {
    const matches = await this.match(title, body);
    await this.repository.replaceForThread(threadId, matches);
    this.logger.debug(`Related reading for thread ${threadId}: ${matches.length} sections.`);
  }

  /** The best sections for a title and Markdown body, among the articles in the text's language, best first. */
  match(title: string, body: string, limit = RELATED_LIMIT) {
    const text = `${title}\n${toPlainText(body)}`.slice(0, MAX_TEXT);
    return this.repository.match(text, title, limit, textLanguage(text));
  }

  /**
   * Related reading for a thread the viewer can see: hidden, held, removed and deleted threads exist
   * only for their author and moderators (as in the boards), so for anyone else this is a 404 too.
   */
  async forThread(threadId: string, viewer: AuthUser | null): Promise<RelatedArticleList> {
    const thread = await this.repository.threadVisibility(threadId);
    const visible =
      thread !== null &&
      (thread.status === 'published' || isModerator(viewer) || (viewer !== null && thread.authorId === viewer.id));
    if (!visible) throw notFound('errors.notFound.thread');
    const rows = await this.repository.listForThread(threadId);
    return {
      items: rows.map((r) => ({
        articleSlug: r.articleSlug,
        locale: r.locale,
        articleTitle: r.articleTitle,
        sectionId: r.anchor,
        heading: r.heading,
        snippet: r.snippet,
      })),
    };
  }
}
