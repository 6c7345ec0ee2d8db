/**
 * A tiny parser for the front matter of the library's Markdown files, in exactly the format they
 * use (no YAML dependency):
 *
 *   ---
 *   slug: "withdrawal-symptoms-and-timeline"
 *   tags: ["withdrawal", "timeline"]
 *   ---
 *   Markdown body…
 *
 * Each line is `key: value`, where value is a JSON string, a JSON array of strings, or bare text
 * (`order: 3`).
 */
export interface ArticleSource {
  slug: string;
  title: string;
  summary: string;
  tags: string[];
  /** Board slugs the article is pinned to when it is first imported. */
  boards: string[];
  /** YYYY-MM-DD. */
  reviewedAt: string;
  sources: string[];
  /** Optional place in the library index (lower first); 0 when absent. */
  order: number;
  /** The Markdown after the front matter. */
  body: string;
}

export class ArticleFormatError extends Error {}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Value = string | string[];

/** Splits `---` front matter from the body and parses its `key: value` lines. */
export function parseFrontMatter(text: string, fileName = 'article'): { data: Record<string, Value>; body: string } {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = source.split('\n');
  if (lines[0]?.trim() !== '---')
    throw new ArticleFormatError(`${fileName}: must start with a "---" front matter line.`);
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) throw new ArticleFormatError(`${fileName}: the front matter is not closed with "---".`);

  const data: Record<string, Value> = {};
  for (let i = 1; i < end; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = /^([A-Za-z][A-Za-z0-9_]*)\s*:\s*(.*)$/.exec(line);
    if (!match) throw new ArticleFormatError(`${fileName}: line ${i + 1} is not "key: value".`);
    const [, key, raw] = match;
    if (key in data) throw new ArticleFormatError(`${fileName}: "${key}" is given twice.`);
    data[key] = parseValue(raw.trim(), `${fileName}: line ${i + 1}`);
  }
  return {
    data,
    body: lines
      .slice(end + 1)
      .join('\n')
      .trim(),
  };
}

function parseValue(raw: string, where: string): Value {
  if (!raw.startsWith('"') && !raw.startsWith('[')) return raw;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ArticleFormatError(`${where}: ${raw.startsWith('[') ? 'the list' : 'the quoted text'} is malformed.`);
  }
  if (typeof parsed === 'string') return parsed;
  if (Array.isArray(parsed) && parsed.every((item): item is string => typeof item === 'string')) return parsed;
  throw new ArticleFormatError(`${where}: a list may hold only quoted text.`);
}

/** Parses and validates a whole article file. */
export function parseArticle(text: string, fileName = 'article'): ArticleSource {
  const { data, body } = parseFrontMatter(text, fileName);
  const str = (key: string): string => {
    const value = data[key];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ArticleFormatError(`${fileName}: "${key}" is required and must be text.`);
    }
    return value.trim();
  };
  const list = (key: string, required: boolean): string[] => {
    const value = data[key];
    if (value === undefined && !required) return [];
    if (!Array.isArray(value)) throw new ArticleFormatError(`${fileName}: "${key}" must be a list like ["a", "b"].`);
    return value.map((item) => item.trim()).filter((item) => item !== '');
  };

  const slug = str('slug');
  if (!SLUG.test(slug) || slug.length > 100) {
    throw new ArticleFormatError(`${fileName}: slug "${slug}" may use only lowercase letters, digits and dashes.`);
  }
  const reviewedAt = str('reviewedAt');
  if (!DATE.test(reviewedAt) || Number.isNaN(Date.parse(`${reviewedAt}T00:00:00Z`))) {
    throw new ArticleFormatError(`${fileName}: reviewedAt must be a date like 2026-01-31.`);
  }
  const boards = list('boards', false);
  const badBoard = boards.find((board) => !SLUG.test(board));
  if (badBoard) throw new ArticleFormatError(`${fileName}: board "${badBoard}" is not a valid board slug.`);
  const orderRaw = data.order;
  if (orderRaw !== undefined && (typeof orderRaw !== 'string' || !/^\d{1,4}$/.test(orderRaw))) {
    throw new ArticleFormatError(`${fileName}: order must be a whole number like 3.`);
  }
  if (body === '') throw new ArticleFormatError(`${fileName}: the article has no text.`);

  return {
    slug,
    title: str('title'),
    summary: str('summary'),
    tags: list('tags', true),
    boards,
    reviewedAt,
    sources: list('sources', true),
    order: orderRaw === undefined ? 0 : Number(orderRaw),
    body,
  };
}
