/**
 * Counted words in plain English for now ("1 post", "3 posts"), chosen by Intl.PluralRules so the
 * strings can later move into locale catalogues with their own plural categories.
 */
const rules = new Intl.PluralRules('en-US');

/** "1 reply", "2 replies": the count, a space, then the word form the plural rules pick. */
export function plural(count: number, one: string, other = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${rules.select(count) === 'one' ? one : other}`;
}

/** Joins the non-empty parts of a line with a spaced middle dot ("6:54 AM · ends 7:54 AM"). */
export function dotted(...parts: Array<string | null | undefined | false>): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' · ');
}
