import { PASSWORD_MIN, PASSWORD_MIN_SCORE } from '@kindred/contracts';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

// Loaded on first keystroke in a new-password field (a lazy chunk of about 1 MB before gzip):
// the same library, dictionaries and 64-character cut as the server's password policy
// (apps/api/src/auth/password/password-policy.ts), so the meter says what the server decides.
const zxcvbn = new ZxcvbnFactory({
  maxLength: 64,
  translations,
  graphs: adjacencyGraphs,
  dictionary: { ...commonDictionary, ...englishDictionary },
});

export interface Strength {
  /** 0–4 (zxcvbn). */
  score: number;
  acceptable: boolean;
  /** What to change, kindly; null when the password is fine. */
  advice: string | null;
}

export function measure(password: string, username: string): Strength {
  if (password.length < PASSWORD_MIN) {
    return { score: 0, acceptable: false, advice: `Use at least ${PASSWORD_MIN} characters.` };
  }
  const result = zxcvbn.check(password, username ? [username] : []);
  const acceptable = result.score >= PASSWORD_MIN_SCORE;
  const advice = acceptable
    ? null
    : [result.feedback.warning, 'Try three or four words that have nothing to do with each other.']
        .filter(Boolean)
        .join(' ');
  return { score: result.score, acceptable, advice };
}
