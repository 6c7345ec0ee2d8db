/** The same reading of "@…" as the server's (apps/api/src/common/mentions.ts). */
const MENTION = /(?<![\w.@`])@([A-Za-z0-9_-]{3,24})(?:( [A-Z][a-z]+)( \d{1,3})?)?/g;

/** "@qu" or "@Quiet H" just before the caret: what to complete, and where it starts. */
export function mentionQuery(text: string, caret: number): { start: number; prefix: string } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|[^\w.@`])@([A-Za-z0-9_-]{0,24}(?: [A-Za-z]*)?)$/.exec(before);
  if (!match) return null;
  const prefix = match[1];
  return { start: caret - prefix.length - 1, prefix };
}

/**
 * Turns mentions in a rendered post into links: an alias this thread shows links to that post,
 * a username to the member's page. Text inside links and code stays as it is.
 */
export function linkMentions(root: HTMLElement, aliasPost: (alias: string) => string | null): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      // i18n-ignore: a CSS selector, not words
      node.parentElement?.closest('a, code, pre') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  for (const node of nodes) {
    const text = node.data;
    MENTION.lastIndex = 0;
    if (!MENTION.test(text)) continue;
    MENTION.lastIndex = 0;
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const match of text.matchAll(MENTION)) {
      const first = match[1];
      const aliasText = match[2] && /^[A-Z][a-z]+$/.test(first) ? `${first}${match[2]}${match[3] ?? ''}` : null;
      const postId = aliasText ? aliasPost(aliasText) : null;
      const index = match.index;
      const shown = postId && aliasText ? `@${aliasText}` : `@${first}`;
      fragment.append(text.slice(at, index));
      const link = document.createElement('a');
      link.className = 'mention';
      link.textContent = shown;
      link.href = postId ? `#post-${postId}` : `/members/${encodeURIComponent(first)}`;
      fragment.append(link);
      at = index + shown.length;
    }
    fragment.append(text.slice(at));
    node.replaceWith(fragment);
  }
}
