import {
  hasPastForm,
  isConditional,
  isDistantPast,
  isNegated,
  isRecent,
  isReported,
  lastSubject,
  personInCue,
  type Person,
} from './grammar.js';
import { scoreCrisis } from './crisis-score.js';
import { contextOf, normalize, spansOf, type CueContext } from './text.js';
import type { CrisisLevel, CrisisResult, Span } from './types.js';

/**
 * Cue kinds. The first group is urgent on its own (intent, an overdose under way or planned, a
 * goodbye); hopelessness, a recent overdose and a means looked at ("staring at the pills") are a
 * concern on their own, a means at hand now ("sitting in the tub with a knife") is urgent unless the
 * sentence is about cooking or work; farewells, partings,
 * plans/means and emoji only count next to something else.
 */
type CueKind =
  | 'suicidal'
  | 'death_wish'
  | 'self_harm'
  | 'overdose'
  | 'emergency'
  | 'goodbye'
  | 'hopelessness'
  | 'overdose_event'
  | 'means'
  | 'farewell'
  | 'parting'
  | 'plan'
  | 'emoji';

const URGENT = 2;
const CONCERN = 1;
const SUPPORTING = 0.5;

const BASE: Record<CueKind, number> = {
  suicidal: URGENT,
  death_wish: URGENT,
  self_harm: URGENT,
  overdose: URGENT,
  emergency: URGENT,
  goodbye: URGENT,
  hopelessness: CONCERN,
  overdose_event: CONCERN,
  means: CONCERN,
  farewell: SUPPORTING,
  parting: SUPPORTING,
  plan: SUPPORTING,
  emoji: SUPPORTING,
};

const WANT = '(?:want(?:s|ed)?(?: to| 2)?|wanna)';
const SELF = '(?:my ?self|my ?slef|him ?self|her ?self|them ?selves|them ?self|your ?self)';
// Taking drugs, then or now: "took", "am taking", "shooting".
const USED =
  '(?:took|taken|taking|swallowed|swallowing|shot(?: up)?|shooting(?: up)?|snorted|snorting|smoked|did|doing|used|using|popped|popping|ate|eating|downed|downing|chugged)';
// Taking a drug, said as intent: "gonna eat", "about to shoot".
const TAKE = '(?:use|shoot(?: up)?|take|do|snort|smoke|swallow|pop|eat|down|chug|inject)';
// A whole supply: "the whole bottle", "my entire script", "a full bundle".
const WHOLE =
  "(?:(?:the|my|a|this|that|his|her) (?:whole|entire|full) (?:(?:week|month|weeks|months|week'?s|month'?s|day'?s)(?: (?:supply|worth))? of\\b(?![\\w ]{0,25}\\b(?:to|into|back to|in) (?:the|my|a|his|her)\\b)|(?:\\w+ )?(?:bottle|bag|bundle|stash|script|prescription|pack|packet|thing|gram|g|supply|box|sleeve|strip|blister|jar)))";
// Times that make a plan concrete.
const WHEN =
  "(?:tonight|today|tomorrow|this (?:weekend|week|morning|afternoon|evening)|on (?:friday|saturday|sunday|monday|tuesday|wednesday|thursday)|right now|rn|when (?:everyone|they|the kids|my \\w+)(?:'s| is| are|'re) (?:asleep|gone|out|at work)|after (?:my \\w+|they|everyone|the kids) (?:falls? asleep|leaves?|goes? to (?:bed|sleep|work)))";
const DRUGS =
  '(?:pills|meds|medication|dope|fent|fetty|subs|bars|xanax|methadone|doses?|stash|script|prescription|oxys?|percs|blues|bags?|bundle|buns|take ?homes|it|them|that)';
// A medicine by its name's ending ("seroquel", "trazodone", "clonazepam", "gabapentin"), for "all my …".
const PILL_NAME = '(?:[a-z]{3,}(?:ol|ine|am|pam|one|ax|el|in|ide|yl|ex|ate|il|an|ium))';
const CLOSE = '(?= *(?:[.!,;:?]|$|and\\b|tonight|today|now|at once|lol|[\\uD83C-\\uD83E]))';
// Someone deciding or wanting: the frame that turns "end it" or "od" into intent.
const INTENT =
  "(?:want(?:s|ed)? to|wanna|going to|gonna|about to|ready to|planning to|plan to|plan on|plan is to|decided to|trying to|try to|will|i'?ll|i'?m gonna|finna|need to|have to|got to|gotta|just want to|just wanna|threaten\\w* to)";
const RELATIVES =
  '(?:kids?|son|daughter|mom|mother|mum|dad|father|family|wife|husband|bab(?:y|ies)|girls?|boys?|children|parents|brother|sister|partner|gf|bf|girlfriend|boyfriend)';

// Case-insensitive without the u flag: V8 runs these lists many times faster that way.
function rx(parts: string[], flags = 'gi'): RegExp {
  return new RegExp(parts.join('|'), flags);
}

