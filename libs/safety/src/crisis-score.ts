import { isConditional, isDistantPast, isNegated, isReported, lastSubject } from './grammar.js';
import { contextOf, type CueContext } from './text.js';
import type { CrisisLevel, Span } from './types.js';

/**
 * A scoring layer next to the crisis rules. The rules read whole phrases; this layer reads feature
 * families — intent, lethal means, means already taken, finality, time, hopelessness, overdose
 * symptoms, grave emoji — each with a hand-set weight, and calls a window of one or two sentences
 * urgent when an anchor family (intent, means taken, finality, symptoms) meets another family and the
 * weights add up. It catches the many ways of saying a plan that no single phrase covers ("took the
 * rest of my methadone and a handful of benzos", "affairs are in order, I'm going tonight").
 * detectCrisis takes the higher of the two levels.
 *
 * The same readings as the rules keep it honest: a negated cue is dropped; reported speech, the
 * distant past, a question about signs or what to do, a joke and a safety statement keep a cue to a
 * concern; "you" (advice to the reader) drops it.
 */
export type Family =
  'intent' | 'means' | 'hand' | 'taken' | 'final' | 'now' | 'time' | 'hopeless' | 'symptom' | 'emoji';

/** Families that can make a window urgent; the others only add weight. */
const ANCHORS: ReadonlySet<Family> = new Set(['intent', 'taken', 'final', 'symptom', 'hand', 'now']);
/** A post shorter than this is read as one window, so cues in different sentences combine. */
const SHORT_POST = 400;
/** Weight a window needs (anchor + another family) to be urgent. */
const URGENT_SCORE = 3;

const REL =
  '(?:mom|mum|mother|dad|father|kids?|son|daughter|sister|brother|wife|husband|family|babies|baby|girls?|boys?|parents|grandma|nana|gf|bf|girlfriend|boyfriend|partner)';
const DRUG =
  '(?:pills|meds|medication|tablets|tabs|methadone|benzos?|xanax|bars|fent\\w*|fetty|heroin|dope|oxys?|oxycodone|oxycontin|percs?|percocets?|subs|suboxone|bupe|morphine|klonopin|valium|ativan|ambien|tylenol|insulin|sleeping pills|[a-z]{3,}(?:pam|zepam|ine|one|ol|el|in|ide|ex|ium))(?!\\w)';
// "all my …" and "the rest of my …" only count before a drug: "took all my stuff to goodwill" does not.
const AMOUNT = `(?:(?:the rest of|all(?: of)?) (?:my|the|his|her|\\w+'s) (?:\\w+ )?${DRUG}|all (?:of )?(?:them|those|these)|every (?:last )?(?:one|pill|bit)|(?:everything|evr?ythin\\w*)(?: (?:i|i've) (?:had|have|got|had left|had saved))?(?= *(?:[.!,;:?]|$|and\\b|tonight|now|at once|in (?:my|the)\\b))|it all|all of it|(?:the|my|a) (?:whole|entire|full) (?:bottle|bag|bundle|stash|script|prescription|pack|sleeve|box|gram|supply|strip)|a (?:handful|fistful|bunch|pile|ton|shitload) of|way (?:too )?(?:many|much|more)|too (?:many|much)|(?:like |about |around )?\\d{2,} (?:of (?:them|those|my|the|his|her) )?(?:\\w+ )?${DRUG}|(?:double|triple|twice|three times) (?:my|the|what)|more than (?:usual|normal|ever|i ever))(?! from| out of)`;
// Lethal means a person can hold, stand on or sit with.
const LETHAL =
  '(?:rope|noose|belt|cord|gun|pistol|revolver|shotgun|rifle|glock|bullets?|razor(?: blades?)?|blades?|knife|box ?cutter)';
const PLACE = '(?:bridge|ledge|roof(?:top)?|overpass|train tracks|tracks|railing|cliff|parking garage|balcony)';
const USED =
  '(?:took|taken|taking|takin|take|swallowed|swallowing|shot|shooting|injected|injecting|snorted|snorting|popped|popping|downed|downing|ate|chugged|did|doing|used|using|mixed|mixing)';

function rx(parts: string[]): RegExp {
  return new RegExp(parts.join('|'), 'gi');
}

