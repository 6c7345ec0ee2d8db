import { countLinks } from './links.js';
import { crisisHead } from './model/crisis-head.js';
import { crisisLevel, personalInfoFound, sourcingLevel } from './model/decide.js';
import { loadHead, modelOf, runModel, type LoadedModel } from './model/model.js';
import { rulesOf } from './model/rules.js';
import { PERSONAL_INFO_WEIGHTS } from './model/weights-personal-info.js';
import { SOURCING_WEIGHTS } from './model/weights-sourcing.js';
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
export type { CrisisModelReport, ModelReport } from './model/model.js';
export { analyzeDraft, type DraftReport } from './crisis-entry.js';
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

let model: LoadedModel | undefined;

/**
 * The trained model's three heads, decoded from their weights files on first use (a few
 * milliseconds, once). The crisis head is the one the composer's crisis-only entry uses.
 */
export function safetyModel(): LoadedModel {
  model ??= modelOf({
    crisis: crisisHead(),
    sourcing: loadHead(SOURCING_WEIGHTS, 'sourcing'),
    personalInfo: loadHead(PERSONAL_INFO_WEIGHTS, 'personalInfo'),
  });
  return model;
}

/**
 * Every detector over one text: what the server decides on (the composer reads a draft with
 * analyzeDraft, crisis-entry.ts: the same crisis decision, without the other two heads). Read top to
 * bottom: the rules run once each and report their spans (rulesOf: normalise, personal info, crisis,
 * sourcing); the model scores the text with those hits as features; the trained thresholds turn the
 * scores into levels. Crisis and sourcing are the model's levels (it reads the rules' hits and knows
 * when they misfire); personal info is found when the regexes find it (they give the spans) or the
 * model is confident.
 */
export function analyzeText(text: string): SafetyReport {
  const rules = rulesOf(text);
  const scored = runModel(safetyModel(), text, rules);
  // On a text of a few words the model alone cannot raise an emergency or make a likely deal
  // (model/decide.ts, shared with the composer's crisis-only entry).
  const crisis = crisisLevel(text, rules, scored.decision.crisis);
  const sourcing = sourcingLevel(text, rules, scored.decision.sourcing);
  const personalInfo = personalInfoFound(text, rules, scored.decision.personalInfo);
  return {
    crisis: { level: crisis, spans: crisis === 'none' ? [] : rules.crisis.spans },
    sourcing: { level: sourcing, spans: sourcing === 'none' ? [] : rules.sourcing.spans },
    personalInfo: { found: personalInfo, spans: rules.personalInfo.spans },
    links: countLinks(text),
    model: scored,
  };
}