const RULES: Array<[CueKind, RegExp]> = [
  [
    'suicidal',
    rx([
      `(?<!slowly )\\b(?:kill(?:ing|ed)?|off(?:ing)?|hang(?:ing|ed)?|shoot(?:ing)?|drown(?:ing)?|end(?:ing)?) ${SELF}\\b(?! slowly)`,
      '\\bkms\\b',
      '\\bunalive\\w*',
      '\\bsewer ?slide\\b',
      '\\bsu+i?c+i+d(?:e|al|el|ial|ality)\\b(?! (?:prevention|hotline|lifeline|line|awareness|rates?|statistics|stats|risk|crisis|& crisis|and crisis|watch|squad|survivors?|loss|bereavement|support|month|week|day|is painless)\\b)',
      '\\bsuiside\\b',
      '\\b(?:end|ending|take|taking) (?:my|his|her|their|your) (?:own )?life\\b',
      '\\bend(?:ing)? (?:it all|it tonight|it for good|it today|everything)\\b',
      `\\b${INTENT} (?:just )?(?:end (?:it|this|things|my suffering|the pain for good)|od|o\\.d\\.?|overdose|die tonight|not exist|stop existing|cease to exist|not be alive|be gone)\\b(?! (?:with|between|for now|on (?:my|the) \\w+ (?:job|shift)))`,
      `\\b${INTENT} (?:just )?jump\\b(?= *(?:[.!?]|$|off|from|in front))`,
      '\\b(?:use|using|turn|turning|point|pointing) (?:it|the gun|a gun|my gun|the knife) (?:on|at) my ?self\\b',
      "\\b(?:better|happier|easier|fine|relieved|free)\\b[^.!?]{0,25}\\b(?:if i (?:was|were|wasn'?t|weren'?t) (?:dead|gone|here|around|alive)|without me|when i'?m gone)",
      "\\b(?:won'?t|not going to|not gonna|didn'?t|did not) make it (?:through|to) (?:tonight|the night|tomorrow|morning)\\b",
      // A time-bound ending: "ending things this weekend", "tonight I end it".
      `\\bend(?:ing)? (?:it|things|everything|it all)(?: all)? ${WHEN}\\b(?! (?:with|between|early|at|on|for))`,
      `\\b${WHEN},? (?:i(?:'?m| am)? )?(?:(?:going to|gonna|will|'ll) )?end(?:ing)? (?:it|things|everything|my life)\\b(?! (?:with|between|early|at|on|for))`,
      // Wanting it over for good: "I want it to be over. all of it. permanently".
      '\\bwant (?:it|everything|this|all of (?:it|this)|it all|the pain|my life) to (?:stop|end|be over)\\b[^!?]{0,30}\\b(?:permanently|for good|forever)\\b',
      '\\b(?:hope|hoping|pray|praying|wish|wishing) (?:that )?i (?:just )?die\\b(?! (?:of|from|laughing))',
      '\\b(?:let|hope|hoping) (?:it|this|the (?:\\w+ )?(?:fent|fentanyl|dope|pills|bag|shot|drugs|heroin|ocean|water|cold)|death|god) (?:take|takes|kill|kills|finish|finishes) me\\b',
      "\\b(?:(?:gonna|going to|will|'ll) find (?:me|my body)|find my body)\\b(?= *(?:[.!,]|$|in the|tomorrow|when|dead|and))",
      // Not expecting or planning to be alive: "I don't plan on waking up tomorrow".
      "\\b(?:don'?t|dont|do not|not|no) (?:plan(?:ning)?|intend(?:ing)?|expect(?:ing)?|plans?) (?:on |to )?(?:wak(?:e|ing) up|be(?:ing)? (?:here|alive|around) (?:tomorrow|by|much|for|next|any)|see(?:ing)? (?:tomorrow|the morning|morning|another day|next week|christmas|my birthday))\\b",
      // Not coming back: "I don't think I'm coming home tonight".
      "\\b(?:don'?t think|not sure|doubt) (?:i'?m|im|i am|i'?ll be|i will be) (?:coming|going|making it) (?:home|back)\\b|\\bwon'?t be (?:coming|going) (?:home|back)(?= *(?:[.!,]|$|tonight|ever|again))",
      // Asking how much it takes to die.
      '\\b(?:how (?:many|much)|what dose|enough)\\b[^.!?]{0,40}\\b(?:would it take|does it take|it takes|to take|would take|do i need|would i need)\\b[^.!?]{0,15}\\bto (?:not wake up|never wake up|die|kill (?:me|my ?self|a person|someone)|be fatal|be lethal|stop (?:my|your) heart|end it|od|overdose)\\b|\\b(?:lethal|fatal) dose (?:of|for)\\b',
      // Asking for a method: "what's the most painless way to go", "easiest way to end it".
      '\\b(?:most |least |quickest |fastest |easiest |best |surest |cleanest )?(?:painless|quick|quickest|easiest|fastest|best|surest|peaceful|cleanest) (?:way|method|ways|methods) to (?:go|die|end it|end things|kill my ?self|od|overdose|not wake up)\\b(?! (?:through|back|to|about|with|into|on|home|out|off|cold turkey))|\\bhow (?:do (?:i|you|people)|to|can i|could i) (?:kill (?:my|your) ?self|end it all|end my life|od on purpose|overdose on purpose)\\b',
      // Letting go for good: "I just want to let go forever".
      '\\b(?:let go|slip away|fade away|drift off|go to sleep) (?:forever|for good|permanently|and never come back)\\b',
      // Welcoming death: "if I don't wake up that's fine".
      "\\bif i (?:don'?t|dont|never|do not) wake up\\b[^.!?]{0,12}\\b(?:that'?s|thats|it'?s|its|so be it|fine|ok|okay|whatever|good)|\\bif i die\\b[^.!?]{0,12}\\b(?:that'?s|thats|so be it|i die|fine|whatever|good)\\b",
      // "I attempted last year": an attempt, which tense usually turns into a concern.
      "\\bi (?:have |'ve )?attempted\\b(?= *(?:[.,!]|$|(?:last|this|in|when|after|before|twice|once|again|a few|two|three|several|\\d)\\b))|\\b(?:suicide|suicidal) attempts?\\b",
      `\\b(?:want|wanna|wish|hope|hoping|just want|thinking about|think about|dream of|dreaming of|easy it would be|would be nice|would rather) (?:\\w+ ){0,5}(?:and |to )(?:just )?(?:never|not) wake up\\b`,
      "\\b(?:isn'?t|is not|not|no longer|ain'?t) worth (?:living|it any ?more)\\b",
      "\\b(?:(?:don'?t|dont|can'?t|cant) see (?:the|a|any) |no )?(?:point|reason) (?:for me |for living )?(?:in|of|to) (?:liv(?:e|ing)|being alive|stay(?:ing)? alive|be(?:ing)? here|go(?:ing)? on|keep(?:ing)? (?:going|living|fighting|trying|on)|carry(?:ing)? on|continu\\w+|wak(?:e|ing) up|life)\\b",
      '\\b(?:go|going|check|checking|clock|clocking|bow|bowing) out on my own terms\\b|\\b(?:check|checking) out (?:early|for good)\\b|\\bleave this world\\b',
      '\\b(?:drive|driving|crash|crashing|steer|steering|swerve|swerving) (?:my car |the car |my truck )?(?:into|off) (?:a|the|an) (?:tree|wall|pole|truck|semi|traffic|bridge|overpass|cliff|river|lake|pier|embankment)\\b|\\b(?:jump|jumping|throw my ?self|step|stepping) (?:off|from) (?:a|the|my) (?:bridge|overpass|roof|rooftop|building|parking garage|garage|cliff|ledge|balcony|tower)\\b|\\b(?:walk|step|walking|stepping|jump|jumping) (?:into|in front of) (?:traffic|a train|the train|a bus|a truck)\\b',
      "\\b(?:don'?t|dont|do not) (?:think|expect) i'?(?:ll| will) (?:be alive|make it|survive|be here|be around|wake up)\\b|\\b(?:can'?t|cannot|cant) see myself (?:living|being alive|alive|making it|surviving)\\b",
      '\\b(?:only|one) way (?:out|to (?:stop|end) (?:this|it|the pain)) is (?:death|dying|to die|to end it)\\b|\\bdeath (?:is|would be|seems like) (?:the only|a|my) (?:way out|relief|answer|option)\\b',
      "\\bwish(?:ing)? i (?:hadn'?t|didn'?t|had not|did not|never) (?:survived|made it|woken up|been (?:saved|revived|narcanned|found))\\b",
      '\\b(?:lost|losing|lose) the will to live\\b|\\bdanger to (?:my ?self)\\b',
      `\\b(?:jump(?:ing)?|throw(?:ing)? ${SELF}) (?:off|in front of|from) (?:a|the|my)\\b`,
      '\\b(?:slit|slash|slice|cut)(?:ting)? (?:my|his|her) wrists?\\b',
      '\\b(?:gun|bullet|pistol) (?:to|in|through) (?:my|his|her) (?:head|mouth)\\b',
      '\\bblow (?:my|his|her) brains\\b',
      '\\b(?:no reason|nothing(?: left)?|not worth) (?:to )?liv(?:e|ing)(?: for)?\\b',
      "\\b(?:o\\.?d|overdose|od'?ing|overdosed|od'?d|oded) on purpose\\b",
      `\\b(?:don'?t|do not|dont|never|didn'?t|did not|doesn'?t|does not) ${WANT} (?:be alive|live(?! like| this| that| in| with| on| there| here| without)|exist|be here any ?more|be around any ?more|be here tomorrow|be around tomorrow|be alive tomorrow|see tomorrow|make it to tomorrow|keep living|go on|continue living|wake up|ever wake up)\\b`,
      "\\b(?:wish|hope|hoping|praying) (?:that )?i (?:just )?(?:wouldn'?t|would never|didn'?t|won'?t|don'?t|dont|never|do not) wake up\\b",
      "\\bbetter off (?:dead|without me|if i (?:was|were)(?:n'?t| not| gone| dead))\\b",
      "\\b(?:would|will|'d|is|are|be) (?:so much |much |a lot )?better (?:off )?without me\\b",
      `\\b(?:think|thinking|thought|thoughts) (?:about|of) (?:ending|killing|offing|hurting) (?:it|things|everything|my ?self|my life)\\b`,
      "\\b(?:no ?one|nobody|no body) (?:would|will|'d|is gonna|is going to) (?:even )?(?:miss me|notice (?:if|when) i|care (?:if|when) i)",
      '\\bwhat am i (?:even )?(?:living|still here) for\\b',
      // Up high and not coming down: "I'm at the top of the parking garage and I'm not coming down".
      "\\b(?:i'?m|im|i am) (?:at|on) (?:the )?(?:top|edge|roof) of (?:the|a|this) (?:parking garage|garage|building|bridge|overpass|tower|cliff)\\b[^.!?]{0,40}\\b(?:not (?:coming|climbing|going) (?:back )?down|not coming back|going to jump|gonna jump|about to jump)\\b",
      // Spanish: "me voy a matar", "ya no quiero vivir", "quitarme la vida", "no quiero despertar".
      '\\b(?:me voy a|me quiero|quiero|voy a|pienso|voy a) (?:matar(?:me)?|suicidar(?:me)?|quitar(?:me)? la vida)\\b|\\bmatarme\\b|\\bsuicidarme\\b|\\bquitarme la vida\\b',
      '\\b(?:ya )?no quiero (?:vivir|seguir viviendo|despertar|existir|estar aqu[ií])\\b|\\bno vale la pena vivir\\b',
      '\\b(?:me voy a|voy a) tomar (?:todas (?:las|mis) pastillas|todo)\\b|\\b(?:sobredosis|una sobredosis) a prop[oó]sito\\b',
      "\\bwon'?t be (?:a (?:burden|problem|bother)|around|here)(?: (?:for|to) (?:anyone|anybody|you|y'?all))? (?:any ?more|much longer|after (?:tonight|today)|soon|for long)\\b",
    ]),
  ],
  [
    'death_wish',
    rx([
      `\\b${WANT} (?:to )?(?:die|be dead)\\b(?! (?:of|from) (?:embarrass|laugh|shame|cringe))`,
      // Spanish: "quiero morir(me)", "me quiero morir".
      '\\b(?:quiero|me quiero|quisiera|deseo) morir(?:me)?\\b|\\bquiero estar muert[oa]\\b',
      "\\bwish(?:es|ed|ing)? (?:i|i'd|id|he|she|they|he'd|she'd|they'd) (?:was|were|could be) dead\\b",
      '\\bready to die\\b',
      `\\b(?:${WANT}|wish i could|wish i'?d|just want to) (?:just )?(?:not exist|stop existing|cease to exist|stop breathing|stop living|be gone for good|(?:disappear|vanish) (?:forever|for good|permanently))\\b`,
      '\\bwish i (?:was|were|had) never (?:been )?born\\b',
    ]),
  ],
  [
    'self_harm',
    rx([
      '\\bself[- ]?harm(?:ing)?\\b',
      `\\b(?:want|wanna|urge|urges|going|gonna|started|start|starting|been) (?:to )?(?:hurt|harm|cut|burn)(?:ing)? ${SELF}`,
      `\\b(?:cut|cutting|burning|burned|harming|hurting) ${SELF}\\b(?! (?:at|on|while|shaving|lifting|by accident|accidentally|cooking))`,
      "\\bcutting (?:again|tonight|rn|right now)\\b|\\b(?:i'?m|im|i am|been|keep) cutting\\b",
      // "want to cut so bad", "urge to cut again": cutting with no object is self-harm.
      '\\b(?:want|wanna|urges?|need|needing|going|gonna|about|itching|craving) (?:to )?(?:cut|burn|sh)\\b(?= *(?:[.!,;]|$|again|so bad|so badly|tonight|rn|right now|deep|deeper|bad|badly|my (?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?)\\b))',
      '\\b(?:relapsed on|relapse on|clean from|urges? to) (?:sh|self harm|cutting)\\b(?! free)',
    ]),
  ],
  [
    'overdose',
    rx([
      // "Took everything I had." but not "it took everything I had not to call him".
      `\\b${USED} every(?:thing| last one| last pill| pill| last bit)(?: (?:i|i've) (?:had|have|got|had left|had saved))?(?: in (?:my|the) (?:medicine cabinet|cabinet|house|bag|stash|bottle|drawer|purse|car))?${CLOSE}`,
      `\\b${USED} all (?:of )?(?:my|the|them|those|these) ${DRUGS}\\b`,
      `\\b${USED} (?:it all|all of it|all of them|the (?:whole|entire|full) (?:bottle|bag|bundle|stash|script|pack|gram|g|thing))\\b`,
      `\\b(?:going to|gonna|about to|plan(?:ning)? to|will|i'?ll|finna|fixing to|want to|wanna) (?:just )?(?:use|shoot|take|do|snort|smoke|swallow|pop) (?:it all|all of it|everything|all (?:of )?(?:my|the|them) ${DRUGS}|(?:the|my) (?:whole|entire) (?:bottle|bag|bundle|stash|script|prescription|pack|thing|gram|g|supply)|every (?:last )?\\w+|enough to)\\b`,
      `\\b${USED} (?:like |about |around )?(?:a (?:whole )?bunch of|a handful of|way too many|too many|a ton of|[5-9]|[1-9]\\d+)(?: of)? (?:(?:my )?${DRUGS}\\b|(?:my|the|his|her) \\w+|\\w+ pills)`,
      '\\b(?:a|myself a|give myself a) hot ?shot\\b',
      `\\b${USED} ${WHOLE}\\b`,
      `\\b${INTENT} (?:just )?${TAKE} (?:all|every(?: last)? one) (?:of )?(?:my|the|her|his|mom'?s|dad'?s) (?:${PILL_NAME}|${DRUGS})\\b`,
      "\\b(?:hope|hoping|praying|pray) (?:it'?s|its|this is|that'?s|that was|it was|this was|this will be|it will be) enough\\b(?= *(?:[.!,]|$|this time|to (?:kill|end|finish|stop)))",
      "\\b(?:mix(?:ing)?|combin(?:e|ing)) (?:all )?(?:my |the |some )?(?:pills|xanax|bars|benzos|klonopin|valium|meds|fent|dope|oxys?) (?:with|and) (?:a fifth|vodka|whiskey|alcohol|booze|liquor|a bottle|the fent|fent|dope)\\b[^.!?]{0,30}\\b(?:tonight|on purpose|don'?t care|hope|and (?:go to sleep|sleep|be done))",
      `\\b${INTENT} (?:just )?${TAKE} ${WHOLE}\\b`,
      `\\b${USED} (?:it all|all of it|all of them|everything|every (?:last )?\\w+) at once\\b|\\b${TAKE} (?:it all|all of it|everything) at once\\b`,
      // Too much, now: "I think I took too much", "did way too much, can't breathe".
      '\\b(?:i think i|think i|i|pretty sure i|scared i|afraid i) (?:just )?(?:took|did|used|shot|snorted|smoked|had) (?:way |much |far )?too much\\b',
      "\\b(?:i think i|think i|pretty sure i|scared i|afraid i|i might have|i may have|i might'?ve) (?:just )?(?:od'?d|oded|overdosed|overdosing)\\b",
      `\\b${USED}\\b[^.!?]{0,40}\\bon purpose\\b`,
      "\\b(?:use|using|shoot|shooting|drink|drinking|keep using|take|taking|do|doing)\\b[^.!?]{0,20}\\buntil (?:my heart stops|i (?:die|stop breathing|don'?t wake up|od|overdose)|it kills me)",
      `\\b(?:going to|gonna|about to|will|i'?ll|finna|want to|wanna) (?:just )?(?:use|shoot|take|do|snort|swallow|pop) (?:them|it|those|these) all\\b(?! (?:to|out|with|home|for|back|in|on|into|over|up|down|around|the way))`,
      `\\b${INTENT} (?:just )?${TAKE} (?:a|the|my|this|that|her|his) (?:bottle|handful|fistful|bunch|sleeve|box|jar|bag|pack) of\\b`,
      "\\benough (?:\\w+ ){0,2}(?:to|that|so) (?:i )?(?:not wake up|never wake up|kill me|end it|stop my heart|make sure i don'?t wake|never (?:have to )?(?:feel|wake|come back))\\b|\\bnever (?:have to )?feel (?:this|anything|it) (?:again|ever again)\\b(?=[^.!?]{0,40}\\b(?:use|using|enough|take|pills|dope|shot|tonight)\\b)|\\b(?:use|using|take|taking|shoot|do) (?:\\w+ ){0,3}enough (?:\\w+ ){0,2}(?:that|so) i never\\b",
      "\\b(?:don'?t|dont|do not) care if (?:i|it) (?:die|dies|kill(?:s)? me|wake up|wakes me|od|overdose)\\b",
      '\\b(?:hope|hoping|praying) (?:it|this|the next one|the next shot|this (?:bag|shot|one)) (?:kills|takes|ends) me\\b',
      "\\b(?:i'?m|im|i am|i think i'?m|think im) (?:overdosing|od'?ing|oding)\\b",
    ]),
  ],
  [
    'emergency',
    rx([
      "\\b(?:not|isn'?t|stopped|barely|aren'?t|wasn'?t) breathing\\b",
      '\\bturning (?:blue|purple|gr[ae]y)\\b',
      '\\blips (?:are|were|turned|turning|r) blue\\b',
      "\\bunresponsive\\b|\\bcan'?t wake (?:him|her|them|my \\w+)\\b",
      "\\bcan'?t get (?:him|her|them|my \\w+) to (?:respond|wake up|breathe|open (?:his|her|their) eyes)\\b",
      '\\bbreathing (?:is |was |has gotten |got )?(?:really |very |so |super )?(?:slow|shallow|weird|strange|funny|raspy)\\b|\\bgasping\\b',
      "\\bpassed out (?:on the (?:floor|ground|bathroom floor)|and (?:won'?t|can'?t|isn'?t))",
      "\\b(?:not responding|won'?t respond|snoring sounds|gurgling|death rattle|foaming at the mouth|slumped over)\\b|\\bbreathing (?:sounds? |is )?(?:like )?(?:snoring|gurgling|rattling)\\b|\\b(?:used|gave (?:him|her|them)) (?:our|my|the) (?:only|last) (?:narcan|naloxone)\\b|\\b(?:narcan|naloxone) (?:isn'?t|is not|didn'?t|did not|not|ain'?t) (?:working|work|doing anything)\\b",
      "\\b(?:he'?s|she'?s|they'?re|he is|she is|they are|friend is|isn'?t|is not) (?:not |still not )?(?:moving|waking)\\b(?= *(?:[.!,]|$|and|at all|anymore|i|please|what|help))",
      "\\b(?:won'?t|isn'?t|is not|are not|aren'?t) wak(?:e|ing) up\\b(?! (?:before|until|till|early|on time|in time|for|at|when))",
      "\\b(?:is|he'?s|she'?s|they'?re|someone'?s|somebody'?s) (?:overdosing|od'?ing|oding)\\b",
      '\\boverdosing (?:right now|rn)\\b',
      // Found on the floor and cold: "found her on the floor, cold, not moving".
      '\\bfound (?:him|her|them|my \\w+) (?:on|in) (?:the|his|her|their) (?:\\w+ )?(?:floor|ground|bathroom|car|couch|bed)\\b[^.!?]{0,30}\\b(?:cold|not moving|not breathing|limp|blue|unresponsive)\\b',
      // Spanish: "no respira", "está morado", "no despierta", "le dio una sobredosis".
      '\\bno (?:respira|reacciona|despierta|responde|se mueve)\\b|\\b(?:est[aá]|se (?:puso|est[aá] poniendo)) (?:morad[oa]|azul|gris)\\b|\\blabios (?:morados|azules)\\b|\\b(?:le (?:est[aá] dando|dio)|tiene) una sobredosis\\b|\\bsobredosis (?:ahora|ahorita)\\b',
      "\\b(?:he'?s|she'?s|they'?re|he is|she is|they are|lips|face|skin) (?:still |all |turning |going |gone |looks? |is )?(?:blue|grey|gray|purple)\\b(?! (?:shirt|jacket|hoodie|car|eyes|hair|team|line|light|jeans))",
      // A body failing right after using: "took 8 bars, can't keep my eyes open" (either order).
      "\\b(?:can'?t|cannot|cant) (?:feel my (?:hands|arms|legs|face|fingers|body)|keep my eyes open|breathe|catch my breath|stay awake)\\b(?=[^.!?]{0,60}\\b(?:took|did|used|shot|snorted|pills|bars|fent|fetty|dope|xanax|od'?d|overdos\\w+|too much)\\b)|\\b(?:took|did|used|shot|snorted|pills|bars|fent|fetty|dope|xanax|od'?d|too much)\\b[^.!?]{0,60}?\\b(?:can'?t|cannot|cant) (?:feel my (?:hands|arms|legs|face|fingers|body)|keep my eyes open|breathe|catch my breath|stay awake)\\b",
    ]),
  ],
  [
    'goodbye',
    rx([
      `\\btell my ${RELATIVES} (?:that )?(?:i love|i'?m sorry)`,
      '\\bthis is (?:my )?(?:final |last )?goodbye\\b(?! (?:to|for now)\\b)',
      "\\b(?:here'?s|consider this) my (?:final |last )?goodbye\\b",
      "\\bby the time (?:you|anyone|any1|someone|y'?all|u) (?:read|reads|see|sees|find|finds) this\\b",
      '\\b(?:if|when|whoever) (?:anyone|anybody|someone|somebody|my \\w+) (?:finds|find|reads|sees) (?:this|me)\\b(?! (?:helpful|useful|interesting|funny|post|thread|group|place|site))|\\bwhoever finds (?:this|me)\\b',
      "\\b(?:won'?t|will not|wont|not gonna|not going to) be (?:here|around|alive) (?:tomorrow|much longer|by morning|in the morning|any ?more|for long)\\b",
      '\\bgoodbye (?:forever|cruel world|world)\\b|\\bgood ?night forever\\b',
      '\\b(?:esta es mi|mi) (?:despedida|[uú]ltima noche)\\b|\\bya (?:tengo todo listo|lo decid[ií])\\b(?=[^.!?]{0,30}\\b(?:noche|hoy|ma[nñ]ana)\\b)',
      "\\bif (?:i'?m|im|i am|i'?m not|i don'?t) (?:not )?(?:on|here|online|around|post|reply|answer)\\w* (?:tomorrow|in the morning|by morning)\\b",
      "\\b(?:last|final) (?:thing|words?|post|message) (?:i'?ll|i will|i'?m (?:gonna|going to)) ever (?:post|say|write|send|do)\\b(?= *(?:[.!,]|$|here|on here|again|[\\uD83C-\\uD83E]))|\\b(?:planning|plan|planned|planning out) my (?:exit|death|suicide|last day|final day|way out)\\b(?! (?:from|out of|strategy|at|for (?:the|this|my|when))\\b)",
      "\\b(?:tonight'?s|today'?s|tonight is|today is|this is) my (?:last|final) (?:night|day)\\b(?= *(?:[.!,;]|$|alive|on (?:earth|this earth|this planet)|ever|[\\uD83C-\\uD83E]))",
      '\\b(?:goodbye|final) (?:note|letters?)\\b(?! to (?:my|their|your|the|our) (?:addiction|drugs?|using|disease|dope|heroin|old))',
      '\\bthis (?:is|will be) (?:my )?(?:last|final) (?:post|message|night|day)\\b(?= *(?:[.!,;]|$|ever|alive|on (?:earth|this earth)|[\\uD83C-\\uD83E]))',
    ]),
  ],
  [
    'hopelessness',
    rx([
      "\\bcan'?t (?:do|take|handle|deal with|stand|bear|live like|keep doing|fight) (?:this|it|life|this life|this shit|the pain|much more)? ?(?:any ?more|any longer|no more)\\b",
      "\\bcan'?t (?:go on|keep going|keep living|keep fighting)\\b|\\bcan'?t any ?more\\b|\\bcan'?t keep doing this\\b(?= *(?:[.!,;]|$))",
      '\\b(?:scared|afraid|frightened) of (?:my ?self|what i (?:might|could|will|would) do)\\b',
      "\\bcan'?t do this\\b(?= *(?:[.!?,]|$))",
      "\\b(?:what'?s|whats|what is) (?:even )?the point\\b(?= *(?:[.!?,;]|$|any ?more|of (?:anything|living|trying|it all|any of this|going on|life|even|staying|being|getting|recovery|fighting|this|me)|in (?:anything|living|trying)|lol|tbh|honestly|really|though))",
      '\\bno point (?:in (?:living|trying|going on|anything|any of this)|any ?more|to (?:any|living|life))\\b',
      '\\bpointless\\b',
      '\\b(?:giving|give|gave) up(?= *(?:[.!?,;]|$|on (?:life|everything|myself|recovery|it all|living|trying|me|this|hope)|any ?more|now|lol|tbh|honestly))',
      '\\b(?:hopeless(?:ness)?(?! (?:romantic|cook|at|with|case at|when it comes))|no hope|lost (?:all )?hope|no way out|no future)\\b',
      '\\bnothing (?:left|matters)\\b(?! (?:to (?:lose|say|use|sell|do)|in (?:the|my) (?:fridge|bag|bank|account)))',
      '\\b(?:so )?tired of (?:living|life|being alive|everything|fighting|it all|trying|existing|waking up|this life)\\b(?! (?:sick|dope ?sick|hungover|in (?:withdrawal|jail|a cell|the shelter)|on (?:the street|the floor)|feeling sick|broke|to (?:an? )?(?:empty|quiet)))',
      '\\bdone with (?:life|living|everything|it all|this life)\\b',
      '\\bwant (?:it|everything|the pain|this pain|this|all of this|it all) to (?:stop|end|be over)\\b',
      '\\b(?:want|wanna|wish i could) (?:to )?(?:just )?(?:disappear|vanish|sleep forever|go to sleep forever|fall asleep and not)\\b',
      "\\b(?:i'?m|im|i am|feel like|feel|feeling) (?:such |just |so |really |completely |totally |utterly )?(?:a )?(?:burden|worthless|useless|a waste of (?:space|air|life)|a failure at everything)\\b",
      "\\bcan'?t (?:take|handle|do) (?:much|any) (?:more|longer)\\b",
      '\\bhate (?:my life|being alive|waking up)\\b',
      '\\b(?:no ?one|nobody) (?:cares|would care)\\b',
      "\\b(?:don'?t|dont|can'?t|cant) see (?:a|any|the) (?:way out|way forward|point|future|reason to)\\b",
      '\\bwhy (?:do )?i (?:even )?bother\\b|\\bwhy bother\\b',
      '\\b(?:a|such a|being a|the|just a) burden\\b',
      "\\b(?:i'?m|im|i am) (?:so )?done\\b(?= *(?:[.!]|$| with (?:this|it all|everything|life|living|trying)\\b))",
      '\\b(?:picture|picturing|imagine|imagining|planning|plan) my (?:own )?funeral\\b',
      "\\blife(?:'?s| is) (?:just )?(?:too much|too hard|unbearable)\\b|\\b(?:don'?t|dont) care (?:what happens|if i live|whether i live|any ?more)\\b(?= *(?:[.!,]|$|to me|tonight))|\\bsleep for good\\b",
      '\\bend of my rope\\b|\\b(?:at|reached|hit) my breaking point\\b',
      '\\b(?:no ?one|nobody) would (?:even )?(?:come to|show up (?:to|at)|care about) my (?:funeral|death)\\b',
      "\\b(?:don'?t|dont|do not|doesn'?t|does not) (?:even )?care (?:if|whether) i live or die\\b",
      '\\bnothing (?:will|is going to|is gonna|is ever going to) (?:ever )?(?:get|be) better\\b|\\bwill never get better\\b',
      '\\bfeel(?:ing)? (?:so )?(?:empty|dead inside)\\b',
      '\\b(?:dark thoughts|dark place)\\b',
      "\\b(?:know|with|wonder\\w*|question\\w*|idea|understand) why i'?m (?:even |still )?(?:here|alive)\\b|\\bwhy (?:i'?m|am i) still (?:here|alive)\\b",
      '\\b(?:meaningless|no purpose|no meaning)\\b',
      '\\b(?:losing|lose) (?:all )?hope\\b',
      '\\bya no (?:puedo m[aá]s|aguanto)\\b|\\bno (?:tiene|hay) sentido\\b|\\bsin esperanza\\b|\\bsoy una carga\\b',
      '\\bhow (?:much )?longer i can (?:keep going|do this|hold on|take (?:it|this))\\b',
      "\\b(?:feel|feeling) like dying\\b|\\bdon'?t want to feel anything any ?more\\b",
      `\\bslowly killing ${SELF}|\\bkilling ${SELF} slowly\\b`,
      '\\b(?:think|thinking|thought|thoughts|fantasi[sz]e|fantasi[sz]ing|dream|dreaming) (?:about|of) (?:just )?(?:death|dying|not waking up|being dead|not being here)\\b',
    ]),
  ],
  [
    'overdose_event',
    rx([
      "\\b(?:overdosed|od'?d|oded|(?:had|survived|nearly died from|almost died from) an? (?:overdose|od)|got narcanned|was narcanned|narcanned (?:me|him|her|them))\\b(?! (?:dream|nightmare|scare|drill|training))",
    ]),
  ],
  [
    'farewell',
    rx([
      "\\b(?:good ?bye|bye|farewell) (?:everyone|every1|all|y'?all|guys|friends|fam|kindred|everybody)\\b",
      '\\b(?:good ?bye|farewell)\\b',
      "\\bi love (?:you all|y'?all|you guys|all of you|everyone|u all)\\b",
      "\\b(?:thank you|thanks|ty) (?:all |guys )?for (?:everything|trying|being there|all you(?:'ve| have) done)\\b",
      "\\bdon'?t worry about me any ?more\\b",
      '\\bwanted to say (?:thank you|thanks|goodbye|bye|sorry|i love)',
      "\\bi'?m (?:so )?sorry\\b(?=[ .!]*$)",
      `\\b(?:i'?m sorry|sorry|i love you),? ${RELATIVES}\\b|\\bi love you\\b(?=[ .!]*$)`,
      "\\b(?:i'?m|im|i am) (?:so )?sorry for everything\\b|\\b(?:i'?m|im|i am) sorry i (?:couldn'?t|wasn'?t|didn'?t|failed|let you)\\b",
      '\\bthis is (?:it|the end) for me\\b|\\bthis is the end\\b(?= *(?:[.!]|$))',
      '\\b(?:take care of (?:each other|yourselves|yourself)|look after each other)\\b(?= *(?:[.!,]|$|for me|[\\uD83C-\\uD83E]))',
      // Speaks to those left behind: "she'll understand someday".
      "\\b(?:she'?ll|he'?ll|they'?ll|you'?ll|you all will|everyone will) understand (?:someday|one day|eventually|why)\\b",
      "\\byou (?:were|guys were|all were|have been|'ve been) the only (?:ones?|people|family|friends|thing)\\b",
      "\\b(?:it'?s|its) been (?:an honou?r|real|a good run)\\b",
      '\\badi[oó]s a todos\\b|\\bgracias por todo\\b|\\blos quiero (?:a todos|mucho)\\b|\\bperd[oó]n(?:enme)? por todo\\b',
    ]),
  ],
  [
    'parting',
    rx([
      `\\btake care of my (?:${RELATIVES}|dog|cat)\\b(?! (?:while|when|during|for (?:a|the|\\d)|until|till|if|this|next|tomorrow|tonight))`,
      "\\bsee (?:you|ya|y'?all|u)(?: all| guys)? (?:on the other side|in another life)\\b(?! of)",
      "\\b(?:won'?t|will not|wont) (?:see|hear from) me again\\b",
      "\\b(?:won'?t|will not|wont|not going to|not gonna|never) (?:be )?(?:post(?:ing)?|writ(?:e|ing)|log(?:ging)? on|be back|coming back|com(?:e|ing) back here|bother(?:ing)? (?:you|anyone)) (?:here )?(?:again|any ?more)\\b(?! (?:until|till|for|unless|if|when|after))",
      '\\b(?:please )?(?:feed|walk|look after|take care of|find a home for|rehome) (?:my|the) (?:dog|dogs|cat|cats|pets?|puppy|kitten|fish|bird)\\b(?= *(?:[.!,]|$|for me|when|please))',
      '\\bmy (?:last|final) (?:post|message|words)\\b(?! (?:got|was|about|on|in|before|for|until))',
      '\\b(?:gave|giving|give) (?:away )?my (?:dog|cat|pets?|stuff|things|belongings)(?: away| to (?:my |a |the )?\\w+)\\b|\\b(?:gave|giving) away my (?:dog|cat|stuff|things|belongings)\\b',
      '\\b(?:said|saying|say) my goodbyes\\b|\\bplease forgive me\\b',
    ]),
  ],
  [
    'plan',
    rx([
      "\\b(?:bought|got|have|found|holding|grabbed|took|loaded) (?:a|the|my|his|her|my \\w+'s) (?:rope|gun|pistol|razor|blade)s?\\b",
      '\\b(?:the|my) (?:pills|gun|rope) (?:are|is) (?:ready|here|lined up)\\b|\\bpills (?:are )?(?:counted|lined up|laid out|ready)\\b',
      '\\b(?:work up|working up|get up|build up|find) the (?:nerve|courage)\\b',
      "\\b(?:made up my mind|my mind is made up|going to do it|gonna do it|doing it tonight|(?:finally|tonight i'?ll|tonight i will|time to) (?:do it|go through with it)|(?:night|day|time) to (?:finally )?do it)\\b",
      "\\b(?:sav(?:ed|ing)|stockpil\\w*|hoard(?:ed|ing)|collect(?:ed|ing)|stash(?:ed|ing)) (?:up )?(?:all )?(?:(?:my|of my|some|the|her|his|my \\w+'s|\\w+'s) )?(?:\\w+ )?(?:pills|meds|doses|scripts?|methadone|subs|bars|oxys?|take ?homes|tablets)\\b",
      '\\b(?:pills|meds|doses|oxys?|bars|subs|methadone|take ?homes) (?:saved|stashed|stockpiled)\\b',
      '\\benough (?:pills|dope|fent|heroin|fetty) (?:to|for)\\b',
      '\\b(?:made|have|got) a plan\\b',
      '\\b(?:tengo|ya tengo) (?:todo listo|un plan|las pastillas|la soga|la pistola)\\b|\\besta noche\\b(?=[^.!?]{0,20}$)',
      '\\bfigured out (?:how|when)\\b',
      "\\bwhen (?:everyone|the kids|my (?:wife|husband|mom|family|roommate)|they)(?:'s| is| are|'re) (?:asleep|gone|at work)\\b",
      `\\b(?:wrote|written|writing|left) (?:(?:a|my|the) (?:note|letters?)\\b|(?:notes|letters) (?:to|for) (?:my|everyone|all of you|the people i love|each of))`,
      '\\bknow where (?:\\w+ ){0,3}(?:keeps?|hides?|stores?|has) (?:\\w+ ){0,2}(?:pills|gun|meds|rope)\\b',
      "\\b(?:i'?m|im|i am) (?:at|on) the (?:bridge|tracks|roof|edge|overpass|cliff|ledge)\\b",
      "\\b(?:i'?m|im|i am) at peace (?:now|finally|at last)\\b|\\bwhen i (?:decide|choose|am ready|'m ready|finally decide) to (?:go|do it|end it|leave)\\b|\\b(?:nobody|no one|no1) (?:is|'s) (?:home|here|around)\\b(?= *(?:[.!,]|$|tonight|to stop))|\\b(?:hid|hidden|hiding|stashed|saved|kept) (?:a|my|some|the) (?:stash|bag|bottle|supply)\\b",
      "\\bi'?ve decided\\b(?= *(?:[.!]|$))|\\bi know (?:what|exactly what) i'?m (?:going to|gonna) do(?: with it)?\\b(?= *(?:[.!,]|$|with it))",
      "\\b(?:i'?m|im|i am) (?:taking|doing|using|shooting|swallowing) (?:them|it|those|these|all of (?:it|them)|it all)\\b,? (?:tonight|today|right now|now)\\b",
      '\\b(?:pills|meds|oxys?|percs|bars|xanax|tablets|klonopin|benzos|blues) (?:are |all )?(?:lined up|counted(?: out)?|laid out|ready|sorted out|in a pile)\\b',
      '\\b(?:pills|fent|dope|xanax|bars|meds) (?:and|\\+|with) (?:a fifth|vodka|whiskey|alcohol|booze|liquor|a bottle)\\b',
      '\\b(?:bought|copped|got|have|holding|sitting (?:here |in my car )?with) (?:a|the|some) (?:bag|bundle|bottle of (?:\\w+ )?(?:pills|tablets|meds))\\b',
      '\\bmy affairs in order\\b',
      '\\b(?:decided|ready|time for me) to go\\b(?! to| back| home| out| for| get)',
      // Intent, a means named by a pronoun and a time: "going to take them after my wife falls asleep".
      `\\b${INTENT} (?:just )?${TAKE} (?:them|it|those|these|all of them|them all|it all)\\b,? ${WHEN}`,
      "(?:^|[.!?]\\s*)(?:it'?s|its) time\\b(?= *(?:[.!]|$))",
      "\\b(?:tonight|today) (?:'s|is) the (?:night|day)\\b(?= *(?:[.!]|$))|\\btonight'?s the night\\b|\\bmade (?:my )?peace with (?:it|dying|death|leaving|going)\\b",
      "\\b(?:at peace with|made|making) (?:it|this|my decision|the decision|dying|death)\\b(?= *(?:[.!,]|$|and))|\\b(?:i'?ve|i have) (?:made|reached) (?:my|a|the) (?:decision|choice)\\b(?= *(?:[.!,]|$|and i'?m at peace))",
      "\\b(?:don'?t|do not|dont|please don'?t) (?:try to|try and|bother trying to) (?:stop|save|talk me out of|find|call) (?:me|it|this)\\b",
      '\\b(?:wrote|written|writing|made|updated|finished) (?:my|a) (?:will|last will)\\b|\\b(?:picked|chose|set|have|got) (?:a|the) (?:date|day)\\b(?= *(?:[.!,]|$|for it))|\\b(?:nobody|no one|nothing) (?:is going to|is gonna|can|will) stop me (?:this time|now)\\b',
      "\\b(?:i'?m|im|i am) checking out\\b(?= *(?:[.!]|$))|\\b(?:then|and then|and) (?:i'?m|im|i'?ll be) gone\\b(?= *(?:[.!,]|$|for good|forever))",
      '\\bthe (?:dog|dogs|cat|cats) needs? (?:feeding|to be fed|walking|a home)\\b|(?<=\\bplan )and a (?:date|time|way)\\b',
      '\\b(?:spare key|passwords?|my will|life insurance|insurance polic\\w*|bank (?:details|info|pin)) (?:is|are) (?:in|under|on|at)\\b',
      '\\b(?:i )?mean it this time\\b|\\b(?:not|no longer) (?:scared|afraid) (?:any ?more|of (?:dying|death|it))\\b',
      '\\b(?:got|have|get|took|pulled|laid|lined) (?:the|a|my|all the) (?:razor|blade|rope|belt|gun|pistol|pills|knife|noose) (?:out|ready|loaded|tied|up)\\b',
      '\\b(?:got|have|has) (?:the|my|a|all (?:the|my)) (?:pills|meds|rope|gun|pistol|razor|blades?|noose) (?:counted(?: out)?|lined up|laid out|ready|loaded|tied)\\b',
      '\\b(?:(?:lie|lay|walk|step|stand|go) (?:down )?(?:onto|on to|on|in front of|into) (?:the )?(?:tracks|train|traffic|highway|freeway))\\b|\\bwalk onto them\\b',
      '\\b(?:engine|car) (?:running|on) in (?:the|my) (?:closed |shut )?garage\\b|\\b(?:charcoal|exhaust) (?:in|into) (?:the|my) (?:car|room|tent)\\b',
      '\\b(?:and|to) be done with (?:it|it all|everything|this|life)\\b(?= *(?:[.!,]|$))',
    ]),
  ],
  [
    'means',
    rx([
      "\\b(?:i'?m|im|i am|sitting|standing|here) (?:\\w+ ){0,4}with (?:a|the|my) (?:razor|blade|rope|gun|knife|noose)\\b",
      '\\b(?:looking|staring|stare|look) at (?:the|a|my) (?:bottle of pills|pills|gun|rope|razor|blade|noose|train tracks|tracks|bridge|edge|ledge)\\b',
      '\\b(?:gun|pistol|rope|noose|razor|blade|knife|pills|bottle of (?:\\w+ )?pills) (?:is |are |sitting |lying )?(?:in my (?:lap|hand|hands|mouth)|in front of me|next to me|beside me)\\b',
      "\\b(?:i'?m|im|i am|standing|sitting) (?:standing |sitting )?(?:on|at|over) (?:the|a|this) (?:edge of the |top of the )?(?:bridge railing|railing|ledge|edge|roof edge|tracks|train tracks|cliff edge|overpass)\\b(?= *(?:[.!,]|$|right now|now|rn|again|looking|and))",
    ]),
  ],
  ['emoji', /\u{1FAA6}|\u26B0\uFE0F?|\u{1F52A}|\u{1FA78}|\u{1FAA2}|\u{1F52B}|\u2620\uFE0F?/gu],
];

