import { isDistantPast, isNegated, lastSubject } from './grammar.js';
import { findEmails, findHandles, findPhones, findProfileUrls } from './personal-info.js';
import { contextOf, dedupe, normalize, spansOf, type CueContext } from './text.js';
import type { SourcingLevel, SourcingResult, Span } from './types.js';

/**
 * Cue classes. A sale needs a drug, an intent to trade it (offer or request) and a way to close the
 * deal (contact or price); the level depends on how many of those are present together.
 */
type CueKind =
  | 'drug' // a street drug or a diverted pill
  | 'drug_weak' // ambiguous slang, or a treatment medicine that only matters when traded
  | 'offer'
  | 'offer_if' // "whoever needs subs": an offer when a drug follows
  | 'offer_weak' // "got some", "got blues": offer-shaped, and often just a story
  | 'request' // "who's got", "where can I get": counts only with a drug right after it
  | 'request_need' // "need fetty": a craving until a contact or price makes it a request
  | 'request_drug' // asking to buy in its own words: "where can I cop", "need a plug"
  | 'contact' // a messenger or payment app named: "telegram only", "cashapp ready"
  | 'contact_id' // a specific way to reach someone: phone, handle, profile link, email, wallet
  | 'invite' // "hmu", "dm me": a contact unless it offers support
  | 'price'
  | 'price_ask' // "name your price", "obo": a price even in a sentence about scripts or doses
  | 'listing' // a price per unit: "$20 each", "80 a g", "5 for 20"
  | 'quantity'; // "a bundle", "half g": closes a seller's offer, not a buyer's request

// Case-insensitive without the u flag: V8 runs these lists many times faster that way.
function rx(parts: string[], flags = 'gi'): RegExp {
  return new RegExp(parts.join('|'), flags);
}

const STRONG_DRUGS = rx([
  '\\bfent(?:anyl|anal|y|ynal)?\\b(?![- ](?:test|strips?|testing|patch(?:es)?|crisis|epidemic|overdoses?)\\b)',
  '\\b(?:fetty|fetti|fettis)\\b',
  '(?<!\\b(?:the|monday|winter|holiday|baby|sunday|post[- ]\\w+) )\\bblues\\b',
  '\\bm-?30s?\\b|\\b(?:blue|perc|oxy|roxy|k) ?(?:10|15|30)s?\\b',
  '\\b(?:percs|percocets?|percys|roxys?|roxies|roxis?|roxicodone|oxys|oxies|oxycodone|oxycontin|opana|dilaudids?|dillies|norcos?|vicodin|hydros|hydrocodone)\\b',
  '\\b(?:china white|black tar|heroin|smack|skag|dog food)\\b',
  '\\bdope\\b(?! ?sick| af\\b| as hell| song| music| video| shirt| shoes| beat| track| pic)',
  '\\b(?:pressies|pressed (?:pills|blues|bars|30s|percs?|oxys?)|press(?:ed)? m)\\b',
  '\\b(?:xans|zans|xanax|xan ?bars|k-?pins|klonopin|benzos?|footballs)\\b',
  '\\b(?:coke|cocaine|molly|mdma|tranq|xylazine|carfentanil|nitazenes?|shards|crystal meth)\\b',
  // Other diverted pills and street drugs that are traded the same way.
  '\\b(?:adderall|addys?|addies|vyvanse|ritalin|ketamine|ket|lean|promethazine|codeine|morphine|oramorph|tapentadol|nucynta|valium|ativan|xannies|zannies|bup(?:e)? strips|heroine|herion|fentanil|fent(?:y)? pills|blue (?:pills|beans)|m box(?:es)?)\\b',
  '\\bmeth\\b',
  '\\bcrack\\b(?! (?:open|down|up|a joke|jokes|me up|the code|of dawn))',
  // Spanish street names: fentanilo, chiva (heroin), perico (cocaine), cristal, pastillas azules.
  '\\b(?:fentanilo|fenta|chiva|perico|cristal|piedra|coca[ií]na|hero[ií]na|pastillas azules|las azules|m30)\\b',
  '\\b(?:bundles?|buns?|stamps|bricks)\\b(?! of (?:joy|love))',
]);

