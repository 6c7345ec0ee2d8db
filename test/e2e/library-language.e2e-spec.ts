import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_CRISIS_RESOURCES,
  type ArticleList,
  type ArticleView,
  type BoardArticleList,
  type BoardWithArticles,
  type CrisisResourceList,
  type LibrarySearchResult,
  type Page,
  type RelatedArticleList,
  type SearchResult,
  type ThreadView,
} from '@kindred/contracts';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ES = { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' };
const EN = { 'accept-language': 'en-US,en;q=0.9' };

/** The library in the reader's language: Spanish articles, related reading for Spanish threads, crisis lines. */
describe('library in Spanish', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS: 'off', NEW_MEMBER_HOURS: '0' });
    token = (await t.register()).token;
  });
  afterAll(() => t.close());

  const article = (slug: string, options: { headers?: Record<string, string>; token?: string; lang?: string } = {}) =>
    t.api<ArticleView>('GET', `/api/articles/${slug}${options.lang ? `?lang=${options.lang}` : ''}`, options);

  it('serves an article in Spanish for Accept-Language es, in English otherwise, each naming the other', async () => {
    const es = await article('overdose-and-naloxone', { headers: ES });
    expect(es.status).toBe(200);
    expect(es.body).toMatchObject({
      slug: 'overdose-and-naloxone',
      locale: 'es',
      title: 'Sobredosis y naloxona: qué hacer',
      translations: ['en'],
      reviewedAt: '2026-11-21',
      sources: ['CDC', 'SAMHSA', 'FDA', 'NIDA'],
    });
    expect(es.body.sections.map((s) => s.id)).toContain('que-hacer-paso-a-paso');
    expect(es.body.html).toContain('<h2 id="que-hacer-paso-a-paso">');
    expect(es.body.html).toContain('una respiración más o menos cada 5 segundos');
    expect(es.body.html).toContain('marca 2');

    for (const headers of [EN, {}]) {
      const en = await article('overdose-and-naloxone', { headers });
      expect(en.body).toMatchObject({ locale: 'en', title: 'Overdose and naloxone: what to do', translations: ['es'] });
      expect(en.body.sections.map((s) => s.id)).toContain('what-to-do-step-by-step');
    }
  });

  it('follows ?lang= (the link to the other language) over the reader, and refuses a language it does not speak', async () => {
    expect((await article('support-systems', { headers: ES, lang: 'en' })).body).toMatchObject({
      locale: 'en',
      translations: ['es'],
    });
    expect((await article('support-systems', { headers: EN, lang: 'es' })).body).toMatchObject({
      locale: 'es',
      translations: ['en'],
    });
    expect((await article('support-systems', { lang: 'fr' })).status).toBe(400);
    expect((await article('no-such-article', { headers: ES })).status).toBe(404);
  });

  it("follows a member's saved language over Accept-Language", async () => {
    const member = await t.register();
    await t.api('PATCH', '/api/me', { token: member.token, body: { locale: 'es' } });
    const res = await article('relapse-prevention', { token: member.token, headers: EN });
    expect(res.body).toMatchObject({ locale: 'es', title: 'Prevenir una recaída', translations: ['en'] });
  });

  it('lists the library in Spanish, in the same order, with Spanish topics to filter by', async () => {
    const en = await t.api<ArticleList>('GET', '/api/articles', { headers: EN });
    const es = await t.api<ArticleList>('GET', '/api/articles', { headers: ES });
    expect(es.body.items.map((a) => a.slug)).toEqual(en.body.items.map((a) => a.slug));
    expect(es.body.items.every((a) => a.locale === 'es')).toBe(true);
    expect(en.body.items.every((a) => a.locale === 'en')).toBe(true);
    expect(es.body.items.find((a) => a.slug === 'getting-help-now')?.title).toBe('¿Necesitas ayuda ahora?');
    const filtered = await t.api<ArticleList>('GET', '/api/articles?tag=Buprenorfina', { headers: ES });
    expect(filtered.body.items.map((a) => a.slug)).toEqual(['medications-for-opioid-use-disorder']);
  });

  it("shows a board's pins in the reader's language, keeping the slugs", async () => {
    const es = await t.api<BoardArticleList>('GET', '/api/boards/medication-assisted-treatment/articles', {
      headers: ES,
    });
    const en = await t.api<BoardArticleList>('GET', '/api/boards/medication-assisted-treatment/articles');
    expect(es.body.items.map((a) => a.slug)).toEqual(en.body.items.map((a) => a.slug));
    expect(es.body.items[0]).toEqual({
      slug: 'medications-for-opioid-use-disorder',
      title: 'Medicamentos para el trastorno por consumo de opioides',
      summary: expect.stringContaining('metadona') as string,
    });
    const board = await t.api<BoardWithArticles>('GET', '/api/boards/medication-assisted-treatment', { headers: ES });
    expect(board.body.pinnedArticles[0].title).toBe('Medicamentos para el trastorno por consumo de opioides');
  });

  async function relatedFor(title: string, body: string, board = 'welcome-introductions'): Promise<RelatedArticleList> {
    const created = await t.api<ThreadView>('POST', `/api/boards/${board}/threads`, {
      token,
      body: { title, body, anonymous: true },
    });
    expect(created.status).toBe(201);
    const res = await t.api<RelatedArticleList>('GET', `/api/threads/${created.body.id}/related`);
    expect(res.status).toBe(200);
    return res.body;
  }

  it.each([
    [
      'buprenorphine induction → the Spanish buprenorphine section',
      'Empiezo la buprenorfina mañana, ¿cuánto espero?',
      'Mi médico me recetó buprenorfina (Suboxone). ¿Cuánto tiempo después del último fentanilo tengo que tomar la primera dosis? Tengo miedo de la abstinencia precipitada durante la inducción.',
      'medications-for-opioid-use-disorder',
      'buprenorfina',
    ],
    [
      'day 3 of withdrawal → the Spanish withdrawal timeline',
      '¿El día 3 siempre es el peor?',
      'Dejé la heroína de golpe y ya voy en el día 3. Sudo, tengo diarrea, no puedo dormir y las piernas no me dejan en paz. ¿Cuándo mejora la abstinencia?',
      'withdrawal-symptoms-and-timeline',
      'cuanto-dura-mas-o-menos',
    ],
    [
      'a friend not breathing → the Spanish naloxone steps',
      'Mi amigo no respira bien',
      'Mi amigo tomó algo y casi no respira. ¿Cómo le pongo la naloxona en espray nasal, en qué fosa nasal, y cuándo le doy una segunda dosis? ¿Lo pongo de lado?',
      'overdose-and-naloxone',
      'que-hacer-paso-a-paso',
    ],
  ])('matches a Spanish thread: %s', async (_name, title, body, articleSlug, sectionId) => {
    const { items } = await relatedFor(title, body);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.locale === 'es')).toBe(true);
    expect(items[0].articleSlug).toBe(articleSlug);
    expect(items[0].sectionId).toBe(sectionId);
    // The link works: the section is in the Spanish article.
    const target = await article(articleSlug, { lang: 'es' });
    expect(target.body.sections.map((s) => s.id)).toContain(items[0].sectionId);
    expect(items[0].snippet.length).toBeGreaterThan(20);
  });

  it('still matches an English thread to the English articles', async () => {
    const { items } = await relatedFor('Is day 3 always the worst?', 'Day 3 off heroin. Sweating, cannot sleep.');
    expect(items[0]).toMatchObject({ articleSlug: 'withdrawal-symptoms-and-timeline', locale: 'en' });
  });

  it("searches the library in the reader's language", async () => {
    const es = await t.api<Page<SearchResult>>('GET', '/api/search?q=naloxona', { headers: ES });
    expect(es.status).toBe(200);
    const library = es.body.items.filter((r): r is LibrarySearchResult => r.type === 'article' || r.type === 'section');
    expect(library.length).toBeGreaterThan(0);
    expect(library.map((r) => r.article.slug)).toContain('overdose-and-naloxone');
    expect(library.every((r) => r.article.title !== 'Overdose and naloxone: what to do')).toBe(true);
    expect(library.find((r) => r.snippet.includes('<mark>'))?.snippet).toMatch(/<mark>naloxona<\/mark>/i);

    const en = await t.api<Page<SearchResult>>('GET', '/api/search?q=naloxone', { headers: EN });
    const enLibrary = en.body.items.filter((r): r is LibrarySearchResult => r.type !== 'thread' && r.type !== 'post');
    expect(enLibrary.map((r) => r.article.title)).toContain('Overdose and naloxone: what to do');
  });

  it('answers the crisis resources in Spanish, with each service’s own Spanish way in', async () => {
    const es = await t.api<CrisisResourceList>('GET', '/api/resources/crisis', { headers: ES });
    expect(es.status).toBe(200);
    const byId = new Map(es.body.items.map((r) => [r.id, r]));
    expect(byId.get('988')).toMatchObject({
      name: 'Línea 988 de Prevención del Suicidio y Crisis',
      phone: '988',
      sms: { number: '988', body: 'AYUDA' },
    });
    expect(byId.get('988')?.description).toContain('marca 2');
    expect(byId.get('samhsa')?.phone).toBe('1-800-662-4357');
    expect(byId.get('samhsa')?.description).toContain('español');
    expect(byId.get('overdose')?.name).toBe('Sobredosis: llama al 911');
    expect(byId.get('crisis-text-line')?.sms).toEqual({ number: '741741', body: 'AYUDA' });
    expect(es.body.international.map((r) => r.country)).toContain('Reino Unido');

    const en = await t.api<CrisisResourceList>('GET', '/api/resources/crisis', { headers: EN });
    expect(en.body.items).toEqual(DEFAULT_CRISIS_RESOURCES);
  });

  it('answers the crisis resources even with an expired sign-in', async () => {
    const res = await t.api<CrisisResourceList>('GET', '/api/resources/crisis', { token: 'not-a-token', headers: ES });
    expect(res.status).toBe(200);
    expect(res.body.items[0].name).toBe('Línea 988 de Prevención del Suicidio y Crisis');
  });
});

describe('configured crisis resources per language', () => {
  let t: TestApp;
  let dir: string;
  const items = [
    {
      id: 'local',
      name: 'County crisis line',
      description: 'Call any time.',
      phone: '555-0100',
      byLocale: { es: { name: 'Línea de crisis del condado', description: 'Llama a cualquier hora y pide español.' } },
    },
  ];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-crisis-es-'));
    const file = join(dir, 'crisis.json');
    writeFileSync(file, JSON.stringify({ items }));
    t = await startTestApp({ CRISIS_RESOURCES_FILE: file });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves each language its own text from CRISIS_RESOURCES_FILE', async () => {
    const es = await t.api<CrisisResourceList>('GET', '/api/resources/crisis', { headers: ES });
    expect(es.body.items).toEqual([
      {
        id: 'local',
        name: 'Línea de crisis del condado',
        description: 'Llama a cualquier hora y pide español.',
        phone: '555-0100',
      },
    ]);
    const en = await t.api<CrisisResourceList>('GET', '/api/resources/crisis');
    expect(en.body.items).toEqual([
      { id: 'local', name: 'County crisis line', description: 'Call any time.', phone: '555-0100' },
    ]);
  });
});
