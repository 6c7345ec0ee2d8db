import { isPublicNumber } from './helplines.js';
import { dedupe, normalize, span, spansOf } from './text.js';
import type { PersonalInfoKind, PersonalInfoResult, Span } from './types.js';

// US numbers: optional +1, area code with or without brackets, 3 + 4 digits. Not inside a longer
// run of digits or letters, so dates, doses, ids and wallet addresses stay out.
const US_PHONE = /(?<![\w+$./-])(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-]?)\d{3}[ .-]?\d{4}(?![\w/-])/g;
// International: a leading + and 8 to 15 digits in small groups.
const INTL_PHONE = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){1,6}(?![\w])/g;
// Seven-digit local numbers only count right after a word that says "this is a number".
const LOCAL_PHONE =
  /\b(?:call|text|txt|number|num|cell|phone|reach me at|hit me at|hmu at|my line)\b[^\d\n]{0,12}(\d{3}[ .-]\d{4})(?![\w/-])/dgi;

// National formats with a trunk 0 (UK 07700 900123), only right after a word that names a number.
const TRUNK_PHONE =
  /\b(?:call|text|txt|ring|phone|number|num|cell|mobile|whatsapp|signal|reach me)\b[^\d\n]{0,15}(0\d{2,4}[ .-]?\d{3,4}[ .-]?\d{3,4})(?![\w/-])/dgi;

