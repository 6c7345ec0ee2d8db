import { PASSWORD_MIN, PASSWORD_MIN_SCORE } from '@kindred/contracts';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

export const PASSWORD_CHECKED_LENGTH = 64;

/**
 * The one password policy: at least PASSWORD_MIN characters, not the username, and a zxcvbn
 * score of at least PASSWORD_MIN_SCORE. zxcvbn's dictionaries carry about 49,000 breached
 * passwords (language-common) plus English words and names, and its matchers catch repeats
 * ("aaaaaaaaaa"), sequences ("abcdefghij", "1234567890"), keyboard walks and l33t spellings of
 * all of these — so "Password1!" scores 1. The web strength meter runs the same library with
 * the same dictionaries, so what it shows is what the server decides.
 */
const zxcvbn = new ZxcvbnFactory({
  // Only the first 64 characters are matched: zxcvbn is super-linear in the length (a
  // 200-character password cost about 1 s of CPU), and 64 characters that are hard to guess
  // make the whole password hard to guess.
  maxLength: PASSWORD_CHECKED_LENGTH,
  translations,
  graphs: adjacencyGraphs,
  dictionary: { ...commonDictionary, ...englishDictionary },
});

const BREACHED = new Set(commonDictionary['passwords-common'] as string[]);

const ADVICE = 'Try three or four words that have nothing to do with each other, like "lantern ocean tuesday fig".';

/** Why this password is refused (a reason for the `password` field), or null when it is fine. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (username && password.toLowerCase() === username.toLowerCase()) return 'must not be the same as your username';
  if (BREACHED.has(password.toLowerCase())) {
    return `is on a list of passwords leaked from other sites, so it is easy to guess. ${ADVICE}`;
  }
  const result = zxcvbn.check(password.slice(0, PASSWORD_CHECKED_LENGTH), username ? [username] : []);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const warning = result.feedback.warning ? `${result.feedback.warning.replace(/\.?$/, '.')} ` : '';
  return `is too easy to guess. ${warning}${ADVICE}`;
}
