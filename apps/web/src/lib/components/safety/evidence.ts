/** One run of an excerpt: plain text, or a sentence that drove a detection. */
export interface ExcerptPart {
  text: string;
  evidence: boolean;
}

/**
 * Splits an excerpt into runs, marking every place an evidence sentence (or, when the excerpt was
 * cut, its start) appears. Plain text only: the parts are rendered as text, never as HTML.
 */
export function markEvidence(excerpt: string, evidence: readonly string[]): ExcerptPart[] {
  const ranges: Array<[number, number]> = [];
  for (const raw of evidence) {
    const sentence = raw.trim();
    if (sentence === '') continue;
    let at = excerpt.indexOf(sentence);
    let length = sentence.length;
    if (at < 0) {
      // The excerpt may end mid-sentence, or the sentence may be longer than what is shown.
      const head = sentence.slice(0, 60);
      at = excerpt.indexOf(head);
      length = head.length;
    }
    if (at >= 0) ranges.push([at, at + length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const parts: ExcerptPart[] = [];
  let pos = 0;
  for (const [start, end] of ranges) {
    if (end <= pos) continue;
    const from = Math.max(start, pos);
    if (from > pos) parts.push({ text: excerpt.slice(pos, from), evidence: false });
    parts.push({ text: excerpt.slice(from, end), evidence: true });
    pos = end;
  }
  if (pos < excerpt.length) parts.push({ text: excerpt.slice(pos), evidence: false });
  return parts;
}
