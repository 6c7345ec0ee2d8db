import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

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

/** Markdown → HTML that is safe to insert into the page (allow-list sanitised). */
export function renderMarkdown(source: string): string {
  const raw = marked.parse(source) as string;
  return sanitizeHtml(raw, SANITIZE).trim();
}

/** Plain text for excerpts and search snippets. */
export function toPlainText(source: string): string {
  return sanitizeHtml(marked.parse(source) as string, { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim();
}

export function excerpt(source: string, max = 200): string {
  const text = toPlainText(source);
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