const WEAK_DRUGS = rx([
  '(?<!\\b(?:behind|granola|protein|chocolate|candy|cereal|snack|energy|signal|monkey|two|three|four|five|\\d+) )\\bbars\\b',
  '\\bice\\b(?! (?:cream|pack|cube|cubes|bath|skating|coffee|tea|water|chips|age|breaker))',
  '(?<!\\b(?:roof|roofing|road) )\\btar\\b',
  '\\b(?:that|some|the|good|fire) boy\\b',
  '(?<!\\b(?:in|my|her|his|their|our|your|early|late|mid|the) )\\b30s\\b',
  '\\b(?:subs|suboxone|subutex|sub strips|strips|bupe|buprenorphine|zubsolv|methadone|gabapentin|gabbies|lyrica|tramadol|kratom|take ?homes)\\b',
  '(?<!\\b(?:pull the|shameless|spark|butt|ear) )\\bplugs?\\b(?![- ]?in\\b)',
  '\\b(?:a|my|the|new|good|any|your) connects?\\b',
  '\\b(?:that|the|some) (?:fire|gas|za|loud|good good|good stuff|good shit|shit)\\b',
  '\\btabs\\b',
  '\\b(?:pastillas|pastis|pastas)\\b',
  // A broker rather than a drug name: "I know a guy who can get you anything".
  '\\b(?:know|got|have) a guy\\b|\\b(?:get|find) (?:you|u|ya) (?:anything|whatever)\\b',
  // Fronting is selling on credit; it implies the drug without naming it.
  '\\bfront (?:you|u|ya|me)\\b(?! of)',
]);
// "H" for heroin only counts as a capital standing alone.
const LETTER_H = /(?<![\w'.-])H(?![\w'.-])/g;

// Harm-reduction words make a drug name part of staying safe, not of buying.
const HARM_REDUCTION = /\b(?:test(?:ing)? strips?|narcan|naloxone|never use alone|harm reduction)\b/i;
const MEDICAL =
  /\b(?:doctors?|dr|docs?|clinics?|providers?|prescrib\w*|telehealth|prescriptions?|pharmac\w*|insurance|copay|co-pay|medicaid|medicare|program|treatment|induct\w*|dos(?:e|es|ing|ed)|taper\w*|mg|bridge|counsel?or|nurse|intake|rehab|detox|get on|started on|start on|switch\w*|maintenance|sublocade|brixadi|hospital|refills?)\b/i;
// Treatment medicine being traded rather than prescribed.
const ILLICIT =
  /\b(?:without (?:going through |seeing |having |needing )?(?:a )?(?:script|prescription|doctor|dr)|no (?:script|prescription)|off the street|street price|on the street|cheap\w*|than the pharmacy|sell\w*|sold|buy\w*|trade|trading|for cash)\b/i;