/** Each family: its weight per match and its patterns (compiled once). */
const FAMILIES: Array<[Family, number, RegExp]> = [
  [
    'intent',
    2,
    rx([
      '\\b(?:kill|killing|end|ending|off|offing|hang|hanging|shoot|drown) (?:my ?self|myslef)\\b',
      '\\bkms\\b|\\bunaliv\\w*|\\bsuicidal\\b',
      '\\bend(?:ing)? (?:it|it all|things|my life|everything|this|my suffering)\\b(?! (?:with|between|early|at|on|for|off|up|chapter|cycle|habit|phase|streak|relationship)\\b)',
      '\\b(?:want|wanted|wanna|going|gonna|ready|about|planning|plan|decided|need|have) (?:to )?(?:die|jump|be gone|not wake up|never wake up|not be here|not exist|stop existing)\\b(?! (?:of|from|laughing|in|for|someday|one day|eventually|anyway|clean|sober)\\b)',
      '\\b(?:ready|decided|time) to go\\b(?! (?:to|back|home|out|for|get|see|on|in|into|through))',
      "\\b(?:don'?t|dont|do not) (?:want|wanna|plan on|plan to|intend to|expect to) (?:to )?(?:be (?:here|alive|around)|live|exist|wake up|wak(?:e|ing) up|see (?:tomorrow|the morning))\\b",
      '\\b(?:not|never) (?:going to|gonna) (?:make it to|wake up|see (?:tomorrow|the morning|my))\\b',
      "\\b(?:overdose|od|o\\.d\\.?|oding|od'?ing) on purpose\\b|\\bon purpose\\b",
      '\\b(?:do|doing|go through with) it\\b(?= *(?:tonight|tonite|now|rn|today|this (?:time|weekend)|at|after|when|[.!]|$))',
      '\\b(?:make|making) it quick\\b|\\b(?:nobody|no one|noone) (?:can|will|is going to|is gonna) (?:talk me out|stop me)\\b',
      '\\b(?:want|need|wanna) (?:it|this|everything|it all|the pain) (?:all )?to (?:stop|end|be over)\\b',
      '\\b(?:it|this|everything) ends (?:tonight|today|now|here|this|soon|on)\\b',
      '\\b(?:and |to )?not (?:come|coming) back\\b|\\bnot climbing (?:back )?down\\b|\\bnever coming back\\b',
      '\\b(?:walk|walking|swim|swimming|drive|driving|jump|jumping|step|stepping) (?:into|off|in front of) (?:the|a|my)\\b',
      "\\b(?:it'?s|its) for me\\b(?= *(?:[.!]|$))",
      '\\b(?:going|go|gonna) through with (?:it|this)\\b|\\bnot (?:stopping|backing out|turning back) this time\\b|\\brather be dead\\b',
      `\\b(?:taking|take|swallow(?:ing)?|using) (?:them|it all|all of (?:them|it)|everything) (?:all )?(?:tonight|later|after|when|once|at (?:midnight|the park|the)|in an? )`,
      "\\b(?:tonight|today) (?:i'?m|im|i am) (?:using|doing|taking) (?:it|them)\\b",
      '\\bnot for (?:a |the )?(?:project|protection|work|camping|hunting|the garden|the yard|the house|decoration|what you think)\\b',
    ]),
  ],
  ['intent', 3, rx(['\\bkill (?:my ?self|myslef) (?:tonight|tonite|today|now|rn|this weekend)\\b'])],
  [
    'taken',
    3,
    rx([
      `\\b(?:just |i |already )?${USED} (?:\\w+ ){0,2}${AMOUNT}(?: (?:\\w+ ){0,2}${DRUG})?(?![^.!?,]{0,16}\\b(?:not to|to not|to stay|to keep|to get|to make it|out of me)\\b)`,
      `\\b${USED} (?:\\w+ ){0,3}${DRUG} (?:with|and) (?:vodka|alcohol|booze|whiskey|liquor|a fifth|wine|beer|benzos|xanax|bars)\\b`,
      '\\b(?:started|turned on|left) the (?:car|engine)\\b(?=[^.!?]{0,40}\\bgarage\\b)|\\bin (?:my|the) car in (?:the|my) garage\\b|\\bengine (?:on|running)\\b',
    ]),
  ],
  [
    'means',
    1.5,
    rx([
      // Starts at a word boundary: unanchored, the digits in AMOUNT made a run of digits quadratic.
      `\\b${AMOUNT} (?:\\w+ ){0,2}${DRUG}\\b`,
      `\\b(?:sav(?:ed|ing)|stockpil\\w*|hoard(?:ed|ing)?|stash(?:ed|ing)|collect(?:ed|ing)|count(?:ed|ing)) (?:up |out )?(?:all )?(?:(?:my|the|some|them|those|these|his|her) )?(?:\\w+ )?(?:${DRUG}|them|out)\\b`,
      `\\benough (?:\\w+ )?(?:${DRUG})\\b|\\benough to (?:not|never) wake\\b|\\bhow many it takes\\b`,
      '\\b(?:a )?(?:handful|fistful|bottle|bag|bundle|stash) of\\b',
      '\\b\\d+ ?(?:grams?|g|mg|bags|bundles|pills|bars|tabs)\\b',
      '\\b(?:rope|noose|gun|pistol|shotgun|revolver|bullets?|razor(?: blades?)?|blades|knife)\\b(?! (?:range|safety|show|class|lesson|control|violence))',
      '\\b(?:bridge|ledge|roof(?:top)?|overpass|train tracks|the tracks|railing|cliff|parking garage)\\b',
      "\\b(?:cut(?:ting)?|slit|slash(?:ing)?) (?:deeper|deep|my (?:wrists?|arms?|thighs?|legs?))\\b|\\b(?:won'?t|can'?t) stop bleeding\\b",
      '\\b(?:into|in) the (?:ocean|river|lake|sea|water)\\b',
      '\\b(?:car|engine) (?:running|on)\\b|\\bgarage\\b(?! sale)',
    ]),
  ],
  [
    'hand',
    2,
    rx([
      `\\b(?:have|got|holding|hold|loaded|bought|grabbed|took out|pulled out|tied|sitting (?:here )?with|in my (?:hand|lap))\\b[^.!?]{0,30}\\b${LETHAL}\\b(?! (?:range|safety|show|class|lesson|control|violence|collection|license))`,
      `\\b${LETHAL}\\b[^.!?]{0,20}\\b(?:in (?:my|the) (?:hand|lap|closet|pocket|car|drawer|bag)|on the table|in front of me|ready|loaded|out)\\b`,
      `\\b(?:i'?m|im|i am|sitting|standing|lying|laying|been|on|at)\\b[^.!?]{0,12}\\b(?:on|at|by|off) (?:the )?(?:edge of (?:the |a )?)?${PLACE}\\b`,
      `\\b(?:have|got|holding|bought|stashed)\\b[^.!?]{0,30}\\b(?:bottle|bag|stash|\\d{2,}|all)\\b[^.!?]{0,30}\\b(?:${DRUG}|in my pocket|on the table|in front of me|lined up|counted out)`,
      `\\b(?:${DRUG}|bottle|them)\\b[^.!?]{0,20}\\b(?:on the table|in front of me|lined up|counted out|in my hand)\\b`,
      '\\bsitting here with (?:it|them|the|a|my)\\b',
    ]),
  ],
  [
    'final',
    2,
    rx([
      `\\bgood ?bye\\b(?! (?:to (?!(?:every(?:one|body)|you|y'?all|all|this world|the world|kindred)\\b)|20\\d\\d|for now|${DRUG})\\b)|\\bfarewell\\b|\\bgood ?night forever\\b|\\bbye (?:everyone|all|guys|y'?all|kindred|forever)\\b`,
      '\\baffairs (?:are |all )?in order\\b|\\bmade (?:my )?peace\\b|\\bsaid (?:my )?goodbyes\\b',
      "\\b(?:after|when|once) i'?m gone\\b|\\bthe (?:letters?|notes?) (?:are|is) (?:in|on|under|with|by)\\b|\\beverything goes to\\b|\\bscheduled (?:them|it|the \\w+) for\\b",
      '\\b(?:wrote|written|writing|scheduled|sent|left) (?:\\w+ )?good ?bye (?:texts?|messages?|letters?|notes?|emails?)\\b|\\bbye\\b(?=[ .!]*$)',
      "\\bmade sure (?:of (?:that|it)|nobody|no one|i (?:won'?t|don'?t|can'?t))\\b",
      "\\bwon'?t (?:be (?:around|here)|(?:be )?need(?:ing)? (?:it|the rest of my \\w+|them|this|that|anything|my \\w+)(?: any ?more)?)\\b|\\bwhere i'?m going\\b",
      '\\b(?:my )?(?:last|final) (?:post|message|words|night on earth|day on earth|night alive|day alive)\\b',
      '\\b(?:letters?|notes?) (?:to|for) (?:my|each of|everyone|all of you)\\b(?![^.!?]{0,40}\\b(?:amends|step|therapy|sponsor|addiction|drugs)\\b)',
      '\\b(?:the|my|a) (?:suicide )?note (?:is )?(?:written|done|finished|ready)\\b|\\b(?:wrote|written|writing|finished|updated) (?:a|my|the) (?:suicide note|note|will|letters?)\\b(?![^.!?]{0,40}\\b(?:amends|step|therapy|sponsor|addiction)\\b)',
      '\\b(?:gave|giving|give) (?:away )?(?:my|all my) (?:\\w+ ){0,2}(?:away|to (?:my |a |the )?\\w+)\\b|\\bgave away my\\b',
      `\\b(?:take care|look after|watch over) (?:of )?my (?:dog|dogs|cat|cats|pets?|${REL})\\b(?! (?:while|when|during|for (?:a|the|\\d)|until|till|this|next|tomorrow))`,
      `\\btell my ${REL}\\b|\\b(?:sorry|love you),? ${REL}\\b`,
      "\\bwhen (?:you|they|someone|anyone|somebody|my \\w+) finds? (?:this|me)\\b|\\bby the time (?:you|anyone|someone|y'?all|u) (?:read|see|find)s?\\b|\\byou'?ll (?:all )?know why\\b",
      "\\blife insurance\\b|\\beverything (?:is|'s) (?:set|ready|in place|arranged)\\b",
      "\\b(?:it'?s|its) done\\b(?= *(?:[.!]|$))|\\blove (?:you all|y'?all|you guys|everyone)\\b|(?<!\\b(?:done|quit|quitting|off|clean|sober|stopped|kicked|gone|over)\\b[\\w ]{0,24})\\b(?:forever|for good)\\b",
    ]),
  ],
  [
    'now',
    1.5,
    rx([
      "\\bthis is it\\b(?! (?:for (?:today|now|tonight)|guys|folks))|\\btoday(?:'?s| is) (?:that|the) day\\b|\\b(?:it'?s|its|it is) happening\\b|\\btonight'?s the night\\b",
      '\\bafter (?:tonight|this post|i post this|this message)\\b|\\bfinally\\b(?=[ .!]*$)|\\b(?:it|this|everything) ends (?:tonight|today|now)\\b',
    ]),
  ],
  [
    'time',
    1,
    rx([
      "\\b(?:tonight|tonite|tnite|right now|rn|at midnight|in an hour|in a few (?:hours|minutes)|this weekend|after (?:my|the) (?:shift|kids|wife|husband)|(?:on )?(?:friday|saturday|sunday)|already|about to|just (?:took|did|shot|used|injected|swallowed|popped)|\\d+ (?:min(?:ute)?s?|hours?|hrs?) ago|(?:a|the) date picked|this time|tomorrow morning|(?:perfect|good) (?:night|day|time) to|(?:house|place) is (?:quiet|empty)|(?:nobody|no one)(?:'s| is) (?:home|here|around)|kids are (?:at|with|asleep))\\b",
    ]),
  ],
  [
    'hopeless',
    1,
    rx([
      "\\bcan'?t (?:do|take|fight|handle) (?:this|it|life)(?: any ?more| any longer)?\\b|\\bcan'?t keep (?:living|going|doing this|hurting)\\b|\\bcan'?t go on\\b",
      '\\bno (?:point|reason) (?:in|to) (?:living|going on|being here|life)\\b|\\bno more (?:pain|suffering|hurting)\\b',
      '\\b(?:tired|sick|exhausted) of (?:being alive|living|being a burden|existing|everything|it all|fighting)\\b',
      '\\b(?:a |such a )?burden\\b|\\b(?:nobody|no one|noone) (?:would|will) (?:even )?(?:notice|miss me|care)\\b',
      "\\bwish i (?:never|hadn'?t|didn'?t) (?:woke|wake|woken|survived|been born)\\b",
      "\\b(?:i'?m|im|i am) (?:so )?done\\b(?= *(?:[.!,]|$|with (?:this|it all|everything|life|living|trying|being)\\b))|\\bhopeless\\b(?! (?:romantic|cook|at|with|when|case))|\\bgiving up(?= *(?:[.!,]|$|on (?:life|everything|myself|living|me)\\b))",
      "\\bi (?:hate|despise|loathe) myself\\b|\\b(?:would|will|'?d) (?:all )?be better off (?:without me|if i)\\b|\\bbetter off\\b(?=[ .!]*(?:$|\\.))|\\bno way out\\b|\\b(?:everything|life) (?:feels|is) (?:so )?pointless\\b|\\bshould(?:'?ve| have) been me\\b",
      "\\b(?:don'?t|do not) want (?:any )?help\\b|\\bcan'?t be (?:\\w+ ){1,2}any ?more\\b",
      "\\bdon'?t want to be here any ?more\\b|\\bcan'?t (?:do|take) (?:it|this) no more\\b",
    ]),
  ],
  [
    'symptom',
    1.5,
    rx([
      "\\b(?:can'?t|cant|cannot) (?:breathe|breath|stay awake|keep my eyes open|feel my \\w+|move)\\b",
      '\\blips (?:are |r |going |turning |look )?(?:blue|numb|purple|grey|gray)\\b|\\bturning (?:blue|grey|gray|purple)\\b',
      '\\bchest (?:is )?(?:really |so )?(?:tight|heavy)\\b|\\bgurgling\\b|\\bbarely breathing\\b|\\bnot breathing\\b',
      "\\b(?:won'?t|can'?t|wont|cant) wake (?:up|him|her|them)\\b|\\b(?:won'?t|wont|can'?t|cant) stop (?:the )?bleeding\\b|\\bso much blood\\b|\\bcan'?t stop cutting\\b",
      '\\b(?:used|using|shot up|did it) alone\\b|\\b(?:took|did|used|shot|snorted|smoked|had|take|do) (?:way |far |much )?too much\\b(?! (?:of|for|on|to)\\b)|\\bgoing numb\\b|\\bheart (?:is )?(?:slowing|racing|pounding)\\b',
    ]),
  ],
  ['emoji', 1, /\u{1FAA6}|\u26B0\uFE0F?|\u{1F52A}|\u{1FA78}|\u{1F52B}|\u{1F48A}/gu],
];

