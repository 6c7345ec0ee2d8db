import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { renderArticle } from './article-sections.js';
import { parseArticle, type ArticleSource } from './front-matter.js';
import { LibraryRepository } from './library.repository.js';

export interface ImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  unpublished: number;
}

interface ArticleFile extends ArticleSource {
  fileName: string;
  hash: string;
}

/**
 * Imports the Markdown articles in the content folder at start-up, idempotently:
 * - upsert by slug; a file whose hash changed rewrites the article and its sections;
 * - an article whose file is gone is unpublished (kept, so links and stored related reading
 *   can come back if the file returns), never left showing stale text;
 * - the `boards` in a file's front matter pin the article only when it is FIRST imported.
 *   After that, pins belong to the admins (/admin/library), and a restart never undoes their
 *   changes. To re-pin from the file, an admin pins it on the screen.
 */
@Injectable()
export class ArticleImporter implements OnApplicationBootstrap {
  private readonly logger = new Logger(ArticleImporter.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: LibraryRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const result = await this.importAll();
    this.logger.log(
      `Library: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.unpublished} unpublished.`,
    );
  }

  async importAll(): Promise<ImportResult> {
    const files = await this.readFiles();
    return this.repository.withImportLock(async (tx) => {
      const existing = new Map((await tx.allArticles()).map((a) => [a.slug, a]));
      const result: ImportResult = { inserted: 0, updated: 0, unchanged: 0, unpublished: 0 };
      for (const file of files) {
        const current = existing.get(file.slug);
        if (current && current.contentHash === file.hash && current.published) {
          result.unchanged++;
          continue;
        }
        const rendered = renderArticle(file.body);
        const fields = {
          slug: file.slug,
          title: file.title,
          summary: file.summary,
          tags: file.tags,
          sources: file.sources,
          reviewedAt: file.reviewedAt,
          position: file.order,
          body: file.body,
          html: rendered.html,
          contentHash: file.hash,
        };
        let articleId: string;
        if (current) {
          articleId = current.id;
          await tx.updateArticle(articleId, fields);
          result.updated++;
        } else {
          articleId = await tx.insertArticle(fields);
          await tx.addDefaultPins(articleId, file.boards);
          result.inserted++;
        }
        await tx.replaceSections(articleId, rendered.sections);
      }
      result.unpublished = await tx.unpublishExcept(files.map((f) => f.slug));
      return result;
    });
  }

  /** Every `*.md` file in the content folder, parsed. A malformed file stops start-up with its name. */
  private async readFiles(): Promise<ArticleFile[]> {
    const dir = this.config.contentDir;
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
    } catch {
      throw new Error(`The library content folder "${dir}" cannot be read; set CONTENT_DIR to the articles folder.`);
    }
    const files: ArticleFile[] = [];
    const seen = new Map<string, string>();
    for (const fileName of names) {
      const text = await readFile(join(dir, fileName), 'utf8');
      const article = parseArticle(text, fileName);
      const other = seen.get(article.slug);
      if (other) throw new Error(`${fileName} and ${other} both use the slug "${article.slug}".`);
      seen.set(article.slug, fileName);
      files.push({ ...article, fileName, hash: createHash('sha256').update(text).digest('hex') });
    }
    return files;
  }
}
