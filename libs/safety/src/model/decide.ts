// Step 3's last word, shared by analyzeText (index.ts) and the composer's crisis-only entry
// (crisis-entry.ts), so the browser and the server decide a crisis the same way: where the model
// alone may not decide on a text of a few words.
import type { CrisisLevel, SourcingLevel } from '../types.js';
import type { RuleHits } from './features.js';

/**
 * The model's personal-info reading alone (no regex span) counts only for a text long enough to be
 * like what it learned from: on a name or a few words it misfires ("Sam", "hello under my name" scored
 * about 0.8), and a refused facilitator name or a blocked chat greeting is a real harm.
 */
const MODEL_PI_MIN_WORDS = 8;

/** Below this many words the model alone cannot raise an emergency. */
const MODEL_MIN_CRISIS_WORDS = 4;

/** Below this many words the model alone cannot even raise a concern ("hola" read concern from the head's bias). */
const MODEL_MIN_CONCERN_WORDS = 3;

/** Below this many words the model alone cannot make a text a likely deal. */
const MODEL_MIN_WORDS = 6;

/**
 * Words in a text (runs of non-space), counted in one pass. With `skipLinks`, a word that is a web
 * address (http…, www.…) does not count: three links and a few words are not a text long enough for
 * the model's personal-info reading alone (the rules still find profile links).
 */
function wordCount(text: string, skipLinks = false): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord && !(skipLinks && (text.startsWith('http', i) || text.startsWith('www.', i)))) words++;
    inWord = !space;
  }
  return words;
}

/**
 * Two or three words the rules find nothing in are not enough for the model alone to raise an
 * emergency ('message 164' scored urgent through a hash collision); it may still say concern.
 */
export function crisisLevel(text: string, rules: RuleHits, model: CrisisLevel): CrisisLevel {
  // No words at all: the model would read its own bias (an empty text scored concern once the crisis
  // head grew to 24,000 buckets), so the rules alone decide.
  const words = wordCount(text);
  if (words === 0) return rules.crisis.level;
  // One or two words the rules find nothing in ("hola", "thanks all"): too little for the model alone.
  if (words < MODEL_MIN_CONCERN_WORDS && rules.crisis.level === 'none') return 'none';
  return model === 'urgent' && rules.crisis.level === 'none' && words < MODEL_MIN_CRISIS_WORDS ? 'concern' : model;
}

/**
 * On a text of a few words the model alone misreads ('message 20' read as a deal): there it may flag
 * (suspect) but only the rules can make a text a likely deal, which is held or refused.
 */
export function sourcingLevel(text: string, rules: RuleHits, model: SourcingLevel): SourcingLevel {
  if (wordCount(text) === 0) return rules.sourcing.level;
  return model === 'likely' && rules.sourcing.level === 'none' && wordCount(text) < MODEL_MIN_WORDS ? 'suspect' : model;
}

/** Found when the regexes find it (they give the spans) or the model is confident on a long enough text. */
export function personalInfoFound(text: string, rules: RuleHits, model: boolean): boolean {
  return rules.personalInfo.found || (model && wordCount(text, true) >= MODEL_PI_MIN_WORDS);
}
