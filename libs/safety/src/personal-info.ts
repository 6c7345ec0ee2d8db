import { isPublicNumber } from './helplines.js';
import { dedupe, normalize, span, spansOf } from './text.js';
import type { PersonalInfoKind, PersonalInfoResult, Span } from './types.js';

// US numbers: optional +1, area code with or without brackets, 3 + 4 digits. Not inside a longer
// run of digits or letters, so dates, doses, ids and wallet addresses stay out.
const US_PHONE = /(?<![\w+$./-])(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-]?)\d{3}[ .-]?\d{4}(?![\w/-])/g;
// International: a leading + and 8 to 15 digits in small groups.
const INTL_PHONE = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){1,6}(?![\w])/g;
// Words that say the next number is a phone number, in English and Spanish: "ring me on", "my
// mobile's", "mándame whats al", "escríbeme al", "bizum al", "agendame".
const PHONE_WORDS =
  'call|text|txt|ring|phone|cell|mobile|mob|landline|whatsapp|whats app|whats|wsp|wpp|wasap|guasap|signal|viber|telegram|reach me|my #|bell|ll[aá]mame|ll[aá]menme|ll[aá]manos|ll[aá]male|m[aá]rcame|m[aá]rcale|cel(?:ular)?|celu|tel(?:[eé]fono|f)?|m[oó]vil|fijo|mensaje|msj|escr[ií]beme|escr[ií]bime|escribidme|escr[ií]banme|h[aá]blame|agr[eé]game|ag[eé]ndame|an[oó]tate|bizum|nequi|daviplata|contacto|localizar(?:me)?';