const OFFERS = rx([
  "\\b(?:selling|sell(?:s)?|for sale|4 sale|in stock|on deck|available|avail|restock(?:ed)?|taking orders|got plenty|plenty left|have extra|got extra|extras|front (?:you|u|ya)|can front|deliver(?:y|ing)?|ship(?:ping)?|discreet|stealth|price ?list|menu|trade|trading|swap|for the low|hook (?:you|u|ya) up|connect (?:you|u|ya)|serious (?:buyers|inquiries)|cheap|plug here|(?:i'?m|im|ur|your) (?:the |a )?plug)\\b",
  "\\b(?:i )?can (?:get|hook|plug|connect) (?:you|u|ya|y'?all)\\b",
  // Spanish: "vendo", "se venden", "a la venta", "tengo para vender", "hago env[ií]os".
  '\\b(?:vendo|se venden?|a la venta|para vender|hago env[ií]os|env[ií]os? discretos?|surtido)\\b',
]);
// "if anyone needs", "whoever needs": an offer only when a drug follows.
const OFFERS_IF = rx([
  "\\b(?:if|who|whoever) (?:anyone|anybody|u|you|ya|y'?all) (?:need|want)s?\\b|\\b(?:whoever|who) needs\\b",
]);
// "got blues", "got some fetty": counts only with a drug right after it.
const WEAK_OFFERS = rx(['\\bgot (?!enough\\b)', '\\b(?:tengo|traigo|hay) ']);
// Generic requests count only when a drug follows within a few words ("who's got blues").
const REQUESTS = rx([
  "\\b(?:who'?s got|who got|who has|who have|who (?:sells|is selling)|who(?:'?s| is) (?:the |your )?(?:go-?to |go to )?(?:go-?to|guy|person|man|one|plug|connect|girl|dude) for|(?:can|could) (?:i|we) (?:get|grab|buy|cop)|who can (?:get|hook|sell) me|anyone (?:able|willing) to (?:get|sell|front)|who'?s (?:selling|holding)|(?:anyone|anybody|any1|someone|somebody) (?:\\w+ ){0,3}?(?:got|have|has|selling|holding)|who (?:else )?(?:is |'s )?(?:selling|holding)|where (?:can|do|could|should) (?:\\w+ ){1,2}(?:get|find|buy|grab|pick up)|(?:can|could|will) (?:anyone|someone|somebody|u|you|ya) (?:get|find|hook) me|help me (?:find|get)|where to (?:get|buy|score|find)|looking for|lookin for|lf|wtb|want to buy|wanna buy|buy|buying|need (?:some|a|to get|to find|to buy)|tryna (?:get|find|grab)|trying to (?:get|find|buy)|how much (?:are|is|r|for|do|does)|who'?s (?:the )?(?:go-?to|guy|person|man|one) for|(?:who|anyone|anybody) (?:\\w+ ){0,2}(?:can|could) (?:get|find|sell)(?: me)?)\\b",
  // Spanish: "¿quién tiene…?", "cuánto por…", "dónde consigo…", "busco…", "necesito…".
  '(?:\\bqui[eé]n|\\balguien) (?:tiene|vende|me vende|consigue)\\b|\\bcu[aá]nto (?:por|cuesta|cuestan|la|el|las|los)\\b|\\bd[oó]nde (?:consigo|compro|puedo conseguir|venden)\\b|\\b(?:busco|necesito|ocupo) (?:unas? |unos? )?',
]);
const NEED = rx(['\\b(?:need|needing|want|wanna|craving) (?:some |a |a little )?']);
const DRUG_REQUESTS = rx([
  '\\bwhere (?:can|do|could|should|to) (?:\\w+ ){0,2}(?:cop|score)\\b',
  "\\b(?:anyone|anybody|any1|who'?s|who is|who) (?:selling|holding|sells|be selling)(?= *(?:[?.!,]|$|around|near|in\\b|here|by|on\\b|out))",
  '\\b(?:tryna|trying to|wanna|want to|looking to|need to) cop\\b',
  '\\b(?:need|want|find|know|looking for|lf) (?:a |an )?(?:new |good |reliable )?(?:plug|connect)\\b',
  "\\bany plugs?\\b|\\bwho'?s the plug\\b",
  '\\bsell (?:me|us)\\b',
  '\\bfront me\\b|\\bneed to (?:re-?up|score)\\b|\\bre-?up\\b|\\bhook me up\\b|\\bconnect me\\b',
]);

