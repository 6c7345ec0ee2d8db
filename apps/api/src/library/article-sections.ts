import { renderMarkdown, toPlainText } from '../common/markdown.js';

export interface ArticleSectionSource {
  /** Stable anchor id of the heading, unique within the article. */
  anchor: string;
  heading: string;
  position: number;
  /** The section's Markdown, without its heading line. */
  markdown: string;
  /** Plain text of the section, for full-text matching and snippets. */
  bodyText: string;
  /** False for the closing "not medical advice" note, which every article shares. */
  matchable: boolean;
}

export interface RenderedArticle {
  html: string;
  sections: ArticleSectionSource[];
}

/** The closing note every article ends with; it is shown but never offered as related reading. */
export const NOTE_HEADING = 'A note on this article';
/** The closing note's heading in every language the library is written in. */
const NOTE_HEADINGS = new Set([NOTE_HEADING, 'Una nota sobre este artículo'].map((h) => h.toLowerCase()));

/** A URL-safe anchor from a heading: "Starting buprenorphine (induction)" → "starting-buprenorphine-induction". */
export function slugifyHeading(heading: string): string {
  const slug = heading
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug === '' ? 'section' : slug;
}

/**
 * Splits an article's Markdown at its `## ` headings (ignoring fenced code). Text before the first
 * heading is the introduction; `###` subsections stay inside their section.
 */
export function splitSections(markdown: string): { intro: string; sections: ArticleSectionSource[] } {
  const introLines: string[] = [];
  const parts: Array<{ heading: string; lines: string[] }> = [];
  let fenced = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s{0,3}(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) parts.push({ heading: heading[1].trim(), lines: [] });
    else if (parts.length > 0) parts[parts.length - 1].lines.push(line);
    else introLines.push(line);
  }

  const used = new Set<string>();
  const sections = parts.map((part, position) => {
    const base = slugifyHeading(part.heading);
    let anchor = base;
    for (let n = 2; used.has(anchor); n++) anchor = `${base}-${n}`;
    used.add(anchor);
    const body = part.lines.join('\n').trim();
    return {
      anchor,
      heading: part.heading,
      position,
      markdown: body,
      bodyText: toPlainText(body),
      matchable: !NOTE_HEADINGS.has(part.heading.toLowerCase()),
    };
  });
  return { intro: introLines.join('\n').trim(), sections };
}

/** Renders an article to sanitised HTML whose `<h2>` headings carry the sections' anchors as ids. */
export function renderArticle(markdown: string): RenderedArticle {
  const { intro, sections } = splitSections(markdown);
  const parts = intro === '' ? [] : [renderMarkdown(intro)];
  for (const section of sections) {
    // Rendered one section at a time so the id lands on exactly this heading. The anchor is
    // [a-z0-9-] only, so adding it after sanitising is safe.
    const html = renderMarkdown(`## ${section.heading}\n\n${section.markdown}`);
    parts.push(html.replace(/^<h2>/, `<h2 id="${section.anchor}">`));
  }
  return { html: parts.join('\n'), sections };
}
