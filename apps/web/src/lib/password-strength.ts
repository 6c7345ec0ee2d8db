import { PASSWORD_MIN, PASSWORD_MIN_SCORE } from '@kindred/contracts';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import { t, type MessageKey } from './i18n/i18n.svelte';

type Warning = keyof typeof translations.warnings;

/**
 * zxcvbn's warnings in Kindred's catalogues: the English is the library's own wording, the Spanish
 * ours (@zxcvbn-ts/language-es-es is European Spanish that mixes tú and usted, and Kindred's Spanish
 * speaks with one voice). Scoring still uses only the dictionaries the server's policy uses.
 */
const WARNINGS: Record<Warning, MessageKey> = {
  straightRow: 'account.strength.warnStraightRow',
  keyPattern: 'account.strength.warnKeyPattern',
  simpleRepeat: 'account.strength.warnSimpleRepeat',
  extendedRepeat: 'account.strength.warnExtendedRepeat',
  sequences: 'account.strength.warnSequences',
  recentYears: 'account.strength.warnRecentYears',
  dates: 'account.strength.warnDates',
  topTen: 'account.strength.warnTopTen',
  topHundred: 'account.strength.warnTopHundred',
  common: 'account.strength.warnCommon',
  similarToCommon: 'account.strength.warnSimilarToCommon',
  wordByItself: 'account.strength.warnWordByItself',
  namesByThemselves: 'account.strength.warnNamesByThemselves',
  commonNames: 'account.strength.warnCommonNames',
  userInputs: 'account.strength.warnUserInputs',
  pwned: 'account.strength.warnPwned',
};
const isWarning = (warning: string): warning is Warning => Object.hasOwn(WARNINGS, warning);

// Loaded on first keystroke in a new-password field (a lazy chunk of about 1 MB before gzip):
// the same library, dictionaries and 64-character cut as the server's password policy
// (apps/api/src/auth/password/password-policy.ts), so the meter says what the server decides.
// Its warnings come back as their names ("straightRow"), looked up in the reader's language.
const zxcvbn = new ZxcvbnFactory({
  maxLength: 64,
  translations: {
    ...translations,
    warnings: Object.fromEntries(Object.keys(translations.warnings).map((name) => [name, name])) as Record<
      Warning,
      string
    >,
  },
  graphs: adjacencyGraphs,
  dictionary: { ...commonDictionary, ...englishDictionary },
});

export interface Strength {
  /** 0–4 (zxcvbn). */
  score: number;
  acceptable: boolean;
  /** What to change, kindly, in the reader's language; null when the password is fine. */
  advice: string | null;
}

export function measure(password: string, username: string): Strength {
  if (password.length < PASSWORD_MIN) {
    return { score: 0, acceptable: false, advice: t('account.strength.minLength', { min: PASSWORD_MIN }) };
  }
  const result = zxcvbn.check(password, username ? [username] : []);
  const acceptable = result.score >= PASSWORD_MIN_SCORE;
  const warning = result.feedback.warning;
  const advice = acceptable
    ? null
    : [warning && isWarning(warning) ? t(WARNINGS[warning]) : null, t('account.strength.advice')]
        .filter(Boolean)
        .join(' ');
  return { score: result.score, acceptable, advice };
}