// Seven- and eight-digit local numbers only count right after a word that says "this is a number".
const LOCAL_PHONE = new RegExp(
  `\\b(?:${PHONE_WORDS}|number|num|n[uú]mero|reach me at|hit me at|hmu at|my line)\\b[^\\d\\n]{0,30}(\\d{3,4}[ .-]\\d{4})(?![\\w/-])`,
  'dgi',
);
// National formats with a trunk 0 (UK 07700 900123), only right after a word that names a number.
const TRUNK_PHONE = new RegExp(
  `\\b(?:${PHONE_WORDS}|number|num|n[uú]mero|reach me)\\b[^\\d\\n]{0,15}(0\\d{2,4}[ .-]?\\d{3,4}[ .-]?\\d{3,4})(?![\\w/-])`,
  'dgi',
);
// A number right after a word that says it is one, in any national format: "whatsapp me 919876543210",
// "my cell: 0049 151 2345 6789", "bizum al 612 555 078". Digits are counted afterwards (8 to 15).
const CONTEXT_PHONE = new RegExp(
  `\\b(?:${PHONE_WORDS}|(?<!\\b(?:case|account|acct|order|id|meeting|reference|ref|tracking|policy|confirmation|member|badge|room|serial|claim|invoice|license|licence|routing|card|file|patient|chart|docket|inmate|booking) )(?:number|num)|(?:mi|su|tu|el|un|nuevo) n[uú]mero|mi num|(?:mi|su|tu|el) nro)\\b[^\\d\\n+]{0,20}(\\+?\\d[\\d .()-]{6,20}\\d)(?![\\w/-])`,
  'dgi',
);
// Grouped national numbers that read as a phone without a word before them; the groups are checked
// afterwards (see isNationalNumber): UK, Irish and Australian numbers with their trunk 0
// (07700 900123, 020 7946 0958, 087 123 4567, 0412 345 678), Mexican and Argentine 2-4-4
// (55 1234 5678, 11 15 1234-5678), Spanish nine digits (612 34 56 78, 612 345 678).
const GROUPED_PHONE =
  /(?<![\w+$\u20ac\u00a3.,/:#-])(?:\(\d{1,4}\) ?)?\d{1,5}(?:(?: ?[.-] ?| )\(?\d{1,6}\)?){1,5}(?![\w/%\u20ac$\u00a3]|[.,-]\d)/g;
// One run of 9 to 13 digits: a phone when a word after it says so ("612345678 es mi whatsapp").
const DIGIT_RUN = /(?<![\w+$\u20ac\u00a3.,/:#-])\d{9,13}(?![\w/%-]|[.,]\d)/g;
// Mobiles written in one run with their trunk 0: UK 07700900123, Australian 0412345678, Irish 0871234567.
const TRUNK_MOBILE = /(?<![\w+$\u20ac\u00a3.,/:#-])0(?:7\d{9}|4\d{8}|8[35679]\d{7})(?![\w/%-]|[.,]\d)/g;
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
// Spanish spelled-out addresses: "juan.perez arroba gmail punto com", "ana_r (arroba) hotmail (punto) es",
// "luis arroba outlook". "arroba" only ever names the @, so any provider counts.
const ARROBA_EMAIL =
  /(?<![A-Za-z0-9._%+-])(?!(?:el|la|los|las|un|una|con|sin|de|y|o|es|me|te|mi|tu|su|en|por|pon|ponle|the|an?)\b)[A-Za-z0-9._%+-]{2,64}(?: (?:punto|gui[oó]n(?: bajo)?|barra baja) [A-Za-z0-9._%+-]{1,64}){0,3}(?: ?(?:\(arroba\)|\[arroba\]|\{arroba\}) ?| arroba )[A-Za-z0-9-]{2,30}(?:(?: punto |\.| ?\(punto\) ?| ?\[punto\] ?)[A-Za-z]{2,6}){0,3}\b/gi;

const PROFILE_HOSTS =
  'instagram\\.com|facebook\\.com|fb\\.com|fb\\.me|m\\.me|tiktok\\.com\\/@|twitter\\.com|x\\.com|snapchat\\.com\\/add|t\\.me|telegram\\.me|linkedin\\.com\\/in|threads\\.net\\/@|youtube\\.com\\/@|reddit\\.com\\/u(?:ser)?|wa\\.me|venmo\\.com|cash\\.app\\/\\$?|onlyfans\\.com|' +
  // Messenger links (wa.me/5215512345678, chat.whatsapp.com/…, t.me/+…, signal.me/#p/+…) and payment pages.
  'wa\\.link|api\\.whatsapp\\.com\\/send\\/?\\?phone=|whatsapp\\.com\\/send\\/?\\?phone=|chat\\.whatsapp\\.com|telegram\\.dog|signal\\.me\\/#p|kik\\.me|line\\.me\\/ti\\/p|paypal\\.me|paypal\\.com\\/paypalme|mpago\\.la|link\\.mercadopago\\.com\\.[a-z]{2}';
// Pages on those sites that are not a person: posts, groups, help.
const NOT_A_PROFILE =
  /^(?:p|reel|reels|explore|groups|events|help|watch|share|hashtag|search|policies|legal|about|privacy|login|home|intent)$/i;
const PROFILE_URL = new RegExp(
  `(?<![\\w.@-])(?:https?:\\/\\/)?(?:www\\.|m\\.|mobile\\.)?(?:${PROFILE_HOSTS})\\/?(\\+?[A-Za-z0-9_.@-]+)`,
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
// "mi snap es chuyito.lbc", "my steam is gh0stt_", "my discord is frost_99": in Spanish, or on a gaming
// platform, only a value that looks like a username (a digit, dot or underscore inside) counts.
const POSSESSIVE_USERNAME = new RegExp(
  `\\b(?:mi|su|tu|my|his|her) (?:${PLATFORMS}|steam|xbox|psn|gamertag|twitch|riot|bereal)\\b(?: ?(?:id|user(?:name)?|usuario|handle))?(?: es| is|:| =| ->) ?(@?(?=[A-Za-z0-9_.-]*[0-9_.][A-Za-z0-9_.-]*\\b)[A-Za-z0-9_][A-Za-z0-9_.-]{2,29})`,
  'dgi',
);
// "ig: x", "tg @x", "snapchat -> x": a colon or arrow after the platform name.
const LABELLED_HANDLE = new RegExp(
  `\\b(?:${PLATFORMS})\\b(?: ?(?:id|name|user(?:name)?|handle))? ?(?::|=|->|[\u2192\u279c\u27a1\u2794]| - | \u2013 |@|\\bme at\\b|\\bme ?@|\\bme:)\\s*${HANDLE_VALUE}`,
  'dgi',
);
// "cashapp $jessc", "venmo @jess-c": a payment handle names its owner.
// "my CashApp is $WandaB1959", "sending the cash app now $dawnk1988", "revolut @jess".
const PAYMENT_HANDLE =
  /\b(?:cash ?app|\$?cashtag|venmo|paypal|zelle|revolut|monzo)\b[^\n$@]{0,20}([@$][A-Za-z][A-Za-z0-9_.-]{1,29})/dgi;
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
  'street|st|avenue|crossroads?|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|way|place|pl|terrace|ter|parkway|pkwy|circle|cir|highway|hwy|square|sq|trail|trl|alley|pike|crescent|cres|aly|branch|bridge|brook|burg|bypass|' +
  'canyon|cape|causeway|center|centre|cliff|cove|creek|crest|crossing|curve|dale|divide|estate|expressway|expy|extension|ext|ferry|ford|forest|forge|fork|freeway|fwy|garden|gardens|gateway|glen|grove|harbor|haven|heights|hts|hollow|inlet|island|isle|junction|knoll|landing|loop|manor|meadow|mews|mission|motorway|mountain|orchard|oval|overpass|passage|plaza|plz|prairie|radial|ranch|ridge|route|rte|shoal|skyway|spur|stravenue|throughway|trafficway|tunnel|turnpike|underpass|valley|viaduct|village|ville|vista';
const WORD_STREET_TYPES =
  'Camp|Chase|Close|Club|Common|Corner|Course|Dam|Fall|Falls|Field|Flat|Fort|Gate|Grange|Green|Hill|Key|Lake|Land|Light|Loaf|Lock|Lodge|Mall|Mead|Mill|Mount|Neck|Park|Pass|Path|Pine|Plain|Point|Port|Pt|Ramp|Rapid|Rest|Rise|River|Row|Rue|Run|Shore|Side|Spring|Station|Stream|Summit|Trace|Track|Union|Vale|Via|View|Walk|Wall|Well|Wells|Croft|Bank|End|Drove|Fold|Wynd|Parade|Brae|Approach|Wood|Paddock|Brow|Lea|Copse|Glade|Yard|Garth|Quay|Wharf|Concourse|Circuit|Dene|Leys';
const ADDRESS = new RegExp(
  `\\b\\d{1,6}[A-Za-z]?((?: (?:[NS][EW]|[NSEW]\\.?|north|south|east|west))?? (?:[A-Za-z0-9][A-Za-z0-9'.-]{0,30})(?: [A-Za-z][A-Za-z'.-]{0,30}){0,2}?) (?:${STREET_TYPES})s?\\b\\.?(?:,? (?:apt|apartment|unit|suite|ste|#)\\.? ?#?[A-Za-z0-9-]{1,10})?`,
  'dgi',
);
const PO_BOX = /\bP\.? ?O\.? Box \d+\b/gi;
const CAPITALISED_STREET = new RegExp(
  `\\b\\d{1,6} (?:[NSEW]\\.? )?[A-Z][a-z]{1,20}(?:[A-Z][a-z]{1,20})?(?:-[A-Z][a-z]{1,20})?(?: [A-Z][a-z]{1,20})? (?:${WORD_STREET_TYPES})s?\\b(?:,? (?:[Aa]pt|[Uu]nit|[Ss]uite|#)\\.? ?#?[A-Za-z0-9-]{1,10})?`,
  'g',
);
// Streets named without a suffix: "25917 N Broadway", "7548 Main", "359 The Chase".
const NAMED_STREET =
  /\b\d{1,6} (?:[NSEW]\.? )?(?:Broadway|Main|Parkside|Bowery|The [A-Z][a-z]{2,20}|[A-Z][a-z]{2,20}(?:way|gate))\b(?:,? (?:[Aa]pt|[Uu]nit|[Ss]uite|#)\.? ?#?[A-Za-z0-9-]{1,10})?/g;
const SMALL_WORD =
  /^(?:on|in|at|to|from|the|a|an|of|and|or|down|up|off|for|with|by|near|since|about|around|my|your|our|his|her|their|this|that|i|we|you|it)$/i;
// Words that make "3 blocks down Main St" a direction rather than an address.
const NOT_STREET_WORD =
  /^(?:blocks?|miles?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|mg|pills?|strips?|meetings?|times?|people|kids|on|in|at|to|from|the|a|an|of|and|or|down|up|off|for|with|my|your|our|his|her|their|this|that|clean|sober|since|about|around|near|by|per|each|every|more|less|than|was|were|is|are|am|i|we|you|it|doses?|bags?|grams?)$/i;

// Postcodes that name a street or a building, not a town: a full UK postcode (SW1A 2AA; the real
// areas only, so "PS4 2TB" stays out), an Irish Eircode (D02 X285: routing key, then a letter and a
// digit among the four) and a Canadian postal code (M5V 3L9). Five-digit ZIP and CP codes alone
// name a whole district and stay out.
const UK_POSTCODE_AREAS =
  'AB|AL|BA|BB|BD|BH|BL|BN|BR|BS|BT|B|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN|DT|DY|EC|EH|EN|EX|E|FK|FY|GL|GU|GY|G|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|IV|JE|KA|KT|KW|KY|LA|LD|LE|LL|LN|LS|LU|L|ME|MK|ML|M|NE|NG|NN|NP|NR|NW|N|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|S|TA|TD|TF|TN|TQ|TR|TS|TW|UB|WA|WC|WD|WF|WN|WR|WS|WV|W|YO|ZE';
const UK_POSTCODE = new RegExp(`(?<![\\w-])(?:${UK_POSTCODE_AREAS})\\d[A-Z\\d]? \\d[ABD-HJLNP-UW-Z]{2}(?![\\w-])`, 'g');
const EIRCODE =
  /(?<![\w-])(?:[ACDEFHKNPRTVWXY]\d{2}|D6W) [ACDEFHKNPRTVWXY](?=[ACDEFHKNPRTVWXY]{0,2}\d)[\dACDEFHKNPRTVWXY]{3}(?![\w-])/g;
const CA_POSTCODE = /(?<![\w-])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]\d[ABCEGHJ-NPRSTV-Z]\d(?![\w-])/g;

// Streets written the Spanish way, the number after the name: "Calle Mayor 12, 3ºB", "C/ de Alcalá,
// 45", "Av. Insurgentes Sur 1580 int 7", "Avda. de la Constitución 88", "pasaje Los Aromos 1450",
// "Calzada Rodrigo, 6". The name needs a capitalised word or the number a marker (nº, #) or a
// floor ("vivo en calle del pez 14, 3ºB"), and no count may follow ("la calle 3 años"): see
// isHispanicStreet.
const LETTER = 'A-Za-z\u00c0-\u00ff';
const STREET_WORD = `[${LETTER}0-9][${LETTER}0-9.'-]{0,24}`;
const HISPANIC_STREET_TYPES =
  'calle|avenida|avda\\.?|av\\.?|calzada|calz\\.?|paseo|p[\u00ba\u00b0]|plaza|pza\\.?|ronda|rambla|r[u\u00fa]a|traves[i\u00ed]a|camino|carretera|carr\\.?|ctra\\.?|glorieta|urbanizaci[o\u00f3]n|urb\\.?|pasaje|psje\\.?|pje\\.?|privada|priv\\.?|cerrada|cda\\.?|andador|retorno|circuito|prolongaci[o\u00f3]n|prol\\.?|boulevard|bulevar|blvd\\.?|callej[o\u00f3]n|jir[o\u00f3]n|diagonal|transversal|carrera|cra\\.?|eje|viaducto|costanera';
// A floor and door after the number: "3ºB", "2º izda.", "piso 4", "depto B", "int 7", "Bajo A".
const FLOOR = `,? (?:\\d{1,2} ?[\u00ba\u00b0\u00aa](?: ?(?:izda|izq|dcha|der|izquierda|derecha|[A-Za-z])\\b\\.?)?|piso \\w{1,3}|(?:dpto|depto|dto|departamento|apto|apartamento|int|interior|casa|local|bajo|\u00e1tico|atico|puerta|esc|escalera|edificio|edif)\\b\\.?(?: ?[A-Za-z0-9]{1,4}\\b)?)`;
const HISPANIC_STREET = new RegExp(
  `(?<![${LETTER}0-9])(c\\/ ?|(?:${HISPANIC_STREET_TYPES}) )(${STREET_WORD}(?: ${STREET_WORD}){0,5}?),? ((?:n[\u00ba\u00b0o]\\.?|nro\\.?|n[u\u00fa]m\\.?|no\\.?|#) ?)?(\\d{1,5}[A-Za-z]?|s\\/n)\\b(${FLOOR})?`,
  'dgi',
);
// Grid addresses (Colombia, parts of Mexico): "Carrera 43A #12-34", "Calle 72 # 10-34", "Cra. 7 No.
// 45-10", "Transversal 64 Sur #98-20", "Calle 5 #214".
const GRID_STREET =
  /(?<![A-Za-z0-9])(?:av(?:enida)?\.? )?(calle|cl|cll|carrera|cra|cr|kr|kra|diagonal|dg|transversal|tv|avenida|av|autopista|ak|ac)\.? ?\d{1,3}(?: ?[A-Z]{1,3}\b)?(?: (?:bis|sur|norte|este|oeste)\b)? ?(?:#|n[\u00ba\u00b0o]\.?|no\.?|nro\.?|n[u\u00fa]mero) ?\d{1,3}[A-Z]?(?: ?- ?\d{1,3})?/dgi;
// A colonia or barrio with its postcode: "Col. Roma Norte, CP 06700", "colonia Centro, C.P. 44100".
const COLONIA = new RegExp(
  `(?<![${LETTER}])(?:col\\.|colonia|fracc?\\.|fraccionamiento|barrio) ?${STREET_WORD}(?: ${STREET_WORD}){0,4},? (?:c\\. ?p\\.|c\\.?p\\.?|c[o\u00f3]digo postal) ?\\d{5}\\b`,
  'gi',
);
// A street with no type before it but a floor after: "Corrientes 1234, piso 3", "General Paz 2310,
// depto 5", "Santa Fe 3456 dpto 4" (Argentina, Uruguay).
const UNTYPED_STREET =
  /(?<![A-Za-z\u00c0-\u00ff0-9])[A-Z\u00c1\u00c9\u00cd\u00d3\u00da\u00d1][a-z\u00e1\u00e9\u00ed\u00f3\u00fa\u00f1\u00fc]{2,20}(?: (?:de |del |la |los )?[A-Z\u00c1\u00c9\u00cd\u00d3\u00da\u00d1][a-z\u00e1\u00e9\u00ed\u00f3\u00fa\u00f1\u00fc]{1,20}){0,2} \d{2,5},? (?:[Pp]iso \w{1,3}|(?:[Dd]pto|[Dd]epto|[Dd]to|[Dd]epartamento|[Aa]pto)\.? ?[A-Za-z0-9]{1,4}\b|\d{1,2} ?[\u00ba\u00b0\u00aa] ?[A-Za-z]?\b)/g;
// A building and a flat: "edificio 12 apto 304", "torre B depto 5", "bloque 3, piso 2".
const BUILDING_UNIT =
  /\b(?:edificio|edif\.?|bloque|torre|block|building|bldg\.?)\s[A-Za-z0-9]{1,4},? (?:apto\.?|apartamento|depto\.?|dpto\.?|departamento|piso|puerta|apt\.?|apartment|unit|flat)\s?#?[A-Za-z0-9]{1,4}\b/gi;
// Words after a number that make "la calle 3 años" a time and not an address.
const COUNT_AFTER =
  /^,? ?(?:\u20ac|(?:a[\u00f1n]os?|mes(?:es)?|d[i\u00ed]as?|horas?|hrs?|minutos?|min|veces|semanas?|pesos|euros?|d[o\u00f3]lares|usd|mg|km|metros|cuadras|personas|am|pm|hs|h)\b)/i;
const COUNT_WORD =
  /^(?:a[\u00f1n]os?|mes(?:es)?|d[i\u00ed]as?|horas?|minutos?|veces|semanas?|pesos|euros?|mg|km|metros|cuadras|personas|que|porque|cuando|donde|hace|desde|hasta|sin|con|para|por|en|a|y|o)$/i;

// Numbers said in words, or words and digits mixed: "six one seven five five five zero one nine two",
// "617 five five five 0192", "oh seven seven double oh…", and in Spanish digit by digit or in pairs
// ("seis doce treinta y cuatro cincuenta y seis…"). Read and counted afterwards (see isSpokenNumber).
const DIGIT_OF: Record<string, string> = {
  zero: '0',
  oh: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  cero: '0',
  uno: '1',
  dos: '2',
  tres: '3',
  cuatro: '4',
  cinco: '5',
  seis: '6',
  siete: '7',
  ocho: '8',
  nueve: '9',
};
const PAIR_OF: Record<string, string> = {
  diez: '10',
  once: '11',
  doce: '12',
  trece: '13',
  catorce: '14',
  quince: '15',
  dieciseis: '16',
  dieciséis: '16',
  diecisiete: '17',
  dieciocho: '18',
  diecinueve: '19',
  veinte: '20',
  veintiuno: '21',
  veintidos: '22',
  veintidós: '22',
  veintitres: '23',
  veintitrés: '23',
  veinticuatro: '24',
  veinticinco: '25',
  veintiseis: '26',
  veintiséis: '26',
  veintisiete: '27',
  veintiocho: '28',
  veintinueve: '29',
};
const TENS_OF: Record<string, string> = {
  treinta: '3',
  cuarenta: '4',
  cincuenta: '5',
  sesenta: '6',
  setenta: '7',
  ochenta: '8',
  noventa: '9',
};
const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
// A token: "treinta y cuatro", a digit or pair word, "double", or up to four digits.
const SPOKEN_TOKEN = `(?:(?:${byLength(Object.keys(TENS_OF))})(?: y (?:${byLength(Object.keys(DIGIT_OF))}))?|${byLength(
  [...Object.keys(DIGIT_OF), ...Object.keys(PAIR_OF), 'double', 'triple'],
)}|\\d{1,4})`;
const SPOKEN_NUMBER = new RegExp(`\\b(?:${SPOKEN_TOKEN}[ ,.-]{1,3}){3,24}${SPOKEN_TOKEN}\\b`, 'gi');

// Crypto wallets: Bitcoin bech32 and base58, Ethereum, Monero, Tron (USDT TRC20).
// Bech32 and Monero addresses are read with any letter or digit: written by hand they often hold a
// character the alphabet leaves out, and nothing else looks like "bc1" + 25 characters.
const WALLET =
  /\b(?:bc1[a-z0-9]{25,59}|[13][a-km-zA-HJ-NP-Z1-9]{25,34}|0x[a-fA-F0-9]{40}|4[0-9AB][0-9A-Za-z]{93}|T(?=[0-9A-Za-z]{0,32}\d)[0-9A-Za-z]{32,33})\b/g;
// Social Security numbers: 123-45-6789, 123 45 6789 or 123.45.6789 (never 000, 666 or 9xx first), or
// any 9 digits after "ssn", "ss#", "social", "seguro social".
const SSN =
  /(?<![\w.-])(?!000|666|9\d\d)\d{3}(?:-(?!00)\d{2}-| (?!00)\d{2} |\.(?!00)\d{2}\.)(?!0000)\d{4}(?![\w-]|[.,]\d)/g;
const SSN_CONTEXT =
  /(?<!\w)(?:ssn|ss ?#|ss number|soc sec|social security(?: number| no\.?| #)?|social|(?:n[uú]mero de )?seguro social|itin)(?!\w)[^\d\n]{0,12}(\d{3}[ .-]?\d{2}[ .-]?\d{4})(?![\w-])/dgi;
// Identity numbers abroad, by their shape: a Spanish DNI (12345678Z, 12.345.678-Z) or NIE (X1234567L),
// a Mexican CURP, a Chilean RUT with its dots (12.345.678-5), an Argentine CUIL or CUIT
// (20-12345678-3) and a UK National Insurance number (AB 12 34 56 C).
const DNI = /(?<![\w.,-])(?:\d{8}|\d{2}\.\d{3}\.\d{3})(?:-?[A-HJ-NP-TV-Za-hj-np-tv-z]| [A-HJ-NP-TV-Z])(?![\w-])/g;
const NIE = /(?<![\w-])[XYZ]-?\d{7}-?[A-HJ-NP-TV-Z](?![\w-])/g;
const CURP =
  /(?<!\w)[A-Z][AEIOUX][A-Z]{2}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[HMX](?:AS|B[CS]|C[CHLMS]|D[FG]|G[RT]|HG|JC|M[CNS]|N[ELT]|OC|PL|Q[RT]|S[LPR]|T[CLS]|VZ|YN|ZS)[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d(?!\w)/g;
const RUT = /(?<![\w.,-])\d{1,2}\.\d{3}\.\d{3}-[\dkK](?![\w-])/g;
const CUIL = /(?<![\w-])(?:2[0347]|3[034])-\d{8}-\d(?![\w-])/g;
const NINO =
  /(?<![\w-])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w-])/g;
// Any identity number right after its name: "DNI 35.889.201", "cédula 1.036.555.219", "C.C. 79123456",
// "RUT: 12345678-5", "PPS number 1234567T", "mi documento es 40.123.456", "passport no. X1234567".
const ID_WORDS =
  "dni|d\\.n\\.i\\.?|nie|nif|rut|run|curp|rfc|cuil|cuit|c[eé]dula(?: de (?:ciudadan[ií]a|identidad))?|c\\.c\\.?|cc|ine|nss|pasaporte|passport(?: number| no\\.?| #)?|ppsn?(?: number| no\\.?)?|social insurance number|tax file number|tfn|medicare(?: number| card| no\\.?)?|national insurance(?: number| no\\.?)?|ni number|ni no\\.?|nino|documento(?: de identidad| nacional de identidad)?|n[uú]mero de documento|carn[eé]t?(?: de identidad)?|id number|state id|driver'?s licen[cs]e(?: number| no\\.?| #)?|licen[cs]e number|licencia(?: de conducir)?";
// Words between the name and the number: "el RUT de mi hijo es …", "passport number: …".
const ID_FILLER = '(?:es|is|number|no|n[uú]mero|nro|de (?:mi|su|tu) \\w{2,12})\\b[^\\w\\n]{0,3}';
const ID_CONTEXT = new RegExp(
  `(?<![\\w.])(?:${ID_WORDS})(?!\\w)[^\\w\\n]{0,4}(?:${ID_FILLER}){0,2}([A-Za-z]{0,3}[ -]?\\d[\\d .-]{4,16}\\d(?:-?[A-Za-z]{1,2})?)(?![\\w-])`,
  'dgi',
);
// An identity number's name right before a number: the number is that id (found below), not a phone.
const ID_WORD_BEFORE = new RegExp(`(?<![\\w.])(?:${ID_WORDS})(?!\\w)[^\\w\\n]{0,4}(?:${ID_FILLER}){0,2}$`, 'i');
// A Canadian Social Insurance Number after its capitalised name ("sin" is Spanish for "without").
const SIN = /\bSIN\b[^\w\n]{0,4}(?:(?:is|number|#)\b[^\w\n]{0,3})?(\d{3}[ -]?\d{3}[ -]?\d{3})(?![\w-])/dg;
// Payment accounts: an IBAN (ES91 2100 0418 4502 0005 1332; its mod-97 check digits hold, or it is
// written in groups of four with its country's length), an Argentine CBU or CVU (22 digits) or a
// Mexican CLABE (18 digits) after its name.
const IBAN = /(?<!\w)[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?!\w)/g;
const IBAN_LENGTHS: Record<string, number> = {
  ES: 24,
  GB: 22,
  IE: 22,
  DE: 22,
  FR: 27,
  IT: 27,
  PT: 25,
  NL: 18,
  BE: 16,
  AD: 24,
};
const BANK_ACCOUNT =
  /\b(?:cbu|cvu|clabe(?: interbancaria)?)\b[^\w\n]{0,4}(?:(?:es|is)\b[^\w\n]{0,3})?(\d[\d -]{16,28}\d)(?![\w-])/dgi;
// A Mercado Pago or CBU alias: "alias sol.luna.mar", "mi alias de mp es juan.perez.mp". After "alias"
// alone the value needs three parts (as Mercado Pago makes them), so a forum alias stays out.
const PAY_ALIAS =
  /\b(alias(?: (?:de |del )?(?:mp|mercado ?pago|cbu|cvu))?|(?:mp|mercado ?pago|cbu|cvu)(?: alias)?)\b(?: (?:es|is)| ?[:=])? ?([A-Za-z0-9-]{2,20}(?:\.[A-Za-z0-9-]{1,20}){1,3})(?!\w|\.\w)/dgi;
// A licence plate after a word that says so: "my plate is 7ABC123", "tag # ABC-1234".
const PLATE =
  /\b(?:(?:license|licence|number|my|his|her|the) plates?|plate (?:number|no\.?|#)|tags?(?: number| #)?)\b[^\w\n]{0,6}(?:is |reads |was |: ?)?((?=[A-Z0-9 -]{0,8}\d)(?=[A-Z0-9 -]{0,8}[A-Z])[A-Z0-9]{2,4}[ -]?[A-Z0-9]{2,4})\b/dgi;
// A plate named anywhere before it in the sentence: "PA plate KJT-4471", "plate is OH JRT 5520",
// "placas del otro wey: 8KLM512", "tablilla JKR-482", "la matrícula del coche es 4821 KLM", "placa
// GZT-452-B". Capitals and digits, 5 to 9 of them with both kinds (see isPlate).
const PLATE_NAMED =
  /(?<![A-Za-z])(?:[Pp]lates?|PLATES?|[Pp]lacas?|PLACAS?|[Tt]ablilla|[Mm]atr[ií]cula|[Pp]atente)(?![A-Za-z])[^\n.!?]{0,60}?(?<![\w-])((?:[A-Z]{2} )?[A-Z0-9]{2,4}(?:[ -][A-Z0-9]{1,4}){1,2}|[A-Z0-9]{5,8})(?![\w-])/dg;
// A date of birth: "dob 04/12/1987", "born on March 3, 1987", "my birthday is 3/4/90", "DOB is 11-23-1979",
// "nacida el 14/03/2001", "nací el 22 de agosto del 98", "mi cumple es el 2 de agosto de 1988".
const MONTHS =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)';
const BIRTH_DATE = new RegExp(
  `\\b(?:dob|d\\.o\\.b\\.?|date of birth|born(?: on)?|birthday|b-?day|b[- ]?day|fecha de nacimiento|nac[ií]|naci[oó]|nacid[oa]|cumple(?:a[nñ]os)?)(?![\\w\u00c0-\u00ff])(?:'s|[: ]{0,3}(?:is|was|es|el|on)\\b){0,2}[: ]{0,3}((?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:19|20)?\\d{2}|${MONTHS}\\.? \\d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\\d{2}|\\d{1,2} (?:de )?${MONTHS},? (?:(?:de |del )?(?:19|20)\\d{2}|del '?\\d{2})))\\b`,
  'dgi',
);

// "my name is First Last": two capitalised words, case-sensitive on purpose.
const NAME_WORD = "([A-Z](?:[a-z]+(?:[A-Z][a-z]+)?|'[A-Z][a-z]+)(?:-[A-Z][a-z]+)?)";
const FULL_NAME = new RegExp(
  `\\b(?:[Mm]y|[Hh]is|[Hh]er|[Tt]heir) (?:[a-z]+'?s )?(?:real |full |legal |actual )?name(?:'?s| is)\\s+${NAME_WORD}\\s+${NAME_WORD}\\b`,
  'dg',
);
// "look me up on facebook, Jordan Blake": a name offered as a way to be found.
const FIND_ME_NAME = new RegExp(
  `\\b(?:look me up|find me|add me|search (?:for )?me)(?: on (?:facebook|fb|insta\\w*|ig|linkedin|twitter|x|tiktok))?,? (?:as |under |it'?s )?${NAME_WORD}\\s+${NAME_WORD}\\b`,
  'dg',
);
// In Spanish: "me llamo Rocío Pérez", "mi nombre completo es Carlos Eduardo Funes", "mi hijo se llama
// Luis Alberto Rivera", and an introduction "Soy Reina Isabel Cruz" / "hola soy Mónica Álvarez". "se
// llama" only after a person ("el grupo se llama Nueva Vida" is a group).
const NAME_ES = '([A-Z\u00c1\u00c9\u00cd\u00d3\u00da\u00d1][a-z\u00e1\u00e9\u00ed\u00f3\u00fa\u00f1\u00fc]+)';
const PERSON_ES =
  'hij[oa]|herman[oa]|espos[oa]|marido|mujer|novi[oa]|pareja|padre|madre|pap[aá]|mam[aá]|prim[oa]|t[ií][oa]|abuel[oa]|niet[oa]|sobrin[oa]|amig[oa]|padrino|madrina|ex|cu[nñ]ad[oa]|suegr[oa]|vecin[oa]|compa[nñ]er[oa]|consejer[oa]|terapeuta|doctor[a]?|chaval|chavo|chic[oa]|muchach[oa]|se[nñ]or[a]?|dealer|camello|tipo|wey|compa|jef[ea]|yerno|nuera|papi|mami';
const SPANISH_NAME = new RegExp(
  `(?:\\b(?:[Mm]e llamo|[Mm]i nombre(?: completo| real)? es|[Ss]u nombre(?: completo| real)? es|nombre completo(?: es)?:?)|\\b(?:${PERSON_ES})(?: [a-z\u00e1\u00e9\u00ed\u00f3\u00fa\u00f1]{2,12}){0,3} se llama|(?:^|[.!?,]\\s*|\\b(?:hola|buenas|hey|saludos)\\b,?\\s+)[Ss]oy)\\s+${NAME_ES}\\s+${NAME_ES}(?![a-z\u00e1\u00e9\u00ed\u00f3\u00fa\u00f1])`,
  'dg',
);
// Words that follow "soy" capitalised without being a name: "Soy Madre Soltera", "Soy Testigo de…".
const COMMON_CAPITALISED_ES =
  /^(?:Madre|Padre|Hijo|Hija|Mam\u00e1|Pap\u00e1|Dios|Testigo|Adicto|Adicta|Alcoh\u00f3lico|Alcoh\u00f3lica|Cat\u00f3lico|Cat\u00f3lica|Cristiano|Cristiana|Mexicano|Mexicana|Puertorrique\u00f1o|Puertorrique\u00f1a|Dominicano|Dominicana|Colombiano|Colombiana|Venezolano|Venezolana|Cubano|Cubana|Hondure\u00f1o|Hondure\u00f1a|Salvadore\u00f1o|Salvadore\u00f1a|Guatemalteco|Guatemalteca|Argentino|Argentina|Chileno|Chilena|Espa\u00f1ol|Espa\u00f1ola|Uruguayo|Uruguaya|Latino|Latina|Gay|Trans|Narc\u00f3ticos|An\u00f3nimos|Nuevo|Nueva|Miembro|Parte|Gracias|Bienvenido|Bienvenida|Feliz|Sobrio|Sobria|Limpio|Limpia|Yo|Aqu\u00ed|Hoy)$/;
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
    ...groupSpans(LOCAL_PHONE, norm, text, 'phone', 1).filter((s) => isLocalNumber(s.text)),
    ...groupSpans(TRUNK_PHONE, norm, text, 'phone', 1).filter((s) => !isPublic(s.text.replace(/\D/g, ''))),
    ...groupSpans(CONTEXT_PHONE, norm, text, 'phone', 1).filter((s) => isContextNumber(s.text)),
    ...spansOf(DOUBLE_ZERO_PHONE, norm, 'phone', text).filter((s) => isContextNumber(s.text)),
  ];
  const national = [
    ...spansOf(GROUPED_PHONE, norm, 'phone', text).filter(
      (s) =>
        !isAmount(norm, s) && (isNationalNumber(s.text) || (hasPhoneWordAfter(norm, s.end) && isContextNumber(s.text))),
    ),
    ...spansOf(DIGIT_RUN, norm, 'phone', text).filter((s) => hasPhoneWordAfter(norm, s.end) && isContextNumber(s.text)),
    ...spansOf(TRUNK_MOBILE, norm, 'phone', text),
  ];
  const spoken = spansOf(SPOKEN_NUMBER, norm, 'phone', text).filter((s) =>
    isSpokenNumber(s.text, hasPhoneWordBefore(norm, s.start)),
  );
  return [...phones, ...contextual, ...national, ...spoken].filter((s) => !isNamedOtherNumber(norm, s.start));
}

// Helplines and organisations abroad, by their national prefixes (with or without the country code):
// UK freephone, not-for-profit 03 and shared-cost numbers, the European 116 lines (Samaritans
// 116 123), Irish and Australian 1800/1300/13 numbers, Spanish 900/80x, Mexican 800, Argentine
// 0800/0810 and Colombian 01 8000 lines; and the crisis lines posted with an ordinary number:
// Teléfono de la Esperanza (717 003 717), SAPTEL (55 5259 8121), Centro de Asistencia al Suicida
// ((011) 5275-1135).
const PUBLIC_ABROAD =
  /^(?:(?:0|44)(?:80[08]\d{6,7}|500\d{6}|3[0347]\d{8}|84[345]\d{7}|87[01]\d{7})|(?:44|353)?116\d{3}|(?:353)?1(?:800|850|890)\d{6}|(?:61)?1[38]00\d{6}|(?:61)?13\d{4}|(?:34)?(?:900|80\d|90[12])\d{6}|(?:52)?(?:01)?800\d{7}|(?:54|0)8[01]0\d{7}|(?:57)?0?18000\d{6}|(?:34)?717003717|(?:52)?5552598121|(?:54)?0?1152751135)$/;

/** True for helplines and other organisational numbers, at home or abroad (digits only). */
function isPublic(digits: string): boolean {
  const plain = digits.startsWith('00') ? digits.slice(2) : digits;
  return isPublicNumber(plain) || PUBLIC_ABROAD.test(plain);
}

// A sum of money: "$ 612 345 678", "1 200 000 pesos".
const CURRENCY_BEFORE = /[$\u20ac\u00a3] ?$/;
const CURRENCY_AFTER =
  /^ ?(?:[$\u20ac\u00a3]|(?:pesos|euros?|d[o\u00f3]lares|dollars|bucks|usd|mxn|ars|cop|eur|lucas|pounds|quid)\b)/i;

function isAmount(norm: string, s: Span): boolean {
  return (
    CURRENCY_BEFORE.test(norm.slice(Math.max(0, s.start - 2), s.start)) ||
    CURRENCY_AFTER.test(norm.slice(s.end, s.end + 10))
  );
}

// Numbers named as something else right before them: meeting ids, passcodes, case and order numbers.
const OTHER_NUMBER_BEFORE =
  /\b(?:meeting|webinar|zoom|conference|conf|passcode|pass code|password|pin|access code|c[oó]digo|clave|contrase[nñ]a|reuni[oó]n|sala|case|caso|order|pedido|account|acct|ticket|tracking|confirmation|invoice|factura|folio|expediente|policy|p[oó]liza|isbn|id)\b[^\w\n]{0,3}(?:(?:id|number|no|n[uú]mero|code|de la reuni[oó]n|#)\b[^\w\n]{0,3})?$/i;

function isNamedOtherNumber(norm: string, start: number): boolean {
  const before = norm.slice(Math.max(0, start - 32), start);
  return OTHER_NUMBER_BEFORE.test(before) || ID_WORD_BEFORE.test(before);
}

// A word that names a phone within a few words before a number said in words ("my new number is").
const PHONE_WORD_BEFORE = new RegExp(`\\b(?:${PHONE_WORDS}|number|num|n[uú]mero)\\b[^\\d\\n]{0,30}$`, 'i');

function hasPhoneWordBefore(norm: string, start: number): boolean {
  return PHONE_WORD_BEFORE.test(norm.slice(Math.max(0, start - 48), start));
}

// A word that names a phone right after a number: "612345678 es mi whatsapp", "0412 345 678 (my mobile)".
const PHONE_WORD_AFTER = new RegExp(`^[^\\d\\n]{0,14}?\\b(?:${PHONE_WORDS}|number|n[uú]mero)\\b`, 'i');

function hasPhoneWordAfter(norm: string, end: number): boolean {
  return PHONE_WORD_AFTER.test(norm.slice(end, end + 48));
}

function groupsOf(raw: string): string[] {
  return raw.split(/\D+/).filter(Boolean);
}

/** dd mm yyyy, mm dd yyyy or yyyy mm dd, in any separators: a date, not a number to call. */
function isDateLike(groups: string[]): boolean {
  if (groups.length !== 3) return false;
  const [a, b, c] = groups.map(Number);
  const year = (g: string) => /^(?:19|20)\d\d$/.test(g);
  if (year(groups[2])) return a >= 1 && a <= 31 && b >= 1 && b <= 31 && (a <= 12 || b <= 12);
  return year(groups[0]) && b >= 1 && b <= 12 && c >= 1 && c <= 31;
}

/**
 * A grouped number that reads as a phone with no word before it: a trunk 0 and 9 to 11 digits
 * (UK, Irish, Australian, Argentine, Uruguayan national formats, 12 to 13 with the Argentine mobile
 * 15 or the old Mexican 044/045), Mexican and Argentine 2-4-4 (55 1234 5678) and 2-2-4-4 with 15,
 * and Spanish nine-digit numbers starting 6, 7, 8 or 9 in 3-3-3, 3-2-2-2 or 2-3-2-2 groups.
 */
function isNationalNumber(raw: string): boolean {
  const groups = groupsOf(raw);
  const digits = groups.join('');
  const sizes = groups.map((g) => g.length).join('-');
  if (groups.length < 2 || isPublic(digits) || isDateLike(groups) || isCounting(groups)) return false;
  if (digits[0] === '0' && digits[1] !== '0') {
    if (groups.some((g) => g.length < 2)) return false;
    if (digits.length >= 9 && digits.length <= 11) return true;
    const mobile = groups.slice(1).includes('15') || /^04[45]$/.test(groups[0]);
    return mobile && (digits.length === 12 || digits.length === 13);
  }
  if (sizes === '2-4-4') return true;
  if (sizes === '2-2-4-4') return groups[1] === '15';
  return /^[6-9]/.test(digits) && (sizes === '3-3-3' || sizes === '3-2-2-2' || sizes === '2-3-2-2');
}

/** Seven or eight digits after a word that names a phone; two years side by side are not one. */
function isLocalNumber(raw: string): boolean {
  const groups = groupsOf(raw);
  return !isPublic(groups.join('')) && !groups.every((g) => /^(?:19|20)\d\d$/.test(g));
}

/**
 * A phone number said at least partly in words, or spaced out digit by digit: 9 to 13 digits (a
 * Spanish mobile has 9, a UK one 11, with the country code 12 or 13), 7 or 8 right after a word that
 * names a number ("my new number is five five five, oh one six two"); never a helpline or a count.
 */
function isSpokenNumber(raw: string, named: boolean): boolean {
  const read = readSpokenNumber(raw);
  if (!read || isPublic(read.digits) || isCounting(read.values)) return false;
  const n = read.digits.length;
  if (/^(\d)\1*$/.test(read.digits)) return false; // "5 5 5 5 5 5 5 5 5 pills"

  // All digits: only single digits with spaces between them ("6 1 2 3 4 5 6 7 8"); the other
  // patterns read grouped numbers.
  // Mixed ("606 - 5 5 5 - 0 1 3 7") only right after a word that names a phone.
  if (!read.words && !read.values.every((v) => v.length === 1)) {
    return named && n >= 10 && n <= 11 && read.values.filter((v) => v.length === 1).length >= 4;
  }
  return (n >= 9 && n <= 13) || (named && (n === 7 || n === 8));
}

/** "1 2 3 4 5", "uno dos tres cuatro", "diez, veinte, treinta, cuarenta": a count, not a number. */
function isCounting(values: string[]): boolean {
  if (/0123456|1234567|2345678|3456789|4567890|9876543|8765432|7654321|6543210/.test(values.join(''))) return true;
  if (values.length < 4) return false;
  const steps = values.slice(1).map((v, i) => Number(v) - Number(values[i]));
  return steps.every((d) => d === steps[0]);
}

/**
 * The digits of a number said in words: digit words in English and Spanish, Spanish pairs ("doce",
 * "treinta y cuatro", "veintidós"), "double"/"triple" before a digit. Null when the words do not
 * read as one number.
 */
function readSpokenNumber(raw: string): { digits: string; values: string[]; words: boolean } | null {
  const tokens = raw
    .toLowerCase()
    .split(/[ ,.-]+/)
    .filter(Boolean);
  const values: string[] = [];
  let words = false;
  let repeat = 1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'double' || t === 'triple') {
      repeat = t === 'double' ? 2 : 3;
      words = true;
      continue;
    }
    let value: string | undefined;
    if (/^\d+$/.test(t)) value = t;
    else if (t in DIGIT_OF) value = DIGIT_OF[t];
    else if (t in PAIR_OF) value = PAIR_OF[t];
    else if (t in TENS_OF) {
      const unit = tokens[i + 2];
      if (tokens[i + 1] === 'y' && unit && unit in DIGIT_OF && DIGIT_OF[unit] !== '0') {
        value = `${TENS_OF[t]}${DIGIT_OF[unit]}`;
        i += 2;
      } else value = `${TENS_OF[t]}0`;
    } else return null; // a lone "y", or a word the pattern read that is no number
    if (!/^\d+$/.test(t)) words = true;
    for (let k = 0; k < repeat; k++) values.push(value);
    repeat = 1;
  }
  return { digits: values.join(''), values, words };
}

/** Letters and digits, 5 to 9 of them (a state code aside), in a text not written in capitals. */
function isPlate(s: Span, norm: string): boolean {
  const compact = s.text.replace(/^[A-Z]{2} (?=\S+[ -])/, '').replace(/[ -]/g, '');
  if (compact.length < 5 || compact.length > 9 || !/\d/.test(compact) || !/[A-Z]/.test(compact)) return false;
  return /[a-z]/.test(norm.slice(Math.max(0, s.start - 60), s.start));
}

/** An identity number after its name: 6 to 13 digits, not a date. */
function isIdNumber(raw: string): boolean {
  const groups = groupsOf(raw);
  const digits = groups.join('');
  return digits.length >= 6 && digits.length <= 13 && !isDateLike(groups);
}

/** An IBAN whose check digits hold (mod 97), or one in groups of four with its country's length. */
function isIban(raw: string): boolean {
  const compact = raw.replace(/ /g, '');
  const length = IBAN_LENGTHS[compact.slice(0, 2)];
  if (length && compact.length === length && / /.test(raw)) return true;
  if (compact.length < 15 || compact.length > 34) return false;
  const moved = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of value) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/** Wallets, SSNs and identity numbers, bank accounts, licence plates and dates of birth. */
export function findIdentifiers(norm: string, text: string): Span[] {
  return [
    ...spansOf(WALLET, norm, 'wallet', text),
    ...spansOf(SSN, norm, 'ssn', text),
    ...groupSpans(SSN_CONTEXT, norm, text, 'ssn', 1),
    ...[DNI, NIE, CURP, RUT, CUIL, NINO].flatMap((re) => spansOf(re, norm, 'ssn', text)),
    ...groupSpans(ID_CONTEXT, norm, text, 'ssn', 1).filter((s) => isIdNumber(s.text)),
    ...groupSpans(SIN, norm, text, 'ssn', 1),
    ...spansOf(IBAN, norm, 'wallet', text).filter((s) => isIban(s.text)),
    ...groupSpans(BANK_ACCOUNT, norm, text, 'wallet', 1).filter((s) =>
      /^(?:\d{18}|\d{22})$/.test(s.text.replace(/\D/g, '')),
    ),
    ...groupSpans(PLATE, norm, text, 'plate', 1),
    ...groupSpans(PLATE_NAMED, norm, text, 'plate', 1).filter((s) => isPlate(s, norm)),
    ...groupSpans(BIRTH_DATE, norm, text, 'birth_date', 1),
  ];
}

/** A number named as one: 8 to 15 digits, not a helpline, not a date. */
function isContextNumber(raw: string): boolean {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 15 || isPublic(digits)) return false;
  const trimmed = raw.trim();
  // Dialled internationally (+ or 00), or one run of digits.
  if (trimmed.startsWith('+') || trimmed.startsWith('00')) return true;
  const groups = groupsOf(trimmed);
  if (groups.length === 1) return true;
  if (isDateLike(groups)) return false;
  // Nine digits is a Spanish or Uruguayan number in any grouping (611 555 903, 91 123 45 67).
  // Otherwise grouped numbers end in a group of four ("555 0144") or are European pairs.
  if (digits.length === 9) return true;
  return groups[groups.length - 1].length >= 4 || (groups.length >= 4 && groups.slice(1).every((g) => g.length === 2));
}

function isPersonalNumber(raw: string, international: boolean): boolean {
  const digits = raw.replace(/\D/g, '');
  if (isPublic(digits)) return false;
  if (international && !raw.startsWith('+1')) return digits.length >= 8 && digits.length <= 15;
  return digits.length === 10 || (digits.length === 11 && digits.startsWith('1'));
}

export function findEmails(norm: string, text: string): Span[] {
  return [
    ...spansOf(EMAIL, norm, 'email', text),
    ...spansOf(OBFUSCATED_EMAIL, norm, 'email', text),
    ...spansOf(PROVIDER_EMAIL, norm, 'email', text),
    ...spansOf(ARROBA_EMAIL, norm, 'email', text),
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
    ...groupSpans(POSSESSIVE_USERNAME, norm, text, 'handle', 1),
    ...groupSpans(LABELLED_HANDLE, norm, text, 'handle', 1),
    ...groupSpans(ADD_ME_HANDLE, norm, text, 'handle', 1),
    ...groupSpans(PAYMENT_HANDLE, norm, text, 'handle', 1),
    ...groupSpans(PAY_ALIAS, norm, text, 'handle', 2).filter((s) => isPayAlias(s, norm)),
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

/** A payment alias: three parts after "alias" alone, two after mp, cbu or cvu; 6 to 30 characters. */
function isPayAlias(s: Span, norm: string): boolean {
  const parts = s.text.split('.').length;
  if (s.text.length < 6 || s.text.length > 30 || !/[A-Za-z]/.test(s.text)) return false;
  if (/^www\.|\.(?:com|net|org|edu|gov|io)$/i.test(s.text)) return false; // a web address
  const before = norm.slice(Math.max(0, s.start - 28), s.start).toLowerCase();
  return parts >= 3 || /\b(?:mp|mercado ?pago|cbu|cvu)\b/.test(before);
}

export function findAddresses(norm: string, text: string): Span[] {
  const spans: Span[] = [];
  ADDRESS.lastIndex = 0;
  for (let m = ADDRESS.exec(norm); m; m = ADDRESS.exec(norm)) {
    const words = m[1].trim().split(/\s+/);
    // A capitalised word is a name ("15 Block Street"), unless it is a small word ("On Main St").
    if (words.some((w) => NOT_STREET_WORD.test(w) && (/^[a-z]/.test(w) || SMALL_WORD.test(w)))) {
      ADDRESS.lastIndex = m.index + 1; // a real address may start inside the rejected stretch
      continue;
    }
    spans.push(span(text, m.index, m.index + m[0].length, 'address'));
  }
  HISPANIC_STREET.lastIndex = 0;
  for (let m = HISPANIC_STREET.exec(norm); m; m = HISPANIC_STREET.exec(norm)) {
    if (isHispanicStreet(m, norm)) spans.push(span(text, m.index, m.index + m[0].length, 'address'));
    else HISPANIC_STREET.lastIndex = m.index + 1; // "la calle 3 años en Calle Mayor 12"
  }
  const grid: Span[] = [];
  GRID_STREET.lastIndex = 0;
  for (let m = GRID_STREET.exec(norm); m; m = GRID_STREET.exec(norm)) {
    // Abbreviated types ("cl 3 no 4") count only with the grid's dash: "Cl. 26 #51-53".
    if (m[1].length > 3 || /^(?:av|cra)$/i.test(m[1]) || m[0].includes('-'))
      grid.push(span(text, m.index, m.index + m[0].length, 'address'));
  }
  return [
    ...spans,
    ...grid,
    ...spansOf(PO_BOX, norm, 'address', text),
    ...spansOf(NAMED_STREET, norm, 'address', text),
    ...spansOf(CAPITALISED_STREET, norm, 'address', text),
    ...spansOf(UNTYPED_STREET, norm, 'address', text),
    ...spansOf(COLONIA, norm, 'address', text),
    ...spansOf(BUILDING_UNIT, norm, 'address', text),
    ...spansOf(UK_POSTCODE, norm, 'address', text),
    ...spansOf(EIRCODE, norm, 'address', text),
    ...spansOf(CA_POSTCODE, norm, 'address', text),
  ];
}

// Types that are everyday words too ("la carrera de Medicina 2019", "el camino 2"): a year after
// them needs a marker or a floor.
const WORD_TYPES = /^(?:carrera|camino|ronda|paseo|eje|retorno|circuito|plaza|diagonal|transversal|privada|cerrada)\b/i;

/** A street the Spanish way (see HISPANIC_STREET): groups 1 type, 2 name, 3 marker, 4 number, 5 floor. */
function isHispanicStreet(m: RegExpExecArray, norm: string): boolean {
  const words = m[2].split(' ');
  if (words.length === 1 && words[0].length === 1) return false; // "c/u 5": each, not a street
  if (
    words.some((w) => COUNT_WORD.test(w) && !/^(?:de|del|la|las|los|el|y)$/i.test(w)) &&
    !/[A-Z\u00c0-\u00de]/.test(m[2])
  )
    return false;
  if (COUNT_AFTER.test(norm.slice(m.index + m[0].length, m.index + m[0].length + 12))) return false;
  if (words.some((w) => /^(?:a[\u00f1n]os?|mes(?:es)?|d[i\u00ed]as?|horas?|minutos?|veces|semanas?)$/i.test(w)))
    return false;
  const marked = Boolean(m[3] || m[5]) || m[4].toLowerCase() === 's/n';
  if (!marked && WORD_TYPES.test(m[1]) && /^(?:19|20)\d\d$/.test(m[4])) return false;
  return marked || words.some((w) => /^[A-Z\u00c0-\u00de]/.test(w));
}

export function findNames(norm: string, text: string): Span[] {
  const intros = namesOf(INTRO_NAME, norm, text).filter((s) => {
    const [first, last] = s.text.split(/\s+/);
    return !COMMON_CAPITALISED.test(first) && !COMMON_CAPITALISED.test(last);
  });
  const spanish = namesOf(SPANISH_NAME, norm, text).filter((s) => {
    const [first, last] = s.text.split(/\s+/);
    return ![first, last].some((w) => COMMON_CAPITALISED.test(w) || COMMON_CAPITALISED_ES.test(w));
  });
  return [...[FULL_NAME, FIND_ME_NAME].flatMap((re) => namesOf(re, norm, text)), ...intros, ...spanish];
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
