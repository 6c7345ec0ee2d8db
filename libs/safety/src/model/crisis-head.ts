// The crisis head, decoded from weights-crisis.ts on first use and shared by analyzeText and the
// composer's crisis-only entry (one decoded table per process or page).
import { loadHead, type LoadedHead } from './model.js';
import { CRISIS_WEIGHTS } from './weights-crisis.js';

let head: LoadedHead | undefined;

export function crisisHead(): LoadedHead {
  head ??= loadHead(CRISIS_WEIGHTS, 'crisis');
  return head;
}
