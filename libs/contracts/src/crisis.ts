import type { Locale } from './i18n.js';

export interface CrisisResource {
  id: string;
  name: string;
  description: string;
  /** Shown as a tap-to-call link (tel:) when present. */
  phone?: string;
  /** Shown as a tap-to-text link (sms:) when present. */
  sms?: { number: string; body?: string };
  url?: string;
}

/** What a crisis resource says, or how it is reached, in one language; what is left out stays as in English. */
export type CrisisResourceText = Partial<Omit<CrisisResource, 'id'>>;

/**
 * A crisis resource as configured (the defaults below, or CRISIS_RESOURCES_FILE): its English text and,
 * under `byLocale`, what differs in another language: its words, and the way to reach it when a
 * service has its own for that language (988 in Spanish: press 2, or text AYUDA).
 */
export interface CrisisResourceSource extends CrisisResource {
  byLocale?: Partial<Record<Locale, CrisisResourceText>>;
}

/** The resource as a reader of `locale` sees it: no `byLocale`, its own language's text where given. */
export function localizeCrisisResource(source: CrisisResourceSource, locale: Locale): CrisisResource {
  const { byLocale, ...base } = source;
  return { ...base, ...byLocale?.[locale] };
}

/*
 * United States defaults from the product brief, with their Spanish options. Each Spanish option was
 * checked against the service's own published material (December 2026):
 * - 988: "Spanish-language (Press 2)" on a call and "text AYUDA" for Spanish by text
 *   (988lifeline.org/get-help/what-to-expect); Spanish text and chat since July 2023 (samhsa.gov newsroom,
 *   2023-07-13); the Spanish pages are at 988lifeline.org/es; Spanish name "Línea 988 de Prevención del
 *   Suicidio y Crisis".
 * - SAMHSA National Helpline 1-800-662-HELP (4357): "in English and Spanish", free, confidential, 24/7
 *   (samhsa.gov/find-help/national-helpline).
 * - Crisis Text Line: "text AYUDA to 741741 or 442-AYUDAME in WhatsApp" for a Spanish-speaking counselor
 *   (crisistextline.org blog, 2021-10-15; repeated in its 2023-10-16 release).
 * The overdose steps say what the articles say (overdose-and-naloxone).
 */
export const DEFAULT_CRISIS_RESOURCE_SOURCES: CrisisResourceSource[] = [
  {
    id: '988',
    name: '988 Suicide & Crisis Lifeline',
    description: 'Call or text 988, any time, if you are thinking about suicide or are in emotional distress.',
    phone: '988',
    sms: { number: '988' },
    url: 'https://988lifeline.org',
    byLocale: {
      es: {
        name: 'Línea 988 de Prevención del Suicidio y Crisis',
        description:
          'Llama al 988 y marca 2 para hablar en español, o envía AYUDA por mensaje de texto al 988. A cualquier hora, si piensas en el suicidio o estás pasando por una crisis.',
        sms: { number: '988', body: 'AYUDA' },
        url: 'https://988lifeline.org/es',
      },
    },
  },
  {
    id: 'samhsa',
    name: 'SAMHSA National Helpline',
    description: 'Free, confidential, 24/7 treatment referral and information, in English and Spanish.',
    phone: '1-800-662-4357',
    url: 'https://www.samhsa.gov/find-help/national-helpline',
    byLocale: {
      es: {
        name: 'Línea Nacional de Ayuda de SAMHSA',
        description:
          'Gratis, confidencial, las 24 horas. Te atienden en español y te ayudan a encontrar tratamiento cerca de ti.',
      },
    },
  },
  {
    id: 'overdose',
    name: 'Overdose: call 911',
    description: 'Give naloxone if you have it, and stay with the person until help arrives.',
    phone: '911',
    byLocale: {
      es: {
        name: 'Sobredosis: llama al 911',
        description: 'Si tienes naloxona, úsala. Quédate con la persona hasta que llegue la ayuda.',
      },
    },
  },
  {
    id: 'crisis-text-line',
    name: 'Crisis Text Line',
    description: 'Text HOME to 741741 to reach a trained crisis counselor.',
    sms: { number: '741741', body: 'HOME' },
    byLocale: {
      es: {
        name: 'Crisis Text Line (en español)',
        description: 'Envía AYUDA por mensaje de texto al 741741 para hablar con un consejero capacitado, en español.',
        sms: { number: '741741', body: 'AYUDA' },
      },
    },
  },
];