const CONTACT_MENTIONS = rx([
  '\\b(?:telegram|tg|wickr(?: me)?|whats ?app|kik|snap(?:chat)?|session app|threema|discord|signal (?:me|app|only)|on signal|via signal|my signal|cash ?app|cashapp|venmo|zelle|paypal|apple pay|btc|bitcoin|crypto|usdt|monero|xmr|ltc)\\b',
  '(?<![\\w$])\\$[A-Za-z][A-Za-z0-9_]{2,19}\\b',
]);
const CRYPTO_ADDRESSES = rx(
  [
    '\\bbc1[a-z0-9]{25,59}\\b',
    '\\b[13][a-km-zA-HJ-NP-Z1-9]{25,34}\\b',
    '\\b0x[a-fA-F0-9]{40}\\b',
    '\\b4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}\\b',
  ],
  'g',
);
const INVITES = rx([
  '\\b(?:hmu|hit me up|hit my line|hit my phone|hit me on|dm me|dm|dms? (?:are |r )?open|pm me|pm|inbox me|inbox|msg me|message me|text me|txt me|call me|(?:snap|telegram|wickr|kik|signal|whatsapp|tg) me|pull up|slide through|meet ?up|slide in my dms|check my bio|in (?:my )?bio|get at me|holla at me|reach out to me|contact me|email me|reach me)\\b',
  '\\b(?:dm|pm|message|msg|text|inbox|hmu|contact)(?: me)? for (?:details|info|prices|pricing|more|the menu|menu)\\b',
  // Spanish: "mándame mensaje", "escríbeme", "al privado", "por inbox", "mándame whats".
  '\\bm[aá]nd(?:ame|enme) (?:un )?(?:mensaje|msj|mensajito|dm|whats|wa|inbox)\\b|\\bescr[ií]b(?:eme|anme)\\b|\\b(?:al|por) (?:privado|inbox|dm|whats)\\b|\\bmensaje (?:al|por) (?:privado|whats)\\b',
]);

const PRICES = rx([
  '(?<![\\w$])\\$ ?\\d+(?:[.,]\\d+)?k?\\b|\\$\\$+',
  '\\b\\d+(?:\\.\\d+)? ?(?:dollars|dollar|bucks|usd)\\b',
]);
// Asking for an offer is a price whatever the money words around it say.
const PRICE_ASKS = rx([
  // A buyer's money on the table: "got 50 cash", "have 100 to spend".
  "\\b(?:i )?(?:got|have|with|holding) \\$?\\d{2,4}(?: dollars| bucks)?(?= *(?:[.!?,]|$|cash|on me|ready|to spend|in hand|right now|tonight|today|tomorrow|friday|later))|\\b(?:can|will|i'?ll|willing to|gonna) pay \\$? ?\\d+\\b",
  // A buyer with cash: "paying cash", "cash ready". Spanish "a buen precio", "barato".
  '\\bpaying (?:cash|\\$ ?\\d+|\\d+)\\b|\\bcash (?:ready|in hand|waiting)\\b|\\ba buen precio\\b|\\bbarat[oa]s?\\b|\\bprecio (?:especial|negociable)\\b',
  '\\bprice (?:is )?negotiable\\b|\\bname your price\\b|\\bbest offer\\b|\\bmake (?:me )?an offer\\b|\\bobo\\b|\\bfor the low\\b|\\bcheap(?:er)? than (?:the )?(?:pharmacy|clinic|street)\\b',
]);
const QUANTITIES = rx([
  '\\b\\d+(?:\\.\\d+)? ?(?:g|gs|grams?|oz|zips?|buns?|bundles?|stamps?|bricks?|pills|tabs|strips|bars|30s|m30s|blues|percs|points?|balls|bags|baggies|caps|papers)\\b',
  '\\b(?:half|quarter|a|an) (?:g|gram|oz|zip|ball|8th|eighth|bun|bundle)\\b|\\b8 ?balls?\\b',
]);
const LISTINGS = rx([
  '\\b\\d+ ?(?:a|per|\\/|ea|each|a piece|for) ?(?:g|gram|pill|piece|strip|bun|bundle|stamp|point|tab|bar|30|m30|blue|perc|roxy|oxy)\\b',
  '\\bper (?:g|gram|pill|strip|bun|bundle|stamp|point)\\b|\\b\\d+ per\\b',
  '(?:\\$ ?)?\\b\\d+ ?(?:ea|each|a pop|a piece|apiece|obo)\\b',
  '\\b\\d+ for \\$? ?\\d+\\b',
]);

