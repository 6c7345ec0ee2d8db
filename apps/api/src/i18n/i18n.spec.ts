import { localeFor, translate } from './i18n.js';

describe('server messages', () => {
  it('writes a message in the reader language, with plurals and arguments', () => {
    expect(translate('en', 'x.hello', { name: 'Sam', count: 1 })).toBe('Hello Sam, 1 reply');
    expect(translate('es', 'x.hello', { name: 'Sam', count: 3 })).toBe('Hola Sam, 3 respuestas');
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
});