/** The defaults in English, as every reader saw them before there were other languages. */
export const DEFAULT_CRISIS_RESOURCES: CrisisResource[] = DEFAULT_CRISIS_RESOURCE_SOURCES.map((r) =>
  localizeCrisisResource(r, 'en'),
);

/** The default crisis resources in a reader's language (for a page that has not heard from the server). */
export function defaultCrisisResources(locale: Locale): CrisisResource[] {
  return DEFAULT_CRISIS_RESOURCE_SOURCES.map((r) => localizeCrisisResource(r, locale));
}

/** A crisis line outside the United States, for "Not in the US?" on the help page. */
export interface InternationalCrisisResource {
  /** Country (or countries) the line serves, as a reader would name it: "UK", "Canada". */
  country: string;
  name: string;
  /** As the service publishes it; shown without wrapping and dialled as digits. */
  phone: string;
  /** Optional extra, e.g. "Call or text". */
  note?: string;
  url?: string;
}

/** An international line as configured: English, plus per language the words that differ (never the number). */
export interface InternationalCrisisResourceSource extends InternationalCrisisResource {
  byLocale?: Partial<Record<Locale, Partial<Pick<InternationalCrisisResource, 'country' | 'name' | 'note' | 'url'>>>>;
}

export function localizeInternationalCrisisResource(
  source: InternationalCrisisResourceSource,
  locale: Locale,
): InternationalCrisisResource {
  const { byLocale, ...base } = source;
  return { ...base, ...byLocale?.[locale] };
}

/**
 * Defaults for "Not in the US?" (CRISIS_RESOURCES_FILE may replace them with an `international` list).
 * Each number was checked against the service's published material (December 2026).
 */
export const DEFAULT_INTERNATIONAL_CRISIS_RESOURCE_SOURCES: InternationalCrisisResourceSource[] = [
  {
    country: 'UK',
    name: 'Samaritans',
    phone: '116 123',
    note: 'Free, any time',
    url: 'https://www.samaritans.org',
    byLocale: { es: { country: 'Reino Unido', note: 'Gratis, a cualquier hora' } },
  },
  {
    country: 'Ireland',
    name: 'Samaritans Ireland',
    phone: '116 123',
    note: 'Free, any time',
    url: 'https://www.samaritans.org/ireland/',
    byLocale: { es: { country: 'Irlanda', note: 'Gratis, a cualquier hora' } },
  },
  {
    country: 'Canada',
    name: '9-8-8 Suicide Crisis Helpline',
    phone: '9-8-8',
    note: 'Call or text',
    url: 'https://988.ca',
    byLocale: { es: { country: 'Canadá', note: 'Llamada o mensaje de texto' } },
  },
  {
    country: 'Australia',
    name: 'Lifeline',
    phone: '13 11 14',
    note: 'Any time',
    url: 'https://www.lifeline.org.au',
    byLocale: { es: { note: 'A cualquier hora' } },
  },
  {
    country: 'Mexico',
    name: 'Línea de la Vida',
    phone: '800 911 2000',
    note: 'Free, any time',
    byLocale: { es: { country: 'México', note: 'Gratis, a cualquier hora' } },
  },
  {
    country: 'Spain',
    name: 'Línea 024',
    phone: '024',
    note: 'Free, any time',
    byLocale: { es: { country: 'España', note: 'Gratis, a cualquier hora' } },
  },
];

export const DEFAULT_INTERNATIONAL_CRISIS_RESOURCES: InternationalCrisisResource[] =
  DEFAULT_INTERNATIONAL_CRISIS_RESOURCE_SOURCES.map((r) => localizeInternationalCrisisResource(r, 'en'));

export function defaultInternationalCrisisResources(locale: Locale): InternationalCrisisResource[] {
  return DEFAULT_INTERNATIONAL_CRISIS_RESOURCE_SOURCES.map((r) => localizeInternationalCrisisResource(r, locale));
}
