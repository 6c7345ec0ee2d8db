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

/** United States defaults from the product brief; the server may replace them from a file. */
export const DEFAULT_CRISIS_RESOURCES: CrisisResource[] = [
  {
    id: '988',
    name: '988 Suicide & Crisis Lifeline',
    description: 'Call or text 988, any time, if you are thinking about suicide or are in emotional distress.',
    phone: '988',
    sms: { number: '988' },
    url: 'https://988lifeline.org',
  },
  {
    id: 'samhsa',
    name: 'SAMHSA National Helpline',
    description: 'Free, confidential, 24/7 treatment referral and information, in English and Spanish.',
    phone: '1-800-662-4357',
    url: 'https://www.samhsa.gov/find-help/national-helpline',
  },
  {
    id: 'overdose',
    name: 'Overdose: call 911',
    description: 'Give naloxone if you have it, and stay with the person until help arrives.',
    phone: '911',
  },
  {
    id: 'crisis-text-line',
    name: 'Crisis Text Line',
    description: 'Text HOME to 741741 to reach a trained crisis counselor.',
    sms: { number: '741741', body: 'HOME' },
  },
];

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

/**
 * Defaults for "Not in the US?" (CRISIS_RESOURCES_FILE may replace them with an `international` list).
 * Each number was checked against the service's published material (December 2026).
 */
export const DEFAULT_INTERNATIONAL_CRISIS_RESOURCES: InternationalCrisisResource[] = [
  { country: 'UK', name: 'Samaritans', phone: '116 123', note: 'Free, any time', url: 'https://www.samaritans.org' },
  {
    country: 'Ireland',
    name: 'Samaritans Ireland',
    phone: '116 123',
    note: 'Free, any time',
    url: 'https://www.samaritans.org/ireland/',
  },
  {
    country: 'Canada',
    name: '9-8-8 Suicide Crisis Helpline',
    phone: '9-8-8',
    note: 'Call or text',
    url: 'https://988.ca',
  },
  { country: 'Australia', name: 'Lifeline', phone: '13 11 14', note: 'Any time', url: 'https://www.lifeline.org.au' },
  { country: 'Mexico', name: 'Línea de la Vida', phone: '800 911 2000', note: 'Free, any time' },
  { country: 'Spain', name: 'Línea 024', phone: '024', note: 'Free, any time' },
];
