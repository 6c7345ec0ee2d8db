import { readFileSync } from 'node:fs';
import messageFormatModule from '@messageformat/core';
import { DEFAULT_LOCALE, LOCALES, isLocale, pickLocale, type Locale } from '@kindred/contracts';
import type english from './messages/en.json';

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

/** Every key the server may use: the English catalogue is the list, so tsc refuses a key not in it. */
export type MessageKey = keyof typeof english;

/**
 * Words to say, not yet said: a key and its arguments, rendered in the reader's language only when
 * the answer is written (an error is thrown long before anyone knows who will read it).
 */
export interface Message {
  /** A catalogue key: `msg()` checks it at compile time; keys built at run time (`safety.personalInfo.${kind}`) are checked by the catalogue spec. */
  key: MessageKey | (string & {});
  params?: MessageParams;
}

/** A list said as one ("a, b and c" / "a, b y c"), or joined by punctuation every language shares. */
export interface MessageList {
  list: ReadonlyArray<string | Message>;
  /** Joined by this instead of the reader's "and" (e.g. "; " between field problems). */
  join?: string;
}

/** An argument may itself be a message ("in 3 minutes") or a list, said in the same language. */
export type MessageParam = string | number | Date | null | undefined | Message | MessageList | Message[];
export type MessageParams = Record<string, MessageParam>;
export type ServerMessageParams = MessageParams;

export const msg = (key: MessageKey, params?: MessageParams): Message => (params ? { key, params } : { key });

/**
 * `{until, utc}`: a moment in UTC (the server does not know the reader's time zone). English keeps
 * the form it always had ("Tue, 14 Nov 2026 10:00:00 GMT"); other languages get their own words.
 */
function utc(value: unknown, locale: string): string {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return String(value);
  if (locale === DEFAULT_LOCALE) return date.toUTCString();
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  return `${format.format(date)} (UTC)`;
}

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

export function hasMessage(key: string): key is MessageKey {
  return key in catalogue(DEFAULT_LOCALE);
}

/** The catalogue of one language, as stored (for the catalogue checks). */
export function catalogueOf(locale: Locale): Readonly<Catalogue> {
  return catalogue(locale);
}

const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && typeof (value as Message).key === 'string';
const isList = (value: unknown): value is MessageList =>
  typeof value === 'object' && value !== null && Array.isArray((value as MessageList).list);

function say(locale: Locale, value: MessageParam): unknown {
  if (isMessage(value)) return translate(locale, value.key, value.params);
  if (Array.isArray(value)) return say(locale, { list: value });
  if (isList(value)) {
    const items = value.list.map((item) =>
      typeof item === 'string' ? item : translate(locale, item.key, item.params),
    );
    if (value.join !== undefined || items.length <= 1) return items.join(value.join ?? '');
    return translate(locale, 'common.list.and', { head: items.slice(0, -1).join(', '), last: items[items.length - 1] });
  }
  return value;
}

/**
 * The message for `key` in `locale`, falling back to English for a key that language lacks (the
 * catalogue spec keeps that from shipping) and to the key itself for an unknown key.
 */
export function translate(locale: Locale, key: string, params?: MessageParams): string {
  const lang = key in catalogue(locale) ? locale : DEFAULT_LOCALE;
  const source = catalogue(lang)[key];
  if (source === undefined) return key;
  const id = `${lang}\u0000${key}`;
  let fn = compiled.get(id);
  if (!fn) {
    let mf = formats.get(lang);
    if (!mf) {
      mf = new MessageFormat(lang, { strict: false, customFormatters: { utc } });
      formats.set(lang, mf);
    }
    fn = mf.compile(source) as Compiled;
    compiled.set(id, fn);
  }
  if (!params) return String(fn());
  const said: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) said[name] = say(locale, value);
  // A message that is one bare argument ("{message}") gives back the argument itself, maybe a number.
  return String(fn(said));
}

/** A Message (or a bare key) in one language. */
export function render(locale: Locale, message: Message | MessageKey): string {
  return typeof message === 'string' ? translate(locale, message) : translate(locale, message.key, message.params);
}

/**
 * The reader's language for a request or socket handshake: the member's saved choice when signed in,
 * otherwise the best match of their Accept-Language, otherwise English.
 */
export function localeFor(saved: string | null | undefined, acceptLanguage: string | string[] | undefined): Locale {
  if (isLocale(saved)) return saved;
  return pickLocale(Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage);
}

export { DEFAULT_LOCALE, LOCALES, type Locale };
