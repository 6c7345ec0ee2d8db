// Step 2 of the pipeline: every rule detector, once each, with its spans. The model reads these as
// features (features.ts) and analyzeText returns them beside the model's scores.
import { detectCrisis } from '../crisis.js';
import { personalInfoOf } from '../personal-info.js';
import { sourcingOf } from '../sourcing.js';
import { normalize } from '../text.js';
import type { RuleHits } from './features.js';

/** The rules' results for one text; personal-info spans double as contacts for sourcing. */
export function rulesOf(text: string): RuleHits {
  const norm = normalize(text);
  const personalInfo = personalInfoOf(norm, text);
  return {
    crisis: detectCrisis(text),
    sourcing: sourcingOf(norm, text, personalInfo.spans),
    personalInfo,
  };
}
