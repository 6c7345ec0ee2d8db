import { detectCrisis } from './crisis.js';
import { countLinks } from './links.js';
import { personalInfoOf } from './personal-info.js';
import { sourcingOf } from './sourcing.js';
import { normalize } from './text.js';
import type { SafetyReport } from './types.js';

export type {
  CrisisLevel,
  CrisisResult,
  PersonalInfoKind,
  PersonalInfoResult,
  SafetyReport,
  SourcingLevel,
  SourcingResult,
  Span,
} from './types.js';
export { detectCrisis } from './crisis.js';
export { detectSourcing } from './sourcing.js';
export { detectPersonalInfo } from './personal-info.js';
export { countLinks } from './links.js';
export { HELPLINE_NUMBERS, isPublicNumber } from './helplines.js';
export {
  compileWatchedWords,
  validateWatchedPattern,
  type WatchedAction,
  type WatchedResult,
  type WatchedWord,
} from './watched-words.js';

/** Every detector over one text: what the composer shows and what the server decides on. */
export function analyzeText(text: string): SafetyReport {
  const norm = normalize(text);
  const personalInfo = personalInfoOf(norm, text);
  return {
    crisis: detectCrisis(text),
    // Phones and handles found as personal info double as off-platform contacts for sourcing.
    sourcing: sourcingOf(norm, text, personalInfo.spans),
    personalInfo,
    links: countLinks(text),
  };
}
