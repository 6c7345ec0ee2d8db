import { readFileSync } from 'node:fs';
import { parse, type Token } from '@messageformat/parser';
import { LOCALES } from '@kindred/contracts';
import { catalogueOf, localeFor, msg, render, translate } from './i18n.js';

/** The argument names of an ICU message ({name}, {count, plural, …}), nested cases included. */
function argumentsOf(message: string): Set<string> {
  const names = new Set<string>();
  const walk = (tokens: Token[]): void => {
    for (const token of tokens) {
      if ('arg' in token) names.add(token.arg);
      if ('cases' in token) for (const c of token.cases) walk(c.tokens);
    }
  };
  walk(parse(message));
  return names;
}

describe('server messages', () => {
  it('writes a message in the reader language, with plurals and arguments', () => {
    expect(translate('en', 'common.wait.seconds', { count: 1 })).toBe('in 1 second');
    expect(translate('es', 'common.wait.seconds', { count: 3 })).toBe('en 3 segundos');
    expect(translate('en', 'errors.notFound.memberNamed', { username: 'sam' })).toBe('The member "sam" was not found.');
  });

  it('says nested messages and lists in the same language', () => {
    const reason = msg('errors.limits.signInAttempts');
    const wait = msg('common.wait.minutes', { count: 3 });
    expect(render('en', msg('errors.limits.tryAgain', { reason, wait }))).toBe(
      'There have been too many sign-in attempts from this device. You can try again in 3 minutes.',
    );
    expect(render('es', msg('errors.limits.tryAgain', { reason, wait }))).toBe(
      'Hubo demasiados intentos de iniciar sesión desde este dispositivo. Puedes intentarlo de nuevo en 3 minutos.',
    );
    const things = { list: [msg('errors.safety.personal.phone'), msg('errors.safety.personal.email')] };
    expect(translate('en', 'validation.safety.cannotInclude', { things })).toBe(
      'cannot include a phone number and an email address',
    );
    expect(translate('es', 'validation.safety.cannotInclude', { things })).toBe(
      'no puede incluir un número de teléfono y una dirección de correo electrónico',
    );
  });

  it('keeps English dates as they always were and gives Spanish its own', () => {
    const until = new Date('2026-11-14T10:00:00Z');
    expect(translate('en', 'errors.auth.suspended', { permanent: 'false', until })).toContain(
      'paused until Sat, 14 Nov 2026 10:00:00 GMT.',
    );
    expect(translate('es', 'errors.auth.suspended', { permanent: 'false', until })).toContain(
      'hasta el 14 de noviembre de 2026',
    );
  });

  it('falls back to English for a missing key and to the key for an unknown one', () => {
    expect(translate('es', 'no.such.key')).toBe('no.such.key');
  });

  it('takes the saved choice first, then Accept-Language by weight', () => {
    expect(localeFor('es', 'en-US')).toBe('es');
    expect(localeFor(null, 'fr-FR,es-MX;q=0.8,en;q=0.5')).toBe('es');
    expect(localeFor(undefined, 'de-DE,fr;q=0.9')).toBe('en');
    expect(localeFor(null, undefined)).toBe('en');
  });

  describe('the catalogues', () => {
    const english = catalogueOf('en');

    it.each(LOCALES)('%s: sorted by key, 2-space JSON, no \\u escapes', (locale) => {
      const raw = readFileSync(new URL(`./messages/${locale}.json`, import.meta.url), 'utf8');
      const parsed = JSON.parse(raw) as Record<string, string>;
      const keys = Object.keys(parsed);
      expect(keys).toEqual([...keys].sort());
      expect(raw).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
      expect(raw).not.toMatch(/\\u[0-9a-f]{4}/i);
    });

    it.each(LOCALES)('%s: has every key, uses only the arguments English has, and renders', (locale) => {
      const messages = catalogueOf(locale);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
      for (const [key, message] of Object.entries(messages)) {
        const englishArgs = argumentsOf(english[key]);
        // A translation may leave an argument out (a technical detail English passes on), never add one.
        const extra = [...argumentsOf(message)].filter((name) => !englishArgs.has(name));
        expect({ key, extra }).toEqual({ key, extra: [] });
        const params = Object.fromEntries([...englishArgs].map((name) => [name, 2]));
        expect(typeof translate(locale, key, params)).toBe('string');
      }
    });

    it('is written in Spanish, not left in English', () => {
      // Texts that are the same in both languages: pure punctuation around arguments, or code words.
      const same = Object.keys(english).filter((key) => catalogueOf('es')[key] === english[key]);
      expect(same).toEqual([
        'notices.outreach.resource',
        'notices.outreach.resourceName',
        'notifications.thread.quoted',
        'validation.password.warning.other',
        'validation.safety.patternProblem',
        'validation.summary.field',
        'validation.summary.fieldSentence',
      ]);
    });
  });
});
