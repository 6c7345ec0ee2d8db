import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArticleList, ArticleView, BoardArticleList } from '@kindred/contracts';
import { DataSource } from 'typeorm';
import type { TestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-db.js';
import { loadConfig } from '../../apps/api/src/config/config.js';
import { createApp } from '../../apps/api/src/create-app.js';

const ARTICLES = new URL('../../apps/api/content/articles/', import.meta.url).pathname;

/** The import at start-up, run twice on one database with a content folder the test edits. */
describe('library import across restarts', () => {
  let contentDir: string;
  let dataDir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    contentDir = mkdtempSync(join(tmpdir(), 'kindred-content-'));
    dataDir = mkdtempSync(join(tmpdir(), 'kindred-data-'));
    cpSync(ARTICLES, contentDir, { recursive: true });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
    rmSync(contentDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  interface Snapshot {
    counts: { articles: number; sections: number; pins: number; published: number };
    sectionIds: Map<string, string>;
  }

  /** Boots the app on the shared database, runs `check` against it, and returns the rows it left. */
  async function boot(
    check: (api: TestApp['api'], query: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<void>,
  ): Promise<Snapshot> {
    const config = loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      CONTENT_DIR: contentDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
    const app = await createApp(config, database.url);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const api: TestApp['api'] = async (method, path, options = {}) => {
      const headers: Record<string, string> = {};
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as never, headers: res.headers };
    };
    const dataSource = app.get(DataSource);
    try {
      await check(api, (sql, params) => dataSource.query(sql, params));
      return await snapshot(dataSource);
    } finally {
      await app.close();
    }
  }

  async function snapshot(dataSource: DataSource): Promise<Snapshot> {
    const [row] = (await dataSource.query(
      `SELECT (SELECT count(*) FROM articles)::int AS articles, (SELECT count(*) FROM article_sections)::int AS sections,
              (SELECT count(*) FROM board_articles)::int AS pins,
              (SELECT count(*) FROM articles WHERE published)::int AS published`,
    )) as Array<Snapshot['counts']>;
    const ids = (await dataSource.query(
      `SELECT a.locale || ':' || a.slug || '#' || s.anchor AS key, s.id FROM article_sections s JOIN articles a ON a.id = s.article_id`,
    )) as Array<{ key: string; id: string }>;
    return { counts: { ...row }, sectionIds: new Map(ids.map((r) => [r.key, r.id])) };
  }

  it('imports once, keeps admin pins on restart, updates edited files and unpublishes removed ones', async () => {
    // First start: everything is new; an admin changes one board's pins.
    const first = await boot(async (api, query) => {
      expect((await api<ArticleList>('GET', '/api/articles')).body.items).toHaveLength(10);
      const reg = await api<{ token: string; user: { id: string } }>('POST', '/api/auth/register', {
        body: { username: 'library_admin', password: 'a long and good passphrase' },
      });
      await query(`UPDATE users SET role = 'admin' WHERE id = $1`, [reg.body.user.id]);
      const put = await api('PUT', '/api/boards/milestones-wins/articles', {
        token: reg.body.token,
        body: { slugs: ['relapse-prevention'] },
      });
      expect(put.status).toBe(200);
    });
    // Ten articles, each in English and in Spanish (content/articles/es).
    expect(first.counts.articles).toBe(20);
    expect(first.counts.published).toBe(20);
    expect(first.counts.sections).toBeGreaterThan(50);

    // Second start, nothing changed: same rows, same section ids, the admin's pins kept.
    const second = await boot(async (api) => {
      const pins = await api<BoardArticleList>('GET', '/api/boards/milestones-wins/articles');
      expect(pins.body.items.map((a) => a.slug)).toEqual(['relapse-prevention']);
    });
    expect(second).toEqual(first);

    // Edit one file (title and a heading) and remove another.
    const editedFile = join(contentDir, 'therapies-that-help.md');
    writeFileSync(
      editedFile,
      readFileSync(editedFile, 'utf8')
        .replace('title: "Therapies that help"', 'title: "Talking therapies that help"')
        .replace('## Finding a therapist', '## Finding a good therapist'),
    );
    unlinkSync(join(contentDir, 'aftercare-and-life-in-recovery.md'));

    const third = await boot(async (api) => {
      const list = await api<ArticleList>('GET', '/api/articles');
      expect(list.body.items).toHaveLength(9);
      expect(list.body.items.map((a) => a.slug)).not.toContain('aftercare-and-life-in-recovery');
      expect((await api('GET', '/api/articles/aftercare-and-life-in-recovery')).status).toBe(404);
      const pinned = await api<BoardArticleList>('GET', '/api/boards/life-in-recovery/articles');
      expect(pinned.body.items.map((a) => a.slug)).not.toContain('aftercare-and-life-in-recovery');

      const edited = await api<ArticleView>('GET', '/api/articles/therapies-that-help');
      expect(edited.body.title).toBe('Talking therapies that help');
      expect(edited.body.sections.map((s) => s.id)).toContain('finding-a-good-therapist');
      expect(edited.body.sections.map((s) => s.id)).not.toContain('finding-a-therapist');
      expect(edited.body.html).toContain('<h2 id="finding-a-good-therapist">');
    });
    expect(third.counts.articles).toBe(20);
    expect(third.counts.published).toBe(19);
    // Unchanged anchors keep their row, so stored related reading still points at them.
    expect(third.sectionIds.get('en:therapies-that-help#contingency-management')).toBe(
      first.sectionIds.get('en:therapies-that-help#contingency-management'),
    );

    // The file comes back: published again, with its default pins not re-applied twice.
    cpSync(join(ARTICLES, 'aftercare-and-life-in-recovery.md'), join(contentDir, 'aftercare-and-life-in-recovery.md'));
    const fourth = await boot(async (api) => {
      expect((await api<ArticleList>('GET', '/api/articles')).body.items).toHaveLength(10);
    });
    expect(fourth.counts).toEqual({ ...third.counts, published: 20 });
  }, 60_000);
});