const JOKE =
  /\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe|jk|j\/k|kidding|joking)\b|\u{1F602}|\u{1F923}|\u{1F606}|\u{1F480}|\/s\b/iu;
const WITHDRAWAL =
  /\b(?:withdrawals?|withdrawl|withdrawing|w\/?d|wds|dope ?sick|detox(?:ing)?|kicking|the sickness|precipitated|precip|restless legs|rls|the flu)\b/i;
const SAFETY =
  /\b(?:(?:i'?m|im|i am) (?:safe|ok(?:ay)? now|not in danger)|(?:won'?t|will not|wouldn'?t|never|not going to|not gonna) act on|no (?:plan|plans|intent|intention)\b|safety plan|(?:called|texted|calling|texting|talked to|talking to|told|telling|going to|seeing|see) (?:988|the (?:crisis|hotline|lifeline)|my (?:therapist|counsel?or|sponsor|doctor|psych\w*|nurse|case ?worker)))/i;
// "signs of suicide", "asked if I have thoughts of suicide": talk about suicide, not a wish.
const ABOUT =
  /\b(?:signs|risk|rates?|prevention|awareness|article|stats|statistics|research|epidemic|talk(?:ed|ing|s)? about|topic of)\s+(?:of |for |about )?$|\b(?:asked|asks|ask|asking|screen(?:ed|ing)?|questionnaire)\b(?: \w+){0,3} (?:if|whether|about)\b/i;
// "Suicide is not the answer": a statement about suicide, not the writer's intent.
const GENERIC_PREDICATE =
  /^\s+(?:is|isn'?t|can|can'?t|doesn'?t|won'?t|never|affects|rates|kills|takes|prevention|awareness)\b/i;
// "suicide is the only answer left for me": the writer's own way out, not a statement about suicide.
const ONLY_WAY =
  /^\s+(?:is|seems|feels like|looks like)\s+(?:the only|my only|my|looking (?:good|better)|sounding (?:good|better)|the (?:answer|way out|best option))\b/i;
const LOSS = /\b(?:died by|death by|lost (?:my|a|our|her|his|their) \w+(?: \w+)? to|committed)\s*$/i;
// A question about the signs of an overdose, not one happening ("he's showing signs" still counts).
const SIGNS =
  /\b(?:what|which|how)\b[^.!?]{0,30}\b(?<!showing |shows |has |having )(?:signs?|symptoms?)\b|\bhow (?:can|do|would) (?:you|i|we|people) (?:tell|know) (?:if|when|that)\b/i;
// An emergency that is already over: "found him unresponsive last night, narcan brought him back".
const RESOLVED =
  /\b(?:was|were|last night|yesterday|earlier|once|brought (?:him|her|them|me) back|revived|came to|came back|woke up|survived|saved|is ok(?:ay)?|is fine|in the hospital|in the er)\b/i;

interface Cue extends Span {
  kind: CueKind;
  weight: number;
}

// Enough to judge any real post; a text repeating one phrase a hundred times adds nothing.
const MAX_CUES_PER_RULE = 16;

/** Reads a text for crisis: suicidal intent, self-harm, an overdose under way or planned, goodbyes. */
export function detectCrisis(text: string): CrisisResult {
  const norm = normalize(text);
  const cues = findCues(norm, text).filter((c) => c.weight > 0);
  const ruled = combine(cues, norm);
  // The scoring layer (crisis-score.ts) reads feature families; the higher of the two levels wins.
  const scored = ruled === 'urgent' ? undefined : scoreCrisis(norm, text, SAFETY.test(norm));
  const level = scored && RANK[scored.level] > RANK[ruled] ? scored.level : ruled;
  const spans =
    level === 'none'
      ? []
      : cues
          .map(({ start, end, kind, text }): Span => ({ start, end, kind, text }))
          .concat(level === ruled ? [] : scored!.spans);
  return { level, spans };
}

const RANK: Record<CrisisLevel, number> = { none: 0, concern: 1, urgent: 2 };

function findCues(norm: string, text: string): Cue[] {
  const safety = SAFETY.test(norm);
  const cues: Cue[] = [];
  for (const [kind, re] of RULES) {
    for (const s of spansOf(re, norm, kind, text, MAX_CUES_PER_RULE)) {
      const ctx = contextOf(norm, s.start, s.end);
      cues.push({ ...s, kind, weight: weigh(kind, norm.slice(s.start, s.end), ctx, safety) });
    }
  }
  return cues;
}

// Farewells speak to the reader ("thank you", "see you"): their "you" is not their subject.
const ADDRESSES_READER: ReadonlySet<CueKind> = new Set(['farewell', 'parting', 'goodbye']);

function personOf(kind: CueKind, cue: string, ctx: CueContext): Person {
  if (isReported(ctx.sentenceBefore) || LOSS.test(ctx.sentenceBefore)) return 'third';
  const own = ADDRESSES_READER.has(kind) ? undefined : personInCue(cue);
  return own ?? lastSubject(ctx.sentenceBefore)?.person ?? 'first';
}

/** The cue's weight after reading its surroundings: negation, person, tense, jokes, safety. */
function weigh(kind: CueKind, cue: string, ctx: CueContext, safety: boolean): number {
  if (kind === 'emoji') return weighEmoji(ctx.sentence);
  if (isNegated(ctx.clauseBefore, ctx.after)) return 0;
  if (!cue.includes(' ') && GENERIC_PREDICATE.test(ctx.after) && !ONLY_WAY.test(ctx.after)) return 0;
  const person = personOf(kind, cue, ctx);
  // Talk about suicide as a topic is none, unless someone keeps bringing it up about themselves.
  if (ABOUT.test(ctx.sentenceBefore)) return person === 'third' ? CONCERN : 0;
  if (person === 'second' && !ADDRESSES_READER.has(kind)) return 0;
  // Dying of old age, in one's sleep at 100: a wish for a long life, not for death.
  if ((kind === 'death_wish' || kind === 'suicidal') && NATURAL_DEATH.test(ctx.sentence)) return 0;
  if (person !== 'first' && isConditional(ctx.clauseBefore)) return 0;
  // "What are the signs that someone is overdosing?" asks to learn; none, like talk about suicide.
  if (kind === 'emergency' && SIGNS.test(ctx.sentence)) return 0;
  if (kind === 'emergency') return weighEmergency(ctx.sentence);
  if (kind === 'means' && ARMED.test(cue)) {
    if (NOT_HARM.test(ctx.sentence)) return 0;
    if (!hasPastForm(ctx.clauseBefore + cue)) return person === 'first' && !JOKE.test(ctx.sentence) ? URGENT : CONCERN;
  }
  if (kind === 'overdose_event') return isRecentEvent(ctx.sentence) && !isDistantPast(ctx.sentence) ? CONCERN : 0;
  let w = BASE[kind];
  if (person === 'third') w = lower(w);
  const clause = ctx.clauseBefore + cue + ctx.clauseAfter;
  if (isDistantPast(clause)) w = lower(w);
  else if (tellsPast(kind, ctx.clauseBefore + cue) && !isRecent(ctx.sentence)) w = Math.min(w, CONCERN);
  // A joke about a hypothetical ("if I have to sit through one more meeting I'll kill myself lol").
  if (JOKE.test(ctx.sentence)) w = isConditional(ctx.sentenceBefore) ? 0 : lower(w);
  if (safety && (kind === 'suicidal' || kind === 'death_wish')) w = Math.min(w, CONCERN);
  if (kind === 'death_wish' && WITHDRAWAL.test(ctx.sentence)) w = Math.min(w, CONCERN);
  return w;
}

// A grave emoji next to a time or a compulsion ("🔪 again tonight", "⚰️ soon") says more than alone.
const EMOJI_CONTEXT = /\b(?:again|tonight|soon|now|can'?t stop|ready|bye|goodbye|done)\b/i;

function weighEmoji(sentence: string): number {
  if (JOKE.test(sentence)) return 0;
  return EMOJI_CONTEXT.test(sentence) ? CONCERN : SUPPORTING;
}

/** An overdose under way is urgent whoever it is about; one already over is a concern, or history. */
function weighEmergency(sentence: string): number {
  if (isDistantPast(sentence) || /\bonce\b/i.test(sentence)) return 0;
  return RESOLVED.test(sentence) ? CONCERN : URGENT;
}

const NATURAL_DEATH =
  /\b(?:of old age|of natural causes|(?:at|when i'?m|when i am) (?:a hundred|\d{2,3})(?: years old)?|years old|old and gr[ae]y|surrounded by (?:my )?(?:family|grandkids|grandchildren|loved ones))\b/i;

// Sitting with a blade or a rope now is a means at hand; staring at one is a concern.
const ARMED = /^(?:i'?m|im|i am|sitting|standing|here)\b/i;
const NOT_HARM =
  /\b(?:cook\w*|kitchen|chop\w*|slic\w*|onions?|veg\w*|dinner|lunch|shav\w*|work|job|hunt\w*|fish\w*|camp\w*|carv\w*|whittl\w*|range|class|lesson|practice|craft\w*)\b/i;

// A farewell that expects to come back or marks a milestone: "see you next week", "100 days today".
const RETURNING =
  /\b(?:see (?:you|ya|u|y'?all)\b(?! (?:on the other side|in another life|in heaven))|back (?:in|next|soon|on|after)|be back|taking a (?:break|step back)|break from|vacation|holiday|moving|new (?:job|city|place)|next (?:week|month|year|time)|\d+ (?:days?|weeks?|months?|years?)|chip|anniversary|birthday|celebrat\w*|congrat\w*|graduat\w*|proud|milestone|clean date|sober date|off to|heading (?:to|out|off)|leaving for|rehab|detox|treatment|inpatient|sober living|halfway house|deploy\w*)\b/i;

// An overdose this week is still news; one from years ago is a recovery story.
const THIS_WEEK =
  /\b(?:on|this|last) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|week)\b|\b(?:\d+|a few|a couple|couple|two|three|four|five) (?:days|nights) ago\b/i;

function isRecentEvent(sentence: string): boolean {
  return isRecent(sentence) || THIS_WEEK.test(sentence);
}

/** An overdose cue is past tense by nature ("took everything"); only distance makes it history. */
function tellsPast(kind: CueKind, clause: string): boolean {
  return kind !== 'overdose' && hasPastForm(clause);
}

/** One step down: urgent → concern → nothing; supporting cues simply drop. */
function lower(w: number): number {
  return w >= URGENT ? CONCERN : 0;
}

/**
 * Supporting cues escalate: hopelessness with a plan, a parting or a grave emoji is urgent, and so
 * is a parting ("take care of my dog") next to a farewell, a plan or an emoji.
 */
function combine(cues: Cue[], text: string): CrisisLevel {
  if (cues.some((c) => c.weight >= URGENT)) return 'urgent';
  // Two different grave emoji with a time or compulsion ("🔪🩸 again tonight").
  const emoji = cues.filter((c) => c.kind === 'emoji');
  if (emoji.some((c) => c.weight >= CONCERN) && new Set(emoji.map((c) => c.text)).size >= 2) return 'urgent';
  const supporting = cues.filter((c) => c.weight === SUPPORTING || c.kind === 'emoji');
  const kinds = new Set(supporting.map((c) => c.kind));
  const hopeless = cues.some((c) => c.kind === 'hopelessness' || c.kind === 'means');
  const plans = new Set(supporting.filter((c) => c.kind === 'plan').map((c) => c.text.toLowerCase()));
  if (hopeless && (kinds.has('plan') || kinds.has('parting') || kinds.has('emoji') || kinds.has('farewell'))) {
    return 'urgent';
  }
  if (kinds.has('parting') && supporting.length >= 2) return 'urgent';
  if (kinds.has('farewell') && (kinds.has('plan') || kinds.has('emoji'))) return 'urgent';
  // Two different farewells ("goodbye everyone … you were the only ones who tried") with nothing that
  // says the writer is coming back or celebrating.
  const farewells = new Set(supporting.filter((c) => c.kind === 'farewell').map((c) => c.text.toLowerCase()));
  if (farewells.size >= 2 && !RETURNING.test(text)) return 'urgent';
  if (plans.size >= 2) return 'urgent';
  if (cues.some((c) => c.weight >= CONCERN) || kinds.has('parting')) return 'concern';
  if (kinds.size >= 2) return 'concern';
  return 'none';
}
