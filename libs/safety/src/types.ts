import type { ModelReport } from './model/model.js';

/** A stretch of the original text that a detector reacted to. Offsets index the input string. */
export interface Span {
  start: number;
  end: number;
  kind: string;
  text: string;
}

export type CrisisLevel = 'none' | 'concern' | 'urgent';
export type SourcingLevel = 'none' | 'suspect' | 'likely';
export type PersonalInfoKind =
  'phone' | 'email' | 'address' | 'handle' | 'profile_url' | 'name' | 'wallet' | 'ssn' | 'plate' | 'birth_date';

export interface CrisisResult {
  level: CrisisLevel;
  spans: Span[];
}

export interface SourcingResult {
  level: SourcingLevel;
  spans: Span[];
}

/** Every span's kind is a {@link PersonalInfoKind}. */
export interface PersonalInfoResult {
  found: boolean;
  spans: Span[];
}

export interface SafetyReport {
  crisis: CrisisResult;
  sourcing: SourcingResult;
  personalInfo: PersonalInfoResult;
  links: number;
  /** The trained model's scores, decisions and evidence sentences (the levels above already use them). */
  model: ModelReport;
}
