/** One `@…` in a post: an alias as the thread shows it ("Quiet Heron"), else a username. */
export interface MentionCandidate {
  /** "Quiet Heron" when the text after @ reads like an alias (two capitalised words, maybe a number). */
  alias: string | null;
  /** The username it would be (lower-cased), used when no alias of the thread matches. */
  username: string;
}

export const MAX_MENTIONS = 10;
export const MAX_MENTIONS_NEW_MEMBER = 2;

// Not after a letter, digit or a dot (e-mail addresses, code), and not inside inline code.
const MENTION = /(?<![\w.@`])@([A-Za-z0-9_-]{3,24})(?:( [A-Z][a-z]+)( \d{1,3})?)?/g;

/**
 * The distinct mentions in a post body, in order, at most `limit` (Discourse's 10, or 2 for new
 * members). Fenced and inline code are skipped, so "@decorator" in a code sample notifies nobody.
 */
export function parseMentions(body: string, limit = MAX_MENTIONS): MentionCandidate[] {
  const text = body.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, ' ');
  const seen = new Set<string>();
  const result: MentionCandidate[] = [];
  for (const match of text.matchAll(MENTION)) {
    const first = match[1];
    const alias = match[2] && /^[A-Z][a-z]+$/.test(first) ? `${first}${match[2]}${match[3] ?? ''}` : null;
    const key = alias ?? first.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ alias, username: first.toLowerCase() });
    if (result.length >= limit) break;
  }
  return result;
}
