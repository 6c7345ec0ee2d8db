import { PASSWORD_MIN, PASSWORD_MIN_SCORE } from '@kindred/contracts';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import { msg, type Message, type MessageKey } from '../../i18n/i18n.js';

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

/** zxcvbn's warnings (English, from @zxcvbn-ts/language-en) by their key, so each language can say them. */
const WARNINGS: Record<string, MessageKey> = {
  straightRow: 'validation.password.warning.straightRow',
  keyPattern: 'validation.password.warning.keyPattern',
  simpleRepeat: 'validation.password.warning.simpleRepeat',
  extendedRepeat: 'validation.password.warning.extendedRepeat',
  sequences: 'validation.password.warning.sequences',
  recentYears: 'validation.password.warning.recentYears',
  dates: 'validation.password.warning.dates',
  topTen: 'validation.password.warning.topTen',
  topHundred: 'validation.password.warning.topHundred',
  common: 'validation.password.warning.common',
  similarToCommon: 'validation.password.warning.similarToCommon',
  wordByItself: 'validation.password.warning.wordByItself',
  namesByThemselves: 'validation.password.warning.namesByThemselves',
  commonNames: 'validation.password.warning.commonNames',
  userInputs: 'validation.password.warning.userInputs',
  pwned: 'validation.password.warning.pwned',
};
const WARNING_BY_TEXT = new Map(
  Object.entries(translations.warnings as Record<string, string>).flatMap(([name, text]) =>
    WARNINGS[name] ? [[text, WARNINGS[name]] as const] : [],
  ),
);

function warningOf(text: string): Message {
  const key = WARNING_BY_TEXT.get(text);
  return key ? msg(key) : msg('validation.password.warning.other', { text: text.replace(/\.?$/, '.') });
}

/** Why this password is refused (a reason for the `password` field, in the reader's language), or null when it is fine. */
export function passwordProblem(password: string, username?: string): Message | null {
  if (password.length < PASSWORD_MIN) return msg('validation.password.tooShort', { min: PASSWORD_MIN });
  if (username && password.toLowerCase() === username.toLowerCase()) return msg('validation.password.sameAsUsername');
  if (BREACHED.has(password.toLowerCase())) return msg('validation.password.breached');
  const result = zxcvbn.check(password.slice(0, PASSWORD_CHECKED_LENGTH), username ? [username] : []);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const warning = result.feedback.warning;
  return warning
    ? msg('validation.password.tooEasyBecause', { warning: warningOf(warning) })
    : msg('validation.password.tooEasy');
}