// Without one of these (a drug, an outright request to buy, a drug quantity) nothing else can make a
// text a sale, so the other rules only run when one is present.
const DRUG_RULES: Array<[CueKind, RegExp]> = [
  ['drug', STRONG_DRUGS],
  ['drug_weak', WEAK_DRUGS],
  ['drug_weak', LETTER_H],
];
const ANCHOR_RULES: Array<[CueKind, RegExp]> = [
  ['request_drug', DRUG_REQUESTS],
  ['quantity', QUANTITIES],
];
const RULES: Array<[CueKind, RegExp]> = [
  ['offer', OFFERS],
  ['offer_if', OFFERS_IF],
  ['offer_weak', WEAK_OFFERS],
  ['request', REQUESTS],
  ['request_need', NEED],
  ['contact', CONTACT_MENTIONS],
  ['contact_id', CRYPTO_ADDRESSES],
  ['invite', INVITES],
  ['price', PRICES],
  ['price_ask', PRICE_ASKS],
  ['listing', LISTINGS],
];

// A deal told as history ("I used to sell", "copped yesterday and relapsed") is a story.
const PAST_DEAL =
  /\b(?:used to|sold|copped|bought|scored|was (?:selling|copping|buying|looking)|were (?:selling|copping)|relapsed|yesterday|last (?:night|week|month|time)|ago|back then|back in|when i was|(?:my|our|his|her|the) (?:old|former|ex)|old (?:plug|dealer|connect|guy|spot|corner|neighbou?rhood|days))\b/i;
// Refusing, reporting or fearing a deal.
const REFUSAL =
  /\b(?:blocked|deleted|block|delete|changed my number|ignored|ignore|ignoring|told (?:him|her|them) no|said no|say no|cut off|stay away|avoid|warning|beware|careful|scam|scams|report(?:ed)?|tempted|trigger\w*|craving|cravings|scar(?:ed|es|y)|afraid|worr(?:ied|ies|y)|slip)\b/i;
// Money that is a cost of treatment or a habit's toll, not an asking price.
const COST =
  /\b(?:copay|co-pay|insurance|medicaid|medicare|pharmac\w*|prescription|deductible|coupon|goodrx|out of pocket|a month|per month|\/month|monthly|a day|per day|\/day|daily|a week|per week|weekly|habit|spent|spend|spending|paid|cost|costs|costing|owed|owe|rent|bill|bills|fine|fines|bail|lawyer|court|ticket|fee|fees|salary|job|wage|raise|worth|saved|saving|save|clinic|mg|dose|prescribed|refill|script|scripts)\b/i;
// "Blues are $30 each now": a price described, not asked.
const DESCRIBED_PRICE = /\b(?:are|is|r|were|was|went up to|go for|going for|goes for|cost|costs)\b[^.!?]{0,20}$/i;
// "DM me if you need to talk": an offer of support.
const SUPPORT =
  /\b(?:talk|vent|listen|support|chat|lonely|struggling|someone to|need a friend|company|here for you|meeting|meetings|sponsor|encourage\w*|pray|prayers|hugs|rough (?:day|night)|questions?|advice|walking buddy|new and scared)\b/i;