// A number right after a word that says it is one, in any national format: "whatsapp me 919876543210",
// "my cell: 0049 151 2345 6789". Digits are counted afterwards (8 to 15).
const CONTEXT_PHONE =
  /\b(?:call|text|txt|ring|phone|(?<!\b(?:case|account|acct|order|id|meeting|reference|ref|tracking|policy|confirmation|member|badge|room|serial|claim|invoice|license|licence|routing|card|file|patient|chart|docket|inmate|booking) )(?:number|num)|cell|mobile|whatsapp|whats app|whats|wsp|wpp|signal|viber|reach me|my #|ll[aá]mame|m[aá]rcame|cel(?:ular)?|tel(?:[eé]fono)?|(?:mi|su) n[uú]mero)\b[^\d\n+]{0,15}(\+?\d[\d .()-]{6,20}\d)(?![\w/-])/dgi;
// International numbers dialled with 00 instead of +: "0044 7700 900123".
const DOUBLE_ZERO_PHONE = /(?<![\w+./-])00[1-9]\d{0,2}(?:[ .-]?\(?\d{1,5}\)?){2,6}(?![\w/-])/g;

// An address starts where a run of address characters starts, never inside one: started at every
// \b of 'a.a.a.…' the local part was read again from each dot (quadratic). Parts are bounded (RFC 5321).
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b/g;
const OBFUSCATED_EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{2,64}(?: (?:dot|underscore|dash) [A-Za-z0-9._%+-]{1,64}){0,3}\s*(?:\(at\)|\[at\]|\{at\}| at | @ )\s*(?:gmail|yahoo|hotmail|outlook|icloud|aol|proton(?:mail)?|live|msn|me|[a-z0-9-]{2,30})\s*(?:\.|\(dot\)|\[dot\]|\{dot\}| dot | \. )\s*(?:com|net|org|me|co|edu|io|us|uk|ca|de|fr|au)\b/gi;
// "jane.doe at gmail", "kels_r at protonmail": a big mail provider named is enough without the ".com".
const PROVIDER_EMAIL =
  /(?<![A-Za-z0-9._%+-])(?!(?:me|you|him|her|them|us|it|one|work|home|school|email|mail|contact|reach|write|here|there|is|was|person|someone|anyone)\b)[A-Za-z0-9._%+-]{3,64}\s*(?:\(at\)|\[at\]| at | @ )\s*(?:gmail|yahoo|hotmail|outlook|icloud|proton(?:mail)?)\b(?![ .]*(?:com|net|support|app|account|inbox|is|was|and|or)\b)/gi;

const PROFILE_HOSTS =
  'instagram\\.com|facebook\\.com|fb\\.com|fb\\.me|m\\.me|tiktok\\.com\\/@|twitter\\.com|x\\.com|snapchat\\.com\\/add|t\\.me|telegram\\.me|linkedin\\.com\\/in|threads\\.net\\/@|youtube\\.com\\/@|reddit\\.com\\/u(?:ser)?|wa\\.me|venmo\\.com|cash\\.app\\/\\$?|onlyfans\\.com';
// Pages on those sites that are not a person: posts, groups, help.
const NOT_A_PROFILE =
  /^(?:p|reel|reels|explore|groups|events|help|watch|share|hashtag|search|policies|legal|about|privacy|login|home|intent)$/i;
const PROFILE_URL = new RegExp(
  `(?<![\\w.@-])(?:https?:\\/\\/)?(?:www\\.|m\\.|mobile\\.)?(?:${PROFILE_HOSTS})\\/?([A-Za-z0-9_.@-]+)`,
  'gi',
);

const PLATFORMS =
  'snap(?:chat)?|sc|ig|insta(?:gram)?|tik ?tok|tt|twitter|telegram|tg|tele|wickr(?: me)?|signal|whats ?app|wa|kik|discord|fb|facebook|threads|session|threema|wire|reddit|venmo|cash ?app';
const HANDLE_VALUE = '(@?[A-Za-z0-9_][A-Za-z0-9_.-]{1,29})';
// "my snap is x", "her insta's x": a possessive says the value is someone's account, so "is" is
// enough; "instagram is toxic" stays out.
const POSSESSIVE_HANDLE = new RegExp(
  `\\b(?:my|his|her|our|their|(?:my|his|her) \\w+'s) (?:${PLATFORMS})\\b(?: ?(?:id|name|user(?:name)?|handle|acct|account|@))?(?:'s| is| =| :|:| -| ->| its| it's) ?${HANDLE_VALUE}`,
  'dgi',
);
// "ig: x", "tg @x", "snapchat -> x": a colon or arrow after the platform name.
const LABELLED_HANDLE = new RegExp(
  `\\b(?:${PLATFORMS})\\b(?: ?(?:id|name|user(?:name)?|handle))? ?(?::|=|->|[\u2192\u279c\u27a1\u2794]| - | \u2013 |@|\\bme at\\b|\\bme ?@|\\bme:)\\s*${HANDLE_VALUE}`,
  'dgi',
);
// "cashapp $jessc", "venmo @jess-c": a payment handle names its owner.
const PAYMENT_HANDLE = /\b(?:cash ?app|venmo|paypal|zelle)(?: me)?:? ?([@$][A-Za-z][A-Za-z0-9_.-]{1,29})/dgi;
const ADD_ME_HANDLE = new RegExp(
  `\\b(?:add|find|follow|hit|message|msg|dm|text|hmu|reach|contact|catch)(?: me| us)? (?:on|at|via|@) (?:${PLATFORMS})\\b(?:,? (?:its|it's|it is|is|as|under))?\\s*[:@-]?\\s*${HANDLE_VALUE}`,
  'dgi',
);
// A handle after a platform with no label at all ("snap me jayyy.2x", "snap jaydee_real"): only a token
// that looks like a username (a digit, dot or underscore inside) counts, so "snap me tonight" stays out.
const BARE_HANDLE = new RegExp(
  `\\b(?:${PLATFORMS})\\b(?: me)?(?: at| on| @| is| =|:| -)? (@?(?=[A-Za-z0-9_.-]*[0-9_.][A-Za-z0-9_.-]*\\b)[A-Za-z][A-Za-z0-9_.-]{2,29})`,
  'dgi',
);
// Discord tags: "nightowl#4412".
const DISCORD_TAG = /(?<![\w#.])[A-Za-z0-9_.]{2,32}#\d{4}\b/g;
// "I'm on discord as frostbyte_99", "reach me on telegram, username is dan_88".
const ON_PLATFORM_AS = new RegExp(
  `\\b(?:on|via|at) (?:${PLATFORMS})\\b,? (?:as|under|it'?s|its|(?:my )?(?:user ?name|handle|id|name|tag)(?: is|:| =)?) ?${HANDLE_VALUE}`,
  'dgi',
);
const AT_HANDLE = /(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])/g;
const REDDIT_USER = /(?<![\w/])u\/[A-Za-z0-9_-]{3,20}\b/g;
// Words that follow "my snap is" without being a handle: "my ig is private".
const NOT_A_HANDLE =
  /^@?(?:is|on|the|a|an|me|my|your|private|public|deleted|gone|down|broken|not|blocked|banned|dead|and|or|if|but|for|to|so|too|lol|app|account|acct|group|chat|call|calls|meeting|meetings|please|pls|now|only|it|that|this|off|bad|full|there|here|in|with|was|were|has|have|had|messages?|dms?|stories|story|streak|streaks|friends?|everyone|id|name)$/i;
// On-platform mentions of roles are not anyone's identity.
const ROLE_MENTION = /^@(?:mods?|moderators?|admins?|everyone|here|facilitators?|staff|team|kindred|all)$/i;

// The USPS street suffixes (a generated-address probe found 36 % caught with the short list). Those
// that are everyday words too ("100 percent well") count only capitalised, after a capitalised name.
const STREET_TYPES =
  'street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|way|place|pl|terrace|ter|parkway|pkwy|circle|cir|highway|hwy|square|sq|trail|trl|alley|pike|crescent|cres|aly|branch|bridge|brook|burg|bypass|' +
  'canyon|cape|causeway|center|centre|cliff|cove|creek|crest|crossing|curve|dale|divide|estate|expressway|expy|extension|ext|ferry|ford|forest|forge|fork|freeway|fwy|garden|gardens|gateway|glen|grove|harbor|haven|heights|hts|hollow|inlet|island|isle|junction|knoll|landing|loop|manor|meadow|mews|mission|motorway|mountain|orchard|oval|overpass|passage|plaza|plz|prairie|radial|ranch|ridge|route|rte|shoal|skyway|spur|stravenue|throughway|trafficway|tunnel|turnpike|underpass|valley|viaduct|village|ville|vista';
const WORD_STREET_TYPES =
  'Camp|Chase|Close|Club|Common|Corner|Course|Dam|Fall|Falls|Field|Flat|Fort|Gate|Grange|Green|Hill|Key|Lake|Land|Light|Loaf|Lock|Lodge|Mall|Mead|Mill|Mount|Neck|Park|Pass|Path|Pine|Plain|Point|Port|Pt|Ramp|Rapid|Rest|Rise|River|Row|Rue|Run|Shore|Side|Spring|Station|Stream|Summit|Trace|Track|Union|Vale|Via|View|Walk|Wall|Well|Wells';
const ADDRESS = new RegExp(
  `\\b\\d{1,6}[A-Za-z]?((?: (?:[NSEW]\\.?|north|south|east|west))? (?:[A-Za-z0-9][A-Za-z0-9'.-]{0,30})(?: [A-Za-z][A-Za-z'.-]{0,30}){0,2}) (?:${STREET_TYPES})s?\\b\\.?(?:,? (?:apt|apartment|unit|suite|ste|#)\\.? ?#?[A-Za-z0-9-]{1,10})?`,
  'dgi',
);
const PO_BOX = /\bP\.? ?O\.? Box \d+\b/gi;
const CAPITALISED_STREET = new RegExp(
  `\\b\\d{1,6} (?:[NSEW]\\.? )?[A-Z][a-z]{1,20}(?: [A-Z][a-z]{1,20})? (?:${WORD_STREET_TYPES})s?\\b(?:,? (?:[Aa]pt|[Uu]nit|[Ss]uite|#)\\.? ?#?[A-Za-z0-9-]{1,10})?`,
  'g',
);
// Streets named without a suffix: "25917 N Broadway", "7548 Main", "359 The Chase".
const NAMED_STREET =
  /\b\d{1,6} (?:[NSEW]\.? )?(?:Broadway|Main|Parkside|Bowery|The [A-Z][a-z]{2,20})\b(?:,? (?:[Aa]pt|[Uu]nit|[Ss]uite|#)\.? ?#?[A-Za-z0-9-]{1,10})?/g;
// Words that make "3 blocks down Main St" a direction rather than an address.
const NOT_STREET_WORD =
  /^(?:blocks?|miles?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|mg|pills?|strips?|meetings?|times?|people|kids|on|in|at|to|from|the|a|an|of|and|or|down|up|off|for|with|my|your|our|his|her|their|this|that|clean|sober|since|about|around|near|by|per|each|every|more|less|than|was|were|is|are|am|i|we|you|it|doses?|bags?|grams?)$/i;

// Numbers said in words, or words and digits mixed: "six one seven five five five zero one nine two",
// "617 five five five 0192". Spanish digit words too. Counted afterwards (see isSpokenNumber).
const DIGIT_WORDS =
  'zero|oh|one|two|three|four|five|six|seven|eight|nine|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve';
const SPOKEN_NUMBER = new RegExp(
  `\\b(?:(?:${DIGIT_WORDS}|\\d{1,4})[ ,.-]{1,3}){3,14}(?:${DIGIT_WORDS}|\\d{1,4})\\b`,
  'gi',
);
const DIGIT_OF: Record<string, string> = Object.fromEntries(
  DIGIT_WORDS.split('|').map((w, i) => [w, String(i < 11 ? Math.max(0, i - 1) : i - 11)]),
);

// Crypto wallets: Bitcoin bech32 and base58, Ethereum, Monero, Tron (USDT TRC20).
const WALLET =
  /\b(?:bc1[ac-hj-np-z02-9]{25,59}|[13][a-km-zA-HJ-NP-Z1-9]{25,34}|0x[a-fA-F0-9]{40}|4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}|T(?=[0-9A-Za-z]{0,32}\d)[0-9A-Za-z]{32,33})\b/g;
// Social Security numbers: 123-45-6789 (never 000, 666 or 9xx first), or any 9 digits after "ssn".
const SSN = /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/g;
const SSN_CONTEXT =
  /\b(?:ssn|social security(?: number| no\.?| #)?|social)\b[^\d\n]{0,12}(\d{3}[ .-]?\d{2}[ .-]?\d{4})(?![\w-])/dgi;
// A licence plate after a word that says so: "my plate is 7ABC123", "tag # ABC-1234".
const PLATE =
  /\b(?:(?:license|licence|number|my|his|her|the) plates?|plate (?:number|no\.?|#)|tags?(?: number| #)?)\b[^\w\n]{0,6}(?:is |reads |was |: ?)?((?=[A-Z0-9 -]{0,8}\d)(?=[A-Z0-9 -]{0,8}[A-Z])[A-Z0-9]{2,4}[ -]?[A-Z0-9]{2,4})\b/dgi;
// A date of birth: "dob 04/12/1987", "born on March 3, 1987", "my birthday is 3/4/90".
const MONTHS =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)';
const BIRTH_DATE = new RegExp(
  `\\b(?:dob|d\\.o\\.b\\.?|date of birth|born(?: on)?|birthday(?: is)?|b-?day(?: is)?|b[- ]?day|fecha de nacimiento|nac[ií] el)\\b[: ]{0,3}((?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:19|20)?\\d{2}|${MONTHS}\\.? \\d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\\d{2}|\\d{1,2} (?:de )?${MONTHS},? (?:de )?(?:19|20)\\d{2}))\\b`,
  'dgi',
);

// "my name is First Last": two capitalised words, case-sensitive on purpose.
const NAME_WORD = "([A-Z](?:[a-z]+(?:[A-Z][a-z]+)?|'[A-Z][a-z]+)(?:-[A-Z][a-z]+)?)";
const FULL_NAME = new RegExp(
  `\\b[Mm]y (?:[a-z]+'s )?(?:real |full |legal |actual )?name(?:'s| is)\\s+${NAME_WORD}\\s+${NAME_WORD}\\b`,
  'dg',
);
// "look me up on facebook, Jordan Blake": a name offered as a way to be found.
const FIND_ME_NAME = new RegExp(
  `\\b(?:look me up|find me|add me|search (?:for )?me)(?: on (?:facebook|fb|insta\\w*|ig|linkedin|twitter|x|tiktok))?,? (?:as |under |it'?s )?${NAME_WORD}\\s+${NAME_WORD}\\b`,
  'dg',
);
const NOT_A_NAME = /^(?:And|But|Or|So|The|Not|Just|Also|Too|Here|There|Now|Today|Anonymous|Irrelevant|Unimportant)$/;
// "hi I'm Kevin O'Brien", "this is Sarah Kim": an introduction with a full name. Both words capitalised
// and neither a word that often follows "I'm" in a capitalised title ("I'm Still Here", "I'm Not Okay").
const INTRO_NAME = new RegExp(
  `(?:^|[.!?,]\\s*|\\b(?:hi|hey|hello|yo|hiya)\\b,?\\s+)(?:[Ii]'?m|[Ii] am|[Tt]his is|[Mm]y name'?s|[Nn]ame'?s|[Ii]t'?s)\\s+${NAME_WORD}\\s+${NAME_WORD}\\b(?!\\s+[A-Z])`,
  'dg',
);
const COMMON_CAPITALISED =
  /^(?:I|A|An|The|And|But|Or|So|Not|Just|Also|Too|Here|There|Now|Today|Tonight|Still|So|Really|Very|Going|Back|Done|Okay|Ok|Fine|Sorry|Clean|Sober|Grateful|Doing|Feeling|Happy|Proud|Tired|Good|Great|Better|Worse|New|Old|Home|Free|Alive|Okay|Here|In|On|At|From|With|Day|Days|Week|Weeks|Month|Months|Year|Years|One|Two|Three|Officially|Finally|Almost|Always|Never|Only|Sick|Dope|Over|Out|Up|Down|Off|Addict|Alcoholic|Recovering|Struggling|Trying|Coming|Getting|Having|Making|Taking|Sure|Glad|Thankful|Blessed|Lost|Broken|Scared|Angry|Sad|Mad|Anxious|Numb|Dead|Living|Hungry|Bored|Lonely|Ready|Thursday|Friday|Saturday|Sunday|Monday|Tuesday|Wednesday|God|Jesus|Lord|Big|Book|Step|Steps|Narcotics|Anonymous|Smart|Recovery|Kindred|Team|Group|Meeting|Mom|Dad|Mr|Mrs|Ms|Dr|Miss|Catholic|Christian|Jewish|Muslim|Irish|Italian|Mexican|Puerto|Polish|German|Black|White|Native|American|Canadian|British|Southern|Northern|Latino|Latina|Agnostic|Atheist|Buddhist|Gay|Straight|Trans|Bi|Queer|Autistic|Bipolar|Your|My|His|Her|Our|Their|This|That|It|Its|We|You|He|She|They)$/;

export function findPhones(norm: string, text: string): Span[] {
  const found = [...spansOf(US_PHONE, norm, 'phone', text), ...spansOf(INTL_PHONE, norm, 'phone', text)];
  const phones = dedupe(found).filter((s) => isPersonalNumber(s.text, s.text.trim().startsWith('+')));
  const contextual = [
    ...groupSpans(LOCAL_PHONE, norm, text, 'phone', 1),
    ...groupSpans(TRUNK_PHONE, norm, text, 'phone', 1),
    ...groupSpans(CONTEXT_PHONE, norm, text, 'phone', 1).filter((s) => isContextNumber(s.text)),
    ...spansOf(DOUBLE_ZERO_PHONE, norm, 'phone', text).filter((s) => isContextNumber(s.text)),
  ];
  return [
    ...phones,
    ...contextual,
    ...spansOf(SPOKEN_NUMBER, norm, 'phone', text).filter((s) => isSpokenNumber(s.text)),
  ];
}

/** A phone number said at least partly in words: 10 digits (11 with a leading 1), not a helpline. */
function isSpokenNumber(raw: string): boolean {
  const tokens = raw
    .toLowerCase()
    .split(/[ ,.-]+/)
    .filter(Boolean);
  if (!tokens.some((t) => t in DIGIT_OF)) return false; // all digits: the other patterns read it
  const digits = tokens.map((t) => DIGIT_OF[t] ?? t).join('');
  if (!/^\d+$/.test(digits) || isPublicNumber(digits)) return false;
  return digits.length === 10 || (digits.length === 11 && digits.startsWith('1'));
}

/** Wallets, SSNs, licence plates and dates of birth. */
export function findIdentifiers(norm: string, text: string): Span[] {
  return [
    ...spansOf(WALLET, norm, 'wallet', text),
    ...spansOf(SSN, norm, 'ssn', text),
    ...groupSpans(SSN_CONTEXT, norm, text, 'ssn', 1),
    ...groupSpans(PLATE, norm, text, 'plate', 1),
    ...groupSpans(BIRTH_DATE, norm, text, 'birth_date', 1),
  ];
}

/** A number named as one: 8 to 15 digits, not a helpline, not a date. */
function isContextNumber(raw: string): boolean {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 15 || isPublicNumber(digits)) return false;
  // Grouped numbers end in a group of four ("555 0144") unless dialled internationally or long.
  const groups = raw
    .trim()
    .split(/[ .()-]+/)
    .filter(Boolean);
  // Dialled internationally (+ or 00), one run of digits, a last group of four, or European pairs.
  const trimmed = raw.trim();
  if (trimmed.startsWith('+') || trimmed.startsWith('00') || groups.length === 1) return true;
  return groups[groups.length - 1].length >= 4 || (groups.length >= 4 && groups.slice(1).every((g) => g.length === 2));
}

function isPersonalNumber(raw: string, international: boolean): boolean {
  const digits = raw.replace(/\D/g, '');
  if (isPublicNumber(digits)) return false;
  if (international && !raw.startsWith('+1')) return digits.length >= 8 && digits.length <= 15;
  return digits.length === 10 || (digits.length === 11 && digits.startsWith('1'));
}

export function findEmails(norm: string, text: string): Span[] {
  return [
    ...spansOf(EMAIL, norm, 'email', text),
    ...spansOf(OBFUSCATED_EMAIL, norm, 'email', text),
    ...spansOf(PROVIDER_EMAIL, norm, 'email', text),
  ];
}

export function findProfileUrls(norm: string, text: string): Span[] {
  const spans: Span[] = [];
  PROFILE_URL.lastIndex = 0;
  for (let m = PROFILE_URL.exec(norm); m; m = PROFILE_URL.exec(norm)) {
    const first = m[1].replace(/^@/, '').split('/')[0];
    if (first && !NOT_A_PROFILE.test(first)) spans.push(span(text, m.index, m.index + m[0].length, 'profile_url'));
  }
  return spans;
}

export function findHandles(norm: string, text: string): Span[] {
  const named = [
    ...groupSpans(POSSESSIVE_HANDLE, norm, text, 'handle', 1),
    ...groupSpans(LABELLED_HANDLE, norm, text, 'handle', 1),
    ...groupSpans(ADD_ME_HANDLE, norm, text, 'handle', 1),
    ...groupSpans(PAYMENT_HANDLE, norm, text, 'handle', 1),
    ...groupSpans(BARE_HANDLE, norm, text, 'handle', 1),
    ...groupSpans(ON_PLATFORM_AS, norm, text, 'handle', 1),
  ].filter((s) => !NOT_A_HANDLE.test(s.text) && /[A-Za-z]/.test(s.text));
  const at = spansOf(AT_HANDLE, norm, 'handle', text).filter((s) => !ROLE_MENTION.test(s.text));
  return [
    ...named,
    ...at,
    ...spansOf(REDDIT_USER, norm, 'handle', text),
    ...spansOf(DISCORD_TAG, norm, 'handle', text),
  ];
}

export function findAddresses(norm: string, text: string): Span[] {
  const spans: Span[] = [];
  ADDRESS.lastIndex = 0;
  for (let m = ADDRESS.exec(norm); m; m = ADDRESS.exec(norm)) {
    const words = m[1].trim().split(/\s+/);
    if (words.some((w) => NOT_STREET_WORD.test(w))) {
      ADDRESS.lastIndex = m.index + 1; // a real address may start inside the rejected stretch
      continue;
    }
    spans.push(span(text, m.index, m.index + m[0].length, 'address'));
  }
  return [
    ...spans,
    ...spansOf(PO_BOX, norm, 'address', text),
    ...spansOf(NAMED_STREET, norm, 'address', text),
    ...spansOf(CAPITALISED_STREET, norm, 'address', text),
  ];
}

export function findNames(norm: string, text: string): Span[] {
  const intros = namesOf(INTRO_NAME, norm, text).filter((s) => {
    const [first, last] = s.text.split(/\s+/);
    return !COMMON_CAPITALISED.test(first) && !COMMON_CAPITALISED.test(last);
  });
  return [...[FULL_NAME, FIND_ME_NAME].flatMap((re) => namesOf(re, norm, text)), ...intros];
}

function namesOf(re: RegExp, norm: string, text: string): Span[] {
  const spans: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(norm); m; m = re.exec(norm)) {
    const first = m.indices?.[1];
    const last = m.indices?.[2];
    if (!first || !last || NOT_A_NAME.test(m[1]) || NOT_A_NAME.test(m[2])) continue;
    spans.push(span(text, first[0], last[1], 'name'));
  }
  return spans;
}

function groupSpans(re: RegExp, norm: string, text: string, kind: PersonalInfoKind, group: number): Span[] {
  const spans: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(norm); m; m = re.exec(norm)) {
    const at = m.indices?.[group];
    if (at) spans.push(span(text, at[0], at[1], kind));
  }
  return spans;
}

/**
 * Finds details that identify a member or someone they know: phone numbers (not helplines),
 * emails, street addresses, social handles and profile links, and "my name is First Last".
 */
export function detectPersonalInfo(text: string): PersonalInfoResult {
  return personalInfoOf(normalize(text), text);
}

/** The detector proper, on normalised text (see {@link normalize}). */
export function personalInfoOf(norm: string, text: string): PersonalInfoResult {
  // Where two findings overlap (a handle named twice, a number inside a profile link) the
  // earlier, longer one stands for both.
  const spans = dedupe([
    ...findEmails(norm, text),
    ...findProfileUrls(norm, text),
    ...findPhones(norm, text),
    ...findHandles(norm, text),
    ...findAddresses(norm, text),
    ...findNames(norm, text),
    ...findIdentifiers(norm, text),
  ]);
  return { found: spans.length > 0, spans };
}
