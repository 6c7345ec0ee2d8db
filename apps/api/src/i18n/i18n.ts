import { readFileSync } from 'node:fs';
import messageFormatModule from '@messageformat/core';
import { DEFAULT_LOCALE, LOCALES, isLocale, pickLocale, type Locale } from '@kindred/contracts';

/**
 * The server's words for people, by key, in each language: apps/api/src/i18n/messages/<locale>.json,
 * ICU MessageFormat (plurals, selects, {name} arguments), compiled once per message on first use by
 * @messageformat/core. Codes in answers never change with the language; only the words do.
 */
type Catalogue = Record<string, string>;
// The package is CommonJS with a default export; under Node's ESM loader the class may sit on `.default`.
type MessageFormatClass = typeof messageFormatModule.default;
type MessageFormat = InstanceType<MessageFormatClass>;
const interop = messageFormatModule as unknown as MessageFormatClass & { default?: MessageFormatClass };
const MessageFormat: MessageFormatClass = interop.default ?? interop;
type Compiled = (params?: Record<string, unknown>) => string;

const catalogues = new Map<Locale, Catalogue>();
const compiled = new Map<string, Compiled>();
const formats = new Map<Locale, MessageFormat>();

function catalogue(locale: Locale): Catalogue {
  let found = catalogues.get(locale);
  if (!found) {
    const file = new URL(`../../src/i18n/messages/${locale}.json`, import.meta.url);
    found = JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
    catalogues.set(locale, found);
  }
  return found;
}

/** Every key the server may use: the English catalogue is the list. */
export type ServerMessageParams = Record<string, string | number | Date | null | undefined>;

export function hasMessage(key: string): boolean {
  return key in catalogue(DEFAULT_LOCALE);
}

/**
 * The message for `key` in `locale`, falling back to English for a key that language lacks (the
 * catalogue check keeps that from shipping) and to the key itself for an unknown key.
 */
export function translate(locale: Locale, key: string, params?: ServerMessageParams): string {
  const lang = key in catalogue(locale) ? locale : DEFAULT_LOCALE;
  const source = catalogue(lang)[key];
  if (source === undefined) return key;
  const id = `${lang}\u0000${key}`;
  let fn = compiled.get(id);
  if (!fn) {
    let mf = formats.get(lang);
    if (!mf) {
      mf = new MessageFormat(lang, { strict: false });
      formats.set(lang, mf);
    }
    fn = mf.compile(source) as Compiled;
    compiled.set(id, fn);
  }
  return fn(params);
}

/**
 * The reader's language for a request or socket handshake: the member's saved choice when signed in,
 * otherwise the best match of their Accept-Language, otherwise English.
 */
export function localeFor(saved: string | null | undefined, acceptLanguage: string | string[] | undefined): Locale {
  if (isLocale(saved)) return saved;
  return pickLocale(Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage);
}

export { LOCALES };
