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