// A question about signs or what to do is learning, not a crisis: "what are the signs of an OD?".
const ASKING =
  /\b(?:signs?|symptoms?|what (?:are|is|happens|should|to do|do you do)|how (?:do|can|would|should) (?:i|you|we|people) (?:help|tell|know|spot|recogni[sz]e|respond)|asking (?:so|for|because)|in case|ask(?:ed|s)? (?:me )?(?:if|whether))\b/i;
const JOKE = /\b(?:lol|lmao|lmfao|haha\w*|jk|kidding|joking)\b|\u{1F602}|\u{1F923}|\u{1F480}/iu;

interface Hit {
  family: Family;
  weight: number;
  sentence: number;
  /** Only a concern: reported, past, asked about, joked about or said with a safety plan. */
  capped: boolean;
  text: string;
  start: number;
  end: number;
}

export interface ScoreResult {
  level: CrisisLevel;
  spans: Span[];
}

const MAX_HITS_PER_FAMILY = 16;

/** Scores `norm` (the normalized text); offsets index `original`. */
export function scoreCrisis(norm: string, original: string, safety: boolean): ScoreResult {
  const starts = sentenceStarts(norm);
  const hits: Hit[] = [];
  for (const [family, weight, re] of FAMILIES) {
    re.lastIndex = 0;
    let n = 0;
    for (let m = re.exec(norm); m && n < MAX_HITS_PER_FAMILY; m = re.exec(norm)) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      n++;
      const start = m.index;
      const end = start + m[0].length;
      const reading = read(family, norm.slice(start, end), contextOf(norm, start, end), safety);
      if (reading === 'drop') continue;
      hits.push({
        family,
        weight,
        sentence: sentenceOf(starts, start),
        capped: reading === 'capped',
        text: original.slice(start, end),
        start,
        end,
      });
    }
  }
  const level = decide(hits, starts.length, norm.length < SHORT_POST);
  const spans =
    level === 'none' ? [] : hits.map(({ start, end, family, text }) => ({ start, end, kind: `score:${family}`, text }));
  return { level, spans };
}

