import { DEFAULT_LOCALE, type Locale } from '@kindred/contracts';

/**
 * Common short words of each language the library is written in. They are what gives a language away
 * in a post of a few lines: topic words ("fentanyl", "naloxone") are shared or nearly so.
 */
const FUNCTION_WORDS: Record<Locale, ReadonlySet<string>> = {
  en: new Set(
    (
      'the and of to is i my it for with but that this was have has had am are not you me on in at be do ' +
      'how what when can will just so if been from they she he her his we our your after about would should'
    ).split(' '),
  ),
  es: new Set(
    (
      'el la los las de del que y en un una es no me mi por para con pero lo se su al estoy tengo ' +
      'como cuando qué cómo muy más ya hace hay yo tu te nos le les fue ser está están días después ' +
      'sin porque también eso esto este esta mis'
    ).split(' '),
  ),
};

/**
 * The language a post is written in, from its common words (and, for Spanish, ñ ¿ ¡ and accented
 * vowels): the one with the most hits, English on a tie or when nothing is recognised. Good enough to
 * pick which articles to match a thread against; a bilingual post goes to whichever it mostly is.
 */
export function textLanguage(text: string): Locale {
  const lower = text.toLowerCase();
  const words = lower.match(/[\p{L}]+/gu) ?? [];
  const score: Record<Locale, number> = { en: 0, es: 0 };
  for (const word of words) {
    for (const locale of Object.keys(FUNCTION_WORDS) as Locale[]) {
      if (FUNCTION_WORDS[locale].has(word)) score[locale]++;
    }
  }
  score.es += (lower.match(/[ñ¿¡áéíóú]/g) ?? []).length * 0.5;
  return score.es > score.en ? 'es' : DEFAULT_LOCALE;
}
