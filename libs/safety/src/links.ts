// Markdown links first, so the URL inside one is not counted a second time as a bare URL.
// Neither part can run past the next bracket or parenthesis, so '[a]([a](…' is read once, not cubed.
const MARKDOWN_LINK = /\[[^[\]\n]*\]\(\s*[^()\s][^()\n]*\)/g;
const BARE_URL = /\bhttps?:\/\/[^\s<>()[\]]+/gi;

/** Counts http(s) URLs and markdown links, each link once. */
export function countLinks(text: string): number {
  let count = 0;
  const rest = text.replace(MARKDOWN_LINK, () => {
    count++;
    return ' ';
  });
  return count + (rest.match(BARE_URL)?.length ?? 0);
}