type Reading = 'full' | 'capped' | 'drop';

function read(family: Family, cue: string, ctx: CueContext, safety: boolean): Reading {
  if (family === 'time' || family === 'emoji') return JOKE.test(ctx.sentence) ? 'drop' : 'full';
  // An immediacy cue is negated only by the words right before it ("it's not happening tonight"),
  // not by "no more pain" earlier in the clause.
  if (isNegated(family === 'now' ? ctx.clauseBefore.slice(-16) : ctx.clauseBefore, ctx.after)) return 'drop';
  const reported = isReported(ctx.sentenceBefore);
  // A cue that names its own subject ("after i'm gone") is first person whatever came before it.
  const own = /\bi(?:'?m| am)\b/.test(cue);
  const person = reported
    ? 'third'
    : own
      ? 'first'
      : (lastSubject(ctx.clauseBefore || ctx.sentenceBefore)?.person ?? 'first');
  if (person === 'second' && family !== 'symptom') return 'drop';
  const asking = ASKING.test(ctx.sentence) || (person !== 'first' && isConditional(ctx.sentenceBefore));
  const past = isDistantPast(ctx.sentence);
  if (family === 'symptom') {
    // Symptoms are urgent whoever has them, but not when asked about or told as history.
    return asking || past || person === 'second' ? 'drop' : 'full';
  }
  // Asked about or joked about: the rules read these (a concern at most); the score leaves them.
  if (asking || JOKE.test(ctx.sentence)) return 'drop';
  if (past) return 'capped';
  if (person === 'third') return 'capped';
  if (safety && (family === 'intent' || family === 'hopeless')) return 'capped';
  // A finality word alone in a sentence about recovery ("goodbye to my old life") is not a goodbye.
  if (family === 'final' && RECOVERY.test(ctx.sentence)) return 'capped';
  return cue ? 'full' : 'drop';
}

const RECOVERY =
  /\b(?:clean|sober|sobriety|recovery|chip|days? (?:clean|sober)|old (?:life|self|habits|friends)|using friends|detox|rehab|step \d|amends|chapter|addiction|dear (?:heroin|dope|fent\w*|oxy|pills)|new (?:job|city|start|life))\b/i;

/**
 * Urgent when, in one sentence or two in a row, an anchor family meets another family and the
 * weights reach URGENT_SCORE; otherwise a concern for intent, hopelessness or means taken (capped or
 * not), or several symptoms; otherwise none.
 */
function decide(hits: Hit[], sentences: number, short: boolean): CrisisLevel {
  const live = hits.filter((h) => !h.capped);
  // A short post is one window; a longer one is read two sentences at a time.
  const windows = short ? 1 : sentences;
  for (let i = 0; i < windows; i++) {
    const window = short ? live : live.filter((h) => h.sentence === i || h.sentence === i + 1);
    if (window.length === 0) continue;
    const best = new Map<Family, number>();
    const symptoms = new Set<string>();
    const emoji = new Set<string>();
    const finals = new Set<string>();
    const hands = new Set<string>();
    for (const h of window) {
      if (h.family === 'final') finals.add(h.text.toLowerCase());
      if (h.family === 'hand') hands.add(h.text.toLowerCase());
      best.set(h.family, Math.max(best.get(h.family) ?? 0, h.weight));
      if (h.family === 'symptom') symptoms.add(h.text.toLowerCase());
      if (h.family === 'emoji') emoji.add(h.text);
    }
    const families = [...best.keys()];
    if (window.some((h) => h.family === 'intent' && h.weight >= URGENT_SCORE)) return 'urgent';
    if (!families.some((f) => ANCHORS.has(f))) continue;
    // Distress (intent or hopelessness) meeting an immediacy cue, a means at hand or a farewell.
    if ((best.has('intent') || best.has('hopeless')) && (best.has('now') || best.has('hand') || best.has('final'))) {
      return 'urgent';
    }
    // Two different farewells or arrangements ("letters for my kids … after i'm gone").
    if (finals.size >= 2 || hands.size >= 2) return 'urgent';
    let score = 0;
    for (const w of best.values()) score += w;
    // Two different symptoms ("can't breathe, lips going numb") or two grave emoji add up.
    if (symptoms.size >= 2) score += 1.5;
    if (emoji.size >= 2) score += 1;
    if (score >= URGENT_SCORE && (families.length >= 2 || symptoms.size >= 2)) return 'urgent';
  }
  if (
    hits.some(
      (h) =>
        h.family === 'intent' ||
        (h.family === 'final' && h.capped && !RECOVERY.test(h.text)) ||
        (!h.capped && (h.family === 'hopeless' || h.family === 'taken' || h.family === 'hand')),
    )
  ) {
    return 'concern';
  }
  return 'none';
}

// Sentences end at . ! ? or a newline; a run of them ends one sentence.
function sentenceStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63 || c === 10) {
      let j = i + 1;
      while (j < text.length && /[.!?\s]/.test(text[j])) j++;
      if (j < text.length && j > starts[starts.length - 1]) starts.push(j);
      i = j - 1;
    }
  }
  return starts;
}

function sentenceOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
