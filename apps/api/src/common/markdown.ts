import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { msg, type Message } from '../i18n/i18n.js';
import { fieldError } from './app-error.js';

// Raw HTML in Markdown is dropped before rendering: members write Markdown, never HTML.
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html: () => '',
  },
});

const SAFE_URL = /^(https?:|mailto:|\/(?!\/)|#)/i;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title'],
    th: ['align'],
    td: ['align'],
    h2: ['id'],
    h3: ['id'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const safe = SAFE_URL.test(href);
      const external = /^https?:/i.test(href);
      const attrs: Record<string, string> = safe ? { href } : {};
      if (attribs.title) attrs.title = attribs.title;
      if (external) attrs.rel = 'nofollow ugc noopener noreferrer';
      return { tagName: safe ? 'a' : 'span', attribs: attrs };
    },
    // Images only from Kindred itself: a remote image would tell another host who is reading.
    img: (tagName, attribs): sanitizeHtml.Tag => {
      const src = attribs.src ?? '';
      if (!/^\/(?!\/)/.test(src)) return { tagName: 'span', attribs: {}, text: attribs.alt ?? '' };
      return { tagName: 'img', attribs: { src, alt: attribs.alt ?? '' } };
    },
  },
};

/** Quotes and lists nested deeper than this are refused: marked recurses once per level (2,000 '>' overflow the stack). */
export const MAX_MARKDOWN_NESTING = 10;
/** A list item indented further than this many columns is refused (each 2 columns can open a level). */
const MAX_LIST_INDENT = 2 * MAX_MARKDOWN_NESTING;
/**
 * Emphasis and link marks (`* _ ~ [ ]`) in one paragraph. marked pairs them up in time that grows
 * with the square of their number in one paragraph ('_a_' × 6,666 took a second); up to this many
 * a 20,000-character text costs a few times plain prose.
 */
export const MAX_MARKS_PER_PARAGRAPH = 1000;
/**
 * Quote and list levels summed over all lines. Each level of each line is a token marked nests
 * and renders; 1,500 lines of ten-deep quotes cost five times prose.
 */
export const MAX_MARKDOWN_CONTAINERS = 2000;

const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/;
const LIST_ITEM = /^([ \t]*)(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const MARKS = /[*_~[\]]/g;

/** Why marked would be too slow or overflow on this text, or null when it renders in linear time. */
export function markdownProblem(source: string): Message | null {
  let containers = 0;
  for (const line of source.split('\n')) {
    if (THEMATIC_BREAK.test(line)) continue;
    const prefix = CONTAINER_PREFIX.exec(line)?.[0] ?? '';
    const levels = prefix.replace(/[ \t]/g, '').replace(/\d{1,9}[.)]/g, '1').length;
    const indent = LIST_ITEM.exec(line)?.[1].replace(/\t/g, '    ').length ?? 0;
    if (levels > MAX_MARKDOWN_NESTING || indent > MAX_LIST_INDENT) {
      return msg('validation.markdown.nesting', { max: MAX_MARKDOWN_NESTING });
    }
    containers += levels;
    if (containers > MAX_MARKDOWN_CONTAINERS) {
      return msg('validation.markdown.containers', { max: MAX_MARKDOWN_CONTAINERS });
    }
  }
  for (const paragraph of source.split(/\n[ \t]*\n/)) {
    if ((paragraph.match(MARKS)?.length ?? 0) > MAX_MARKS_PER_PARAGRAPH) {
      return msg('validation.markdown.marks', { max: MAX_MARKS_PER_PARAGRAPH });
    }
  }
  return null;
}

/** Markdown → HTML that is safe to insert into the page (allow-list sanitised); 422 past the bounds above. */
export function renderMarkdown(source: string, field = 'body'): string {
  const problem = markdownProblem(source);
  if (problem) {
    throw fieldError(field, problem, { code: 'unprocessable' });
  }
  const raw = marked.parse(source) as string;
  return sanitizeHtml(raw, SANITIZE).trim();
}

/** Plain text for excerpts and search snippets (text past the bounds is used as it is, unparsed). */
export function toPlainText(source: string): string {
  const html = markdownProblem(source) ? source : (marked.parse(source) as string);
  return decodeEntities(sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }))
    .replace(/\s+/g, ' ')
    .trim();
}

/** sanitize-html escapes the text it keeps ("&amp;"); plain text is the characters themselves. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi, (_, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#')) {
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[lower] ?? '';
  });
}

export function excerpt(source: string, max = 200): string {
  const text = toPlainText(source);
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
