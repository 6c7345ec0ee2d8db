import { countLinks } from './links.js';
import { loadModel, runModel, type LoadedModel } from './model/model.js';
import { rulesOf } from './model/rules.js';
import { WEIGHTS } from './model/weights.js';
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
export type { ModelReport } from './model/model.js';
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

/** The trained model, decoded from weights.ts on first use (a few milliseconds, once). */
export function safetyModel(): LoadedModel {
  model ??= loadModel(WEIGHTS);
  return model;
}

/**
 * The model's personal-info reading alone (no regex span) counts only for a text long enough to be
 * like what it learned from: on a name or a few words it misfires ("Sam", "hello under my name" scored
 * about 0.8), and a refused facilitator name or a blocked chat greeting is a real harm.
 */
const MODEL_PI_MIN_WORDS = 8;

/** Below this many words the model alone cannot raise an emergency (see analyzeText). */
const MODEL_MIN_CRISIS_WORDS = 4;

/** Below this many words the model alone cannot make a text a likely deal (see analyzeText). */
const MODEL_MIN_WORDS = 6;

/**
 * Words in a text (runs of non-space), counted in one pass. With `skipLinks`, a word that is a web
 * address (http…, www.…) does not count: three links and a few words are not a text long enough for
 * the model's personal-info reading alone (the rules still find profile links).
 */
function wordCount(text: string, skipLinks = false): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord && !(skipLinks && (text.startsWith('http', i) || text.startsWith('www.', i)))) words++;
    inWord = !space;
  }
  return words;
}

/**
 * Every detector over one text: what the composer shows and what the server decides on. Read top to
 * bottom: the rules run once each and report their spans (rulesOf: normalise, personal info, crisis,
 * sourcing); the model scores the text with those hits as features; the trained thresholds turn the
 * scores into levels. Crisis and sourcing are the model's levels (it reads the rules' hits and knows
 * when they misfire); personal info is found when the regexes find it (they give the spans) or the
 * model is confident.
 */
export function analyzeText(text: string): SafetyReport {
  const rules = rulesOf(text);
  const scored = runModel(safetyModel(), text, rules);
  // Two or three words the rules find nothing in are not enough for the model alone to raise an
  // emergency ('message 164' scored urgent through a hash collision); it may still say concern.
  const crisis =
    scored.decision.crisis === 'urgent' && rules.crisis.level === 'none' && wordCount(text) < MODEL_MIN_CRISIS_WORDS
      ? 'concern'
      : scored.decision.crisis;
  // On a text of a few words the model alone misreads ('message 20' read as a deal): there it may
  // flag (suspect) but only the rules can make a text a likely deal, which is held or refused.
  const sourcing =
    scored.decision.sourcing === 'likely' && rules.sourcing.level === 'none' && wordCount(text) < MODEL_MIN_WORDS
      ? 'suspect'
      : scored.decision.sourcing;
  const personalInfo =
    rules.personalInfo.found || (scored.decision.personalInfo && wordCount(text, true) >= MODEL_PI_MIN_WORDS);
  return {
    crisis: { level: crisis, spans: crisis === 'none' ? [] : rules.crisis.spans },
    sourcing: { level: sourcing, spans: sourcing === 'none' ? [] : rules.sourcing.spans },
    personalInfo: { found: personalInfo, spans: rules.personalInfo.spans },
    links: countLinks(text),
    model: scored,
  };
}
