import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleFormatError, parseArticle, parseFrontMatter } from './front-matter.js';

const CONTENT = new URL('../../content/articles/', import.meta.url).pathname;

const file = (front: string, body = 'Some text.\n\n## A heading\n\nMore.'): string => `---\n${front}\n---\n\n${body}\n`;

const VALID = [
  'slug: "withdrawal-basics"',
  'title: "Withdrawal basics"',
  'summary: "What to expect."',
  'tags: ["withdrawal", "timeline"]',
  'boards: ["withdrawal-detox"]',
  'reviewedAt: "2026-11-21"',
  'sources: ["SAMHSA", "NIDA"]',
].join('\n');

describe(parseFrontMatter.name, () => {
  it('reads quoted text, lists and bare values, and returns the body after the closing line', () => {
    const sut = parseFrontMatter(
      '---\r\ntitle: "A: colon, \\"quoted\\""\r\ntags: ["a", "b c"]\r\norder: 3\r\n---\r\n\r\nBody here.\r\n',
    );
    expect(sut.data).toEqual({ title: 'A: colon, "quoted"', tags: ['a', 'b c'], order: '3' });
    expect(sut.body).toBe('Body here.');
  });

  it('refuses a file without front matter, an unclosed block, a bad line and a repeated key', () => {
    expect(() => parseFrontMatter('# Just markdown')).toThrow(ArticleFormatError);
    expect(() => parseFrontMatter('---\ntitle: "x"\n\nbody')).toThrow(/not closed/);
    expect(() => parseFrontMatter('---\njust words\n---\nbody')).toThrow(/line 2 is not "key: value"/);
    expect(() => parseFrontMatter('---\na: "1"\na: "2"\n---\nbody')).toThrow(/given twice/);
    expect(() => parseFrontMatter('---\ntags: ["a", 1]\n---\nbody')).toThrow(/only quoted text/);
    expect(() => parseFrontMatter('---\ntags: ["a",\n---\nbody')).toThrow(/list is malformed/);
  });
});

describe(parseArticle.name, () => {
  it('parses a complete article', () => {
    const sut = parseArticle(file(VALID), 'x.md');
    expect(sut).toMatchObject({
      slug: 'withdrawal-basics',
      title: 'Withdrawal basics',
      tags: ['withdrawal', 'timeline'],
      boards: ['withdrawal-detox'],
      reviewedAt: '2026-11-21',
      sources: ['SAMHSA', 'NIDA'],
      order: 0,
    });
    expect(sut.body.startsWith('Some text.')).toBe(true);
  });

  it.each([
    ['a missing title', VALID.replace(/^title.*$/m, ''), /"title" is required/],
    ['an invalid slug', VALID.replace('withdrawal-basics', 'Withdrawal Basics'), /slug "Withdrawal Basics"/],
    ['a bad date', VALID.replace('2026-11-21', '21/11/2026'), /reviewedAt must be a date/],
    ['tags that are not a list', VALID.replace('["withdrawal", "timeline"]', '"withdrawal"'), /"tags" must be a list/],
    ['a bad board slug', VALID.replace('["withdrawal-detox"]', '["Withdrawal & Detox"]'), /board "Withdrawal & Detox"/],
    ['a bad order', `${VALID}\norder: first`, /order must be a whole number/],
  ])('names the file and the problem for %s', (_name, front, message) => {
    expect(() => parseArticle(file(front), 'bad.md')).toThrow(message);
    expect(() => parseArticle(file(front), 'bad.md')).toThrow(/^bad\.md: /);
  });

  it('refuses an article without text', () => {
    expect(() => parseArticle(file(VALID, ''), 'empty.md')).toThrow(/no text/);
  });

  it('parses every article in the content folder, each with the closing note and sources', () => {
    const names = readdirSync(CONTENT).filter((n) => n.endsWith('.md'));
    expect(names).toHaveLength(10);
    const articles = names.map((n) => parseArticle(readFileSync(join(CONTENT, n), 'utf8'), n));
    for (const [i, article] of articles.entries()) {
      expect(`${article.slug}.md`).toBe(names[i]);
      expect(article.sources.length).toBeGreaterThan(0);
      expect(article.body).toMatch(/## A note on this article\n\nThis is general information, not medical advice\./);
      const words = article.body.split(/\s+/).length;
      expect(words).toBeGreaterThanOrEqual(400);
      expect(words).toBeLessThanOrEqual(1200);
    }
    expect(new Set(articles.map((a) => a.order)).size).toBe(10);
  });

  it('has every article in Spanish too, with the same slug, sources, review date, order and sections', () => {
    const names = readdirSync(CONTENT).filter((n) => n.endsWith('.md'));
    expect(readdirSync(join(CONTENT, 'es')).filter((n) => n.endsWith('.md'))).toEqual(names);
    for (const name of names) {
      const en = parseArticle(readFileSync(join(CONTENT, name), 'utf8'), name);
      const es = parseArticle(readFileSync(join(CONTENT, 'es', name), 'utf8'), `es/${name}`);
      expect(es).toMatchObject({ slug: en.slug, sources: en.sources, reviewedAt: en.reviewedAt, order: en.order });
      expect(es.title).not.toBe(en.title);
      const headings = (body: string): string[] => body.match(/^#{2,3} /gm) ?? [];
      expect(headings(es.body)).toEqual(headings(en.body));
      // The closing note gives the Spanish way to reach 988, as every crisis mention in Spanish must.
      expect(es.body).toMatch(
        /## Una nota sobre este artículo\n\nEsta es información general, no consejo médico\.[^\n]*llama al 988 y marca 2, o envía AYUDA por mensaje de texto al 988\.$/,
      );
      expect(es.body).not.toMatch(/call or text|llama o envía un mensaje de texto al 988/i);
      const words = es.body.split(/\s+/).length;
      expect(words).toBeGreaterThanOrEqual(400);
      expect(words).toBeLessThanOrEqual(1300);
    }
  });
});
