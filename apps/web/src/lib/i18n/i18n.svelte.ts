import { DEFAULT_LOCALE, isLocale, LOCALES, pickLocale, type Locale } from '@kindred/contracts';
import type en from '../../messages/en.json';

/** Every message key: the English catalogue is the list, and svelte-check refuses a key not in it. */
export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number | Date | null | undefined>;
type Catalogue = Record<string, (params?: Record<string, unknown>) => string>;

/**
 * Each language's catalogue is its own chunk, compiled from ICU MessageFormat at build time
 * (vite-messages.ts, @messageformat/core): the first page loads only the reader's language.
 */
const catalogues: Record<Locale, () => Promise<{ default: Catalogue }>> = {
  en: () => import('../../messages/en.json?icu'),
  es: () => import('../../messages/es.json?icu'),
};

const STORAGE_KEY = 'kindred.locale';

const state = $state<{ locale: Locale; messages: Catalogue }>({ locale: DEFAULT_LOCALE, messages: {} });

/** The reader's language now. Reading it in a component or $derived re-runs them on a switch. */
export const i18n = {
  get locale(): Locale {
    return state.locale;
  },
  /** A BCP 47 tag for Intl: "en-US", "es-US" (Kindred's resources are for the United States). */
  get intlLocale(): string {
    return `${state.locale}-US`;
  },
};

/**
 * The message for `key` in the reader's language, with `{name}` and ICU plural/select arguments filled
 * in. A key missing from a catalogue (the check in `npm run check` keeps this from shipping) shows as
 * the key, never as an empty string.
 */
export function t(key: MessageKey, params?: MessageParams): string {
  const message = state.messages[key];
  return message ? message(params) : key;
}

/** Loads a language's messages and makes it the page's: `<html lang>` follows. */
export async function useLocale(locale: Locale, options: { remember?: boolean } = {}): Promise<void> {
  const loaded = await catalogues[locale]();
  state.messages = loaded.default;
  state.locale = locale;
  document.documentElement.lang = locale;
  if (options.remember) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private windows may refuse storage; the choice then lasts for this page.
    }
  }
}

/** A saved choice on this device first, then the browser's languages (its Accept-Language). */
export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // No storage: fall through to the browser's languages.
  }
  return pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export { LOCALES };
