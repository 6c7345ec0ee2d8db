// `@kindred/safety/crisis`: what the browser's composer loads while someone types. Every rule, and
// of the trained model only the crisis head, so the chunk stays small enough to fetch on the first
// keystroke. Crisis is decided exactly as analyzeText decides it on the server (same head, same
// thresholds, same guards); sourcing and personal info are the rules' own readings (their spans are
// what the composer shows), while the server still adds the sourcing and personal-info heads.
import { countLinks } from './links.js';
import { crisisHead } from './model/crisis-head.js';
import { crisisLevel } from './model/decide.js';
import { runCrisisModel, type CrisisModelReport } from './model/model.js';
import { rulesOf } from './model/rules.js';
import type { CrisisResult, PersonalInfoResult, SourcingResult } from './types.js';

export type { CrisisModelReport } from './model/model.js';
export type { CrisisLevel, CrisisResult, PersonalInfoResult, SourcingLevel, SourcingResult, Span } from './types.js';
export { crisisHead } from './model/crisis-head.js';

/** A draft's reading in the composer: analyzeText's crisis, the rules' sourcing and personal info. */
export interface DraftReport {
  /** The same level and spans as analyzeText's. */
  crisis: CrisisResult;
  /** The rules alone: the server's model may still find a likely deal the rules do not. */
  sourcing: SourcingResult;
  /** The rules alone, with their spans: the server's model may add a text without spans. */
  personalInfo: PersonalInfoResult;
  links: number;
  /** The crisis head's scores, decision and evidence sentences. */
  model: CrisisModelReport;
}

/** Reads a draft with the rules and the crisis head (decoded on first use, about 2 MB). */
export function analyzeDraft(text: string): DraftReport {
  const rules = rulesOf(text);
  const scored = runCrisisModel(crisisHead(), text, rules);
  const crisis = crisisLevel(text, rules, scored.decision.crisis);
  return {
    crisis: { level: crisis, spans: crisis === 'none' ? [] : rules.crisis.spans },
    sourcing: { level: rules.sourcing.level, spans: rules.sourcing.level === 'none' ? [] : rules.sourcing.spans },
    personalInfo: rules.personalInfo,
    links: countLinks(text),
    model: scored,
  };
}
