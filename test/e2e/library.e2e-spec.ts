import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_CRISIS_RESOURCES,
  type ArticleList,
  type ArticleView,
  type BoardArticleList,
  type BoardPinsOverview,
  type CrisisResourceList,
  type ErrorBody,
} from '@kindred/contracts';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TEN = [
  'understanding-opioid-addiction',
  'withdrawal-symptoms-and-timeline',
  'detox-and-levels-of-care',
  'medications-for-opioid-use-disorder',
  'overdose-and-naloxone',
  'therapies-that-help',
  'relapse-prevention',
  'support-systems',
  'aftercare-and-life-in-recovery',
  'getting-help-now',
];

describe('library API', () => {
  let t: TestApp;
  let adminToken: string;
  let memberToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id]);
    adminToken = admin.token;
    memberToken = (await t.register()).token;
  });
  afterAll(() => t.close());

  it('lists the ten articles in library order with title, summary, tags and review date', async () => {
    const res = await t.api<ArticleList>('GET', '/api/articles');
    expect(res.status).toBe(200);
    expect(res.body.items.map((a) => a.slug)).toEqual(TEN);
    for (const item of res.body.items) {
      expect(Object.keys(item).sort()).toEqual(['locale', 'reviewedAt', 'slug', 'summary', 'tags', 'title']);
      expect(item.reviewedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(item.tags.length).toBeGreaterThan(0);
    }
    expect(res.body.items.find((a) => a.slug === 'getting-help-now')?.title).toBe('Need help now?');
  });

  it('filters by tag, case-insensitively', async () => {
    const res = await t.api<ArticleList>('GET', '/api/articles?tag=Buprenorphine');
    expect(res.body.items.map((a) => a.slug)).toEqual(['medications-for-opioid-use-disorder']);
    expect((await t.api<ArticleList>('GET', '/api/articles?tag=nothing-like-this')).body.items).toEqual([]);
    const bad = await t.api<ErrorBody>('GET', `/api/articles?tag=${'x'.repeat(61)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.details?.fields?.[0].field).toBe('tag');
  });

  it('serves an article with anchored headings, its sections, sources and the closing note', async () => {
    const res = await t.api<ArticleView>('GET', '/api/articles/medications-for-opioid-use-disorder');
    expect(res.status).toBe(200);
    const article = res.body;
    expect(article.title).toBe('Medications for opioid use disorder');
    expect(article.sources).toEqual(expect.arrayContaining(['SAMHSA', 'NIDA']));
    expect(article.sections.map((s) => s.id)).toEqual(
      expect.arrayContaining(['methadone', 'buprenorphine', 'naltrexone', 'a-note-on-this-article']),
    );
    for (const section of article.sections) expect(article.html).toContain(`<h2 id="${section.id}">`);
    expect(article.html).toContain('general information, not medical advice');
    expect(article.html).not.toMatch(/<script|onerror=|javascript:/i);
  });

  it('answers 404 with a kind message for an unknown article', async () => {
    const res = await t.api<ErrorBody>('GET', '/api/articles/no-such-article');
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/not found/i);
  });

  it('pins articles to boards from front matter on first import', async () => {
    const res = await t.api<BoardArticleList>('GET', '/api/boards/medication-assisted-treatment/articles');
    expect(res.status).toBe(200);
    expect(res.body.items.map((a) => a.slug)).toContain('medications-for-opioid-use-disorder');
    expect(Object.keys(res.body.items[0]).sort()).toEqual(['slug', 'summary', 'title']);
    expect((await t.api('GET', '/api/boards/no-such-board/articles')).status).toBe(404);
  });

  it('lets an admin pin, reorder and unpin articles on a board', async () => {
    const path = '/api/boards/family-friends/articles';
    const slugs = ['overdose-and-naloxone', 'support-systems', 'getting-help-now'];
    const set = await t.api<BoardArticleList>('PUT', path, { token: adminToken, body: { slugs } });
    expect(set.status).toBe(200);
    expect(set.body.items.map((a) => a.slug)).toEqual(slugs);

    const reordered = ['getting-help-now', 'overdose-and-naloxone'];
    await t.api('PUT', path, { token: adminToken, body: { slugs: reordered } });
    expect((await t.api<BoardArticleList>('GET', path)).body.items.map((a) => a.slug)).toEqual(reordered);

    const overview = await t.api<BoardPinsOverview>('GET', '/api/admin/library/pins', { token: adminToken });
    expect(overview.status).toBe(200);
    expect(overview.body.boards.find((b) => b.slug === 'family-friends')?.items.map((a) => a.slug)).toEqual(reordered);

    await t.api('PUT', path, { token: adminToken, body: { slugs: [] } });
    expect((await t.api<BoardArticleList>('GET', path)).body.items).toEqual([]);
  });

  it('refuses pin changes from guests and members, and bad input with clear reasons', async () => {
    const path = '/api/boards/family-friends/articles';
    const body = { slugs: ['support-systems'] };
    expect((await t.api('PUT', path, { body })).status).toBe(401);
    expect((await t.api('PUT', path, { token: memberToken, body })).status).toBe(403);
    expect((await t.api('GET', '/api/admin/library/pins', { token: memberToken })).status).toBe(403);

    const unknownBoard = await t.api<ErrorBody>('PUT', '/api/boards/no-such-board/articles', {
      token: adminToken,
      body,
    });
    expect(unknownBoard.status).toBe(404);
    const unknownArticle = await t.api<ErrorBody>('PUT', path, {
      token: adminToken,
      body: { slugs: ['support-systems', 'made-up-article'] },
    });
    expect(unknownArticle.status).toBe(404);
    expect(unknownArticle.body.message).toContain('made-up-article');
    const twice = await t.api<ErrorBody>('PUT', path, {
      token: adminToken,
      body: { slugs: ['support-systems', 'support-systems'] },
    });
    expect(twice.status).toBe(400);
    for (const bad of [{}, { slugs: 'support-systems' }, { slugs: ['Not A Slug'] }, { slugs: [], extra: 1 }]) {
      const res = await t.api<ErrorBody>('PUT', path, { token: adminToken, body: bad });
      expect(res.status).toBe(400);
    }
  });

  it('serves the default crisis resources', async () => {
    const res = await t.api<CrisisResourceList>('GET', '/api/resources/crisis');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(DEFAULT_CRISIS_RESOURCES);
    expect(res.body.items.map((r) => r.phone ?? r.sms?.number)).toEqual(['988', '1-800-662-4357', '911', '741741']);
    expect(res.body.international.map((r) => r.country)).toEqual([
      'UK',
      'Ireland',
      'Canada',
      'Australia',
      'Mexico',
      'Spain',
    ]);
  });
});

describe('configured crisis resources', () => {
  let t: TestApp;
  let dir: string;
  const custom = [
    {
      id: 'samaritans',
      name: 'Samaritans',
      description: 'Call 116 123, free, any time.',
      phone: '116 123',
    },
    { id: 'shout', name: 'Shout', description: 'Text SHOUT to 85258.', sms: { number: '85258', body: 'SHOUT' } },
  ];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-crisis-'));
    const file = join(dir, 'crisis.json');
    writeFileSync(
      file,
      JSON.stringify({ items: custom, international: [{ country: 'UK', name: 'Samaritans', phone: '116 123' }] }),
    );
    t = await startTestApp({ CRISIS_RESOURCES_FILE: file });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the list from CRISIS_RESOURCES_FILE', async () => {
    const res = await t.api<CrisisResourceList>('GET', '/api/resources/crisis');
    expect(res.body.items).toEqual(custom);
    expect(res.body.international).toEqual([{ country: 'UK', name: 'Samaritans', phone: '116 123' }]);
  });
});
