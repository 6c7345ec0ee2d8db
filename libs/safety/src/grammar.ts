// Small, shared readings of a cue's surroundings: who it is about, whether it is negated, whether
// it is told as the past. Crisis and sourcing both use them, always on one clause or sentence.

export type Person = 'first' | 'second' | 'third';

const RELATION =
  '(?:friend|bf|gf|boyfriend|girlfriend|husband|hubby|wife|partner|fianc[eé]e?|son|daughter|kid|child|mom|mum|mother|dad|father|brother|bro|sister|sis|cousin|uncle|aunt|auntie|nephew|niece|grandma|grandpa|grandmother|grandfather|roommate|sponsor|sponsee|buddy|homie|ex|bestie|best friend|coworker|co-worker|neighbou?r|stepson|stepdaughter|baby daddy|baby mama|old man|old lady|loved one|patient|client|dealer|plug|connect|guy)s?';

// Ordered so that "anyone else" (the writer counting themselves in) wins over "anyone".
const SUBJECT = new RegExp(
  [
    "(\\b(?:i|i'm|im|i've|ive|i'll|i'd|me|myself|we|we're|us|anyone else|anybody else|am i the only one)\\b)",
    "(\\b(?:you|u|ya|you're|youre|ur|yourself|y'all|yall|anyone|anybody|everyone|everybody|people|ppl|folks|those who|someone who)\\b)",
    `(\\b(?:he|she|they|he's|she's|they're|hes|shes|theyre|his|him|her|them|their|themselves|someone|somebody|(?:my|our|a|the|this|that|his|her|their) ${RELATION}|a (?:guy|girl|woman|man|member|person|lady|dude)|this (?:guy|girl|person|dude|lady))\\b)`,
  ].join('|'),
  'gi',
);

export interface SubjectMark {
  person: Person;
  index: number;
}

/** The grammatical person of the last subject-like word in `before`, if any. */
export function lastSubject(before: string): SubjectMark | undefined {
  let mark: SubjectMark | undefined;
  SUBJECT.lastIndex = 0;
  for (let m = SUBJECT.exec(before); m; m = SUBJECT.exec(before)) {
    const person: Person = m[1] ? 'first' : m[2] ? 'second' : 'third';
    mark = { person, index: m.index };
  }
  return mark;
}

const REFLEXIVE =
  /\b(?:(my ?self|me|my|i|i'm|im)|(your ?self|you)|(him ?self|her ?self|them ?selves|them ?self|his|their|he|she|they|wants|wishes))\b/i;

/** Person carried by the cue's own words ("kill herself", "better off without me"), if any. */
export function personInCue(cue: string): Person | undefined {
  const m = REFLEXIVE.exec(cue);
  if (!m) return undefined;
  return m[1] ? 'first' : m[2] ? 'second' : 'third';
}

// "She said ..., he texted me ..." — the words that follow are someone else's.
const REPORTED = new RegExp(
  `\\b(?:he|she|they|someone|somebody|(?:my|our|a) ${RELATION})\\b[^.!?]{0,40}?\\b(?:said|says|saying|told|tells|texted|texts|posted|wrote|writes|messaged|keeps saying|mentioned|admitted|threatened|threatening|called me)\\b`,
  'i',
);

export function isReported(sentenceBefore: string): boolean {
  return REPORTED.test(sentenceBefore);
}

// Negators; "can't", "don't know", "no one", "no matter" are left out because they do not deny
// what follows ("I can't stop thinking about killing myself").
const NEGATION =
  /\b(?:no way (?:i'?d|i would|i will|i'?ll|i'?m|im|am i)|(?:don'?t|do not|never|can'?t) (?:think|see myself|imagine) (?:i'?d|i would|i will|i'?ll|i|myself)|not(?! (?:sure|only|just))|never|no(?! (?:one|matter|cap|doubt|wonder|joke|lie))|nor|without|don'?t(?! (?:know|care|understand))|dont(?! (?:know|care))|do not|didn'?t|doesn'?t|won'?t|wouldn'?t|isn'?t|ain'?t|haven'?t|hasn'?t|hadn'?t|aren'?t|wasn'?t|shouldn'?t|no longer|zero|denies|denied|free of|free from)\b/gi;
// One way to read the spaces before the answer: two adjacent \s* made a run of spaces quadratic.
const NEGATION_AFTER = /^\s*(?:[?:=\-–]+\s*)?(?:no|nope|none|never|nah|denied|negative|not really|not anymore)\b/i;

/**
 * True when the clause before the cue denies it. The negator must come after the clause's last
 * subject, so "I never told anyone I want to die" stays affirmative.
 */
export function isNegated(clauseBefore: string, after = ''): boolean {
  if (NEGATION_AFTER.test(after)) return true;
  let last: RegExpExecArray | undefined;
  NEGATION.lastIndex = 0;
  for (let m = NEGATION.exec(clauseBefore); m; m = NEGATION.exec(clauseBefore)) last = m;
  if (!last) return false;
  const subject = lastSubject(clauseBefore);
  return !subject || last.index + last[0].length > subject.index;
}

const DISTANT_PAST =
  /\b(?:(?:\d+|a|an|one|a few|few|several|many|two|three|four|five|six|seven|eight|nine|ten|a couple(?: of)?|couple) (?:years?|yrs?|months?|mos?|decades?) ago|years ago|months ago|last year|back (?:then|in|when)|back in the day|used to|use to|when i was|in (?:19|20)\d\d|at my (?:lowest|worst)|rock bottom|in (?:my )?active (?:addiction|use|using)|before i got (?:clean|sober|help|into recovery)|in the past|before (?:recovery|treatment|rehab|i got clean)|during my (?:using|addiction|active)|when i (?:was )?using|(?:years|months) before|my (?:old|past) (?:life|self))\b/i;
const RECENT =
  /\b(?:last night|tonight|today|this morning|this afternoon|this evening|yesterday|earlier|an? (?:hour|few hours|minute|few minutes) ago|\d+ (?:hours?|hrs?|mins?|minutes?) ago|just now|right now|rn|just|this week|again)\b/i;
// "wish I was", "if I were": the subjunctive looks past but is not.
const SUBJUNCTIVE =
  /\b(?:wish\w*|if|as if|like) (?:that )?(?:i|i'?d|id|he|she|they)? ?(?:was|were|had|(?:hadn'?t|didn'?t|never) \w+)\b/gi;
const PAST_FORM =
  /\b(?:tried|attempted|attempt|attempts|wanted|was|were|felt|had|used to|thought about|thought of|almost|nearly|survived|after|since|did)\b/i;

// A conditional about someone else: "if someone is overdosing, call 911".
const CONDITIONAL = /\b(?:if|when|whenever|in case|what if|what to do if)\b/i;

export function isConditional(text: string): boolean {
  return CONDITIONAL.test(text);
}

export function isDistantPast(text: string): boolean {
  return DISTANT_PAST.test(text);
}

export function isRecent(text: string): boolean {
  return RECENT.test(text);
}

export function hasPastForm(text: string): boolean {
  return PAST_FORM.test(text.replace(SUBJUNCTIVE, ' '));
}
