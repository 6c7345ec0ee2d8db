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
});