// Someone else selling, passed on to readers: "my cousin sells subs if anyone needs them".
const ADDRESSED_TO_READER =
  /\b(?:if|whoever|who) (?:anyone|anybody|u|you|ya|y'?all) (?:need|want)|\b(?:hmu|dm|pm|text|hit up|message) (?:me|him|her|them|us)\b|\bi can connect\b/i;

interface Cue extends Span {
  kind: CueKind;
}

// Enough to judge any real post; a text repeating one phrase a hundred times adds nothing.
const MAX_CUES_PER_RULE = 16;

interface Around {
  norm: string;
  start: number;
  end: number;
  drugs: Span[];
}

/** Reads a text for arranging to buy, sell or trade drugs. Recovery talk about drugs stays none. */
export function detectSourcing(text: string): SourcingResult {
  return sourcingOf(normalize(text), text);
}

const CONTACT_KINDS: ReadonlySet<string> = new Set(['phone', 'email', 'handle', 'profile_url']);

/**
 * The detector proper, on normalised text. `personalInfo` lets analyzeText pass the details it has
 * already found, so phones and handles are not searched for twice.
 */
export function sourcingOf(norm: string, text: string, personalInfo?: Span[]): SourcingResult {
  const drugs = DRUG_RULES.flatMap(([kind, re]) =>
    spansOf(re, norm, kind, text, MAX_CUES_PER_RULE).map((s) => ({ ...s, kind })),
  );
  const anchors = [...keepAll(drugs, norm, drugs), ...runRules(ANCHOR_RULES, norm, text, drugs)];
  if (anchors.length === 0) return { level: 'none', spans: [] };
  const found = personalInfo ? personalInfo.filter((s) => CONTACT_KINDS.has(s.kind)) : findContacts(norm, text);
  const contacts = found.slice(0, MAX_CUES_PER_RULE);
  const cues = [...anchors, ...runRules(RULES, norm, text, drugs), ...keepAll(asContacts(contacts), norm, drugs)];
  const level = grade(cues);
  const spans = level === 'none' ? [] : cues.map(({ start, end, kind, text }) => ({ start, end, kind, text }));
  return { level, spans };
}

function runRules(rules: Array<[CueKind, RegExp]>, norm: string, text: string, drugs: Span[]): Cue[] {
  const found = rules.flatMap(([kind, re]) =>
    spansOf(re, norm, kind, text, MAX_CUES_PER_RULE).map((s) => ({ ...s, kind })),
  );
  return keepAll(found, norm, drugs);
}

function keepAll(cues: Cue[], norm: string, drugs: Span[]): Cue[] {
  return cues.filter((c) => keep(c.kind, contextOf(norm, c.start, c.end), { norm, start: c.start, end: c.end, drugs }));
}

function asContacts(spans: Span[]): Cue[] {
  return spans.map((s) => ({ ...s, kind: 'contact_id' as const }));
}

/** Phone numbers, handles, profile links and emails, as the personal-info detector finds them. */
function findContacts(norm: string, text: string): Span[] {
  return dedupe([
    ...findEmails(norm, text),
    ...findProfileUrls(norm, text),
    ...findPhones(norm, text),
    ...findHandles(norm, text),
  ]);
}

function keep(kind: CueKind, ctx: CueContext, around: Around): boolean {
  switch (kind) {
    case 'drug':
      return !HARM_REDUCTION.test(ctx.sentence);
    case 'drug_weak':
      return !HARM_REDUCTION.test(ctx.sentence) && (!MEDICAL.test(ctx.sentence) || ILLICIT.test(ctx.sentence));
    case 'offer':
      return isLiveDeal(ctx) && isOwnOffer(ctx);
    case 'offer_if':
      return isLiveDeal(ctx) && (drugFollows(around, 4) || drugBefore(around, ctx)) && !SUPPORT.test(ctx.sentence);
    case 'offer_weak':
      return isLiveDeal(ctx) && isOwnOffer(ctx) && drugFollows(around, 2);
    case 'request_drug':
      return isLiveDeal(ctx);
    case 'request_need':
      return isLiveDeal(ctx) && drugFollows(around, 2);
    case 'request':
      return isLiveDeal(ctx) && drugFollows(around, 4) && (!MEDICAL.test(ctx.sentence) || ILLICIT.test(ctx.sentence));
    case 'invite':
      return isLiveDeal(ctx) && !SUPPORT.test(ctx.sentence);
    case 'price_ask':
      return isLiveDeal(ctx);
    case 'price':
    case 'quantity':
      return isAskingPrice(ctx);
    case 'listing':
      return isAskingPrice(ctx) && !DESCRIBED_PRICE.test(ctx.sentenceBefore);
    case 'contact':
    case 'contact_id':
      return !isNegated(ctx.clauseBefore);
  }
}

/** In the present, affirmed and not refused. */
function isLiveDeal(ctx: CueContext): boolean {
  if (isNegated(ctx.clauseBefore)) return false;
  return !PAST_DEAL.test(ctx.sentence) && !isDistantPast(ctx.sentence) && !REFUSAL.test(ctx.sentence);
}

/** The writer's own offer, or someone else's passed on to readers; not news about a neighbour. */
function isOwnOffer(ctx: CueContext): boolean {
  return lastSubject(ctx.clauseBefore)?.person !== 'third' || ADDRESSED_TO_READER.test(ctx.sentence);
}

function isAskingPrice(ctx: CueContext): boolean {
  return !COST.test(ctx.sentence) && !PAST_DEAL.test(ctx.sentence) && !isDistantPast(ctx.sentence);
}

/** A drug earlier in the same sentence: "leftover percs from my surgery if anyone wants them". */
function drugBefore(around: Around, ctx: CueContext): boolean {
  return around.drugs.some((d) => d.start >= ctx.sentenceStart && d.end <= around.start);
}

const NEXT_WORDS = [2, 4].map((n) => [n, new RegExp(`^\\W*(?:\\w+\\W+){0,${n}}`)] as const);

// "who's got blues", "where can i get some good dope": a drug within the next few words.
function drugFollows(around: Around, words: 2 | 4): boolean {
  const re = NEXT_WORDS.find(([n]) => n === words)![1];
  const next = re.exec(around.norm.slice(around.end, around.end + 80))?.[0].length ?? 0;
  return around.drugs.some((d) => d.start >= around.end && d.start <= around.end + next);
}

/**
 * likely: an offer or request for a drug with a way to close (contact or price), or a drug listed
 * at a unit price, or a drug with a direct "hmu"/"dm me". suspect: an offer or request for a drug
 * without a way to close, or a drug next to a contact or price.
 */
const RANK: Record<SourcingLevel, number> = { none: 0, suspect: 1, likely: 2 };
// Cues further apart than this belong to different thoughts in a long post.
const CLUSTER_GAP = 160;

/** Grades each cluster of nearby cues and keeps the worst, so a long story cannot add up to a sale. */
function grade(cues: Cue[]): SourcingLevel {
  let worst: SourcingLevel = 'none';
  for (const cluster of clusters(cues)) {
    const level = gradeCluster(cluster);
    if (RANK[level] > RANK[worst]) worst = level;
  }
  return worst;
}

function clusters(cues: Cue[]): Cue[][] {
  const sorted = [...cues].sort((a, b) => a.start - b.start);
  const groups: Cue[][] = [];
  let end = -Infinity;
  for (const cue of sorted) {
    if (cue.start - end > CLUSTER_GAP) groups.push([]);
    groups[groups.length - 1].push(cue);
    end = Math.max(end, cue.end);
  }
  return groups;
}

function gradeCluster(cues: Cue[]): SourcingLevel {
  const has = (...kinds: CueKind[]) => cues.some((c) => kinds.includes(c.kind));
  const drug = has('drug');
  const anyDrug = drug || has('drug_weak');
  const intent = has('offer', 'offer_if', 'request', 'request_drug');
  const reach = has('contact', 'contact_id', 'invite');
  const close = reach || has('price', 'price_ask', 'listing');

  if ((intent || has('offer_weak')) && anyDrug && close) return 'likely';
  // An offer of a drug in amounts; "got a bundle" alone is just as often the writer's own supply.
  if (has('offer') && anyDrug && has('quantity')) return 'likely';
  if (has('request_drug') && close) return 'likely';
  if (has('request_need') && anyDrug && (reach || has('price', 'price_ask'))) return 'likely';
  if (has('offer') && reach && has('quantity')) return 'likely';
  // A drug named next to a direct way to reach the writer is an advert: "bars, percs. wickr: x".
  if (anyDrug && has('invite', 'contact_id')) return 'likely';
  if (drug && (has('listing') || (has('contact') && has('price', 'price_ask')))) return 'likely';
  if (anyDrug && has('listing') && reach) return 'likely';
  if ((intent && anyDrug) || has('request_drug')) return 'suspect';
  if (drug && (has('offer_weak') || close)) return 'suspect';
  return 'none';
}
