import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@kindred/contracts';
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
  locale: Locale;
}

/** One key per article and language. */
const keyOf = (a: { locale: Locale; slug: string }): string => `${a.locale}:${a.slug}`;

/**
 * Imports the Markdown articles in the content folder at start-up, idempotently:
 * - the folder's own `*.md` files are the English articles; a sub-folder per other language
 *   (`es/<slug>.md`) holds that language's version of the article with the same slug. A
 *   translation needs no English file beside it, but it is only shown to readers of its language;
 * - upsert by slug and language; a file whose hash changed rewrites the article and its sections;
 * - an article whose file is gone is unpublished (kept, so links and stored related reading
 *   can come back if the file returns), never left showing stale text;
 * - the `boards` in a file's front matter pin the article only when it is FIRST imported.
 *   After that, pins belong to the admins (/admin/library), and a restart never undoes their
 *   changes. To re-pin from the file, an admin pins it on the screen. Pins name the English
 *   article (a translation's `boards` are not used); readers see a pin in their own language.
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
      const existing = new Map((await tx.allArticles()).map((a) => [keyOf(a), a]));
      const result: ImportResult = { inserted: 0, updated: 0, unchanged: 0, unpublished: 0 };
      for (const file of files) {
        const current = existing.get(keyOf(file));
        if (current && current.contentHash === file.hash && current.published) {
          result.unchanged++;
          continue;
        }
        const rendered = renderArticle(file.body);
        const fields = {
          slug: file.slug,
          locale: file.locale,
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
          if (file.locale === DEFAULT_LOCALE) await tx.addDefaultPins(articleId, file.boards);
          result.inserted++;
        }
        await tx.replaceSections(articleId, file.locale, rendered.sections);
      }
      result.unpublished = await tx.unpublishExcept(files.map(keyOf));
      return result;
    });
  }

  /**
   * Every `*.md` file in the content folder (English) and in its language sub-folders, parsed. A
   * malformed file stops start-up with its name; a missing language folder is a language not written yet.
   */
  private async readFiles(): Promise<ArticleFile[]> {
    const dir = this.config.contentDir;
    const files: ArticleFile[] = [];
    for (const locale of LOCALES) {
      const folder = locale === DEFAULT_LOCALE ? dir : join(dir, locale);
      let names: string[];
      try {
        names = (await readdir(folder)).filter((name) => name.endsWith('.md')).sort();
      } catch {
        if (locale !== DEFAULT_LOCALE) continue;
        throw new Error(`The library content folder "${dir}" cannot be read; set CONTENT_DIR to the articles folder.`);
      }
      const seen = new Map<string, string>();
      for (const name of names) {
        const fileName = locale === DEFAULT_LOCALE ? name : `${locale}/${name}`;
        const text = await readFile(join(folder, name), 'utf8');
        const article = parseArticle(text, fileName);
        const other = seen.get(article.slug);
        if (other) throw new Error(`${fileName} and ${other} both use the slug "${article.slug}".`);
        seen.set(article.slug, fileName);
        files.push({ ...article, fileName, locale, hash: createHash('sha256').update(text).digest('hex') });
      }
    }
    return files;
  }
}
