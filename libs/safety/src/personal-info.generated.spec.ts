import { afterAll, describe, expect, it } from '@jest/globals';
import {
  faker,
  fakerEN_AU,
  fakerEN_CA,
  fakerEN_GB,
  fakerEN_IE,
  fakerES,
  fakerES_MX,
  type Faker,
} from '@faker-js/faker';
import { detectPersonalInfo } from './personal-info.js';
import type { PersonalInfoKind } from './types.js';

// Issue 18: personal info written by nobody here. @faker-js/faker generates realistic addresses,
// phone numbers, e-mails and identity numbers (fixed seed), each put in a sentence a member might
// write; the detector must find at least 95 % of each format. The US formats came first (a probe of
// this kind found 36 % of addresses before); the formats abroad follow the national numbering plans
// and address conventions of the UK, Ireland, Australia, Canada, Mexico, Spain, Argentina and
// Colombia, with names, streets and towns from faker's locale of each country.
// PI_REPORT=1 prints the recall of every format.

const COUNT = 300;
const RECALL = 0.95;

type Frame = (value: string) => string;

interface Format {
  name: string;
  /** The locale the values come from. */
  faker: Faker;
  /** A span of one of these kinds must cover part of the value. */
  kinds: PersonalInfoKind[];
  /** One value; `i` picks among the written styles of the format. */
  make: (f: Faker, i: number) => string;
  frames: Frame[];
}

interface Recall {
  rate: number;
  missed: string[];
}

function recallOf(format: Format): Recall {
  const f = format.faker;
  f.seed(18);
  const missed: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const value = format.make(f, i);
    const text = format.frames[i % format.frames.length](value);
    const at = text.indexOf(value);
    const hit = detectPersonalInfo(text).spans.some(
      (s) => (format.kinds as string[]).includes(s.kind) && s.start < at + value.length && s.end > at,
    );
    if (!hit) missed.push(text);
  }
  return { rate: 1 - missed.length / COUNT, missed: missed.slice(0, 10) };
}

/** One of the styles, in turn. */
function pick<T>(i: number, styles: T[]): T {
  return styles[i % styles.length];
}

/** `#` becomes a digit, `?` a letter (faker's own symbols). */
const digits = (f: Faker, pattern: string) => f.helpers.replaceSymbols(pattern);

// ---- frames: how people give a number, an address, an id ----

const EN_PHONE: Frame[] = [
  (v) => `ring me on ${v} if you need a chat`,
  (v) => `my mobile's ${v}, text anytime`,
  (v) => `text me ${v}`,
  (v) => `here's my number ${v} if anyone wants to talk tonight`,
  (v) => `${v} - that's me, call whenever`,
  (v) => `whatsapp me on ${v}`,
  (v) => `give us a bell on ${v} mate`,
  (v) => `anyone near me want to meet up? ${v}`,
];
const ES_PHONE: Frame[] = [
  (v) => `mi cel es ${v}`,
  (v) => `mándame whats al ${v}`,
  (v) => `llámame al ${v} si necesitas hablar`,
  (v) => `escríbeme al ${v} cuando salgas de la reunión`,
  (v) => `mi número: ${v}`,
  (v) => `${v} es mi whatsapp, cualquier cosa`,
  (v) => `te dejo mi número ${v} por si acaso`,
  (v) => `si alguien quiere ir conmigo a la junta ${v}`,
];
const EN_ADDRESS: Frame[] = [
  (v) => `you can come by ${v} tonight if you need somewhere safe`,
  (v) => `I live at ${v}.`,
  (v) => `meet me at ${v}, I'll be outside`,
  (v) => `${v} is my place`,
  (v) => `send the care package to ${v} please`,
];
const ES_ADDRESS: Frame[] = [
  (v) => `vivo en ${v}, por si alguien quiere venir`,
  (v) => `mi dirección es ${v}.`,
  (v) => `nos juntamos en ${v} a las 8`,
  (v) => `${v}, ahí estoy`,
  (v) => `manden el paquete a ${v} porfa`,
];

// ---- numbering plans ----

const UK_AREAS: [string, string][] = [
  ['020', '#### ####'],
  ['0121', '### ####'],
  ['0131', '### ####'],
  ['0141', '### ####'],
  ['0161', '### ####'],
  ['0113', '### ####'],
  ['0117', '### ####'],
  ['01632', '######'],
  ['01273', '######'],
  ['028', '#### ####'],
  ['029', '#### ####'],
];
const IE_MOBILE = ['083', '085', '086', '087', '089'];
const IE_AREAS: [string, string][] = [
  ['01', '### ####'],
  ['021', '### ####'],
  ['091', '### ####'],
  ['061', '### ###'],
  ['051', '### ###'],
];
const AU_AREAS = ['02', '03', '07', '08'];
const MX_AREAS = ['55', '33', '81']; // two-digit areas: Mexico City, Guadalajara, Monterrey
const MX_AREAS_3 = ['664', '999', '222', '442', '614', '656', '667', '998'];
const AR_AREAS_3 = ['351', '341', '261', '381', '223'];
const CO_MOBILE = ['300', '301', '304', '310', '311', '313', '315', '316', '318', '320', '321', '350'];

function ukLandline(f: Faker, i: number): string {
  const [area, local] = f.helpers.arrayElement(UK_AREAS);
  const rest = digits(f, local);
  return pick(i, [
    `${area} ${rest}`,
    `+44 ${area.slice(1)} ${rest}`,
    `(${area}) ${rest}`,
    `+44 (0)${area.slice(1)} ${rest}`,
  ]);
}

const PHONES: Format[] = [
  {
    name: 'UK mobile',
    faker: fakerEN_GB,
    kinds: ['phone'],
    make: (f, i) =>
      pick(i, [
        digits(f, '07### ######'),
        digits(f, '+44 7### ######'),
        digits(f, '07### ### ###'),
        digits(f, '+44 (0)7### ######'),
        digits(f, '07#########'),
        digits(f, '+447#########'),
      ]),
    frames: EN_PHONE,
  },
  { name: 'UK landline', faker: fakerEN_GB, kinds: ['phone'], make: ukLandline, frames: EN_PHONE },
  {
    name: 'Irish',
    faker: fakerEN_IE,
    kinds: ['phone'],
    make: (f, i) => {
      const mobile = f.helpers.arrayElement(IE_MOBILE);
      const [area, local] = f.helpers.arrayElement(IE_AREAS);
      return pick(i, [
        digits(f, `${mobile} ### ####`),
        digits(f, `+353 ${mobile.slice(1)} ### ####`),
        digits(f, `${area} ${local}`),
        digits(f, `(${area}) ${local}`),
        digits(f, `+353 ${area.slice(1)} ${local}`),
        digits(f, `${mobile}#######`),
      ]);
    },
    frames: EN_PHONE,
  },
  {
    name: 'Australian mobile',
    faker: fakerEN_AU,
    kinds: ['phone'],
    make: (f, i) =>
      pick(i, [
        digits(f, '04## ### ###'),
        digits(f, '+61 4## ### ###'),
        digits(f, '+61 4 #### ####'),
        digits(f, '04########'),
        digits(f, '+614########'),
      ]),
    frames: EN_PHONE,
  },
  {
    name: 'Australian landline',
    faker: fakerEN_AU,
    kinds: ['phone'],
    make: (f, i) => {
      const area = f.helpers.arrayElement(AU_AREAS);
      return pick(i, [
        digits(f, `(${area}) #### ####`),
        digits(f, `${area} #### ####`),
        digits(f, `+61 ${area.slice(1)} #### ####`),
      ]);
    },
    frames: EN_PHONE,
  },
  {
    name: 'Canadian (faker en_CA)',
    faker: fakerEN_CA,
    kinds: ['phone'],
    make: (f, i) => f.phone.number({ style: pick(i, ['human', 'national', 'international'] as const) }),
    frames: EN_PHONE,
  },
  {
    name: 'Mexican',
    faker: fakerES_MX,
    kinds: ['phone'],
    make: (f, i) => {
      const area = f.helpers.arrayElement(MX_AREAS);
      const area3 = f.helpers.arrayElement(MX_AREAS_3);
      return pick(i, [
        digits(f, `+52 1 ${area} #### ####`),
        digits(f, `+52 ${area} #### ####`),
        digits(f, `${area} #### ####`),
        digits(f, `(${area}) #### ####`),
        digits(f, `${area}-####-####`),
        digits(f, `+52 (${area}) ####-####`),
        digits(f, `044 ${area} #### ####`),
        digits(f, `${area3} ### ####`),
        digits(f, `+52 ${area3} ### ####`),
        digits(f, `${area}########`),
      ]);
    },
    frames: [...ES_PHONE, (v) => `cel ${v}`, (v) => `cel: ${v}, pregunta por Lupita`],
  },
  {
    name: 'Spanish',
    faker: fakerES,
    kinds: ['phone'],
    make: (f, i) =>
      pick(i, [
        digits(f, '+34 6## ## ## ##'),
        digits(f, '6## ## ## ##'),
        digits(f, '6## ### ###'),
        digits(f, '+34 6## ### ###'),
        digits(f, '7## ### ###'),
        digits(f, '91 ### ## ##'),
        digits(f, '9## ## ## ##'),
        digits(f, '6########'),
        f.phone.number({ style: 'human' }),
      ]),
    frames: [...ES_PHONE, (v) => `bizum al ${v}`, (v) => `mi móvil es ${v}, escribidme`],
  },
  {
    name: 'Argentine',
    faker: fakerES,
    kinds: ['phone'],
    make: (f, i) => {
      const area3 = f.helpers.arrayElement(AR_AREAS_3);
      return pick(i, [
        digits(f, '+54 9 11 ####-####'),
        digits(f, '11 15 #### ####'),
        digits(f, '011 15-####-####'),
        digits(f, '15-####-####'),
        digits(f, '11 ####-####'),
        digits(f, '(011) ####-####'),
        digits(f, `+54 9 ${area3} ###-####`),
        digits(f, `0${area3} 15 ### ####`),
        digits(f, '+54 11 ####-####'),
      ]);
    },
    frames: [...ES_PHONE, (v) => `agendame ${v}`, (v) => `pasame un mensaje al ${v}, dale`],
  },
  {
    name: 'Colombian',
    faker: fakerES,
    kinds: ['phone'],
    make: (f, i) => {
      const mobile = f.helpers.arrayElement(CO_MOBILE);
      return pick(i, [
        digits(f, `+57 ${mobile} ### ####`),
        digits(f, `${mobile} ### ####`),
        digits(f, `${mobile} #######`),
        digits(f, `+57 ${mobile}#######`),
        digits(f, '601 ### ####'),
        digits(f, '+57 601 ### ####'),
      ]);
    },
    frames: ES_PHONE,
  },
];

// ---- numbers said in words or spaced out ----

const ES_DIGITS = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'];
const ES_TEENS = [
  'diez',
  'once',
  'doce',
  'trece',
  'catorce',
  'quince',
  'dieciséis',
  'diecisiete',
  'dieciocho',
  'diecinueve',
];
const ES_TWENTIES = [
  'veinte',
  'veintiuno',
  'veintidós',
  'veintitrés',
  'veinticuatro',
  'veinticinco',
  'veintiséis',
  'veintisiete',
  'veintiocho',
  'veintinueve',
];
const ES_TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const EN_DIGITS = ['oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** A two-digit group as a Spanish speaker says it: "34" → "treinta y cuatro", "05" → "cero cinco". */
function spanishPair(pair: string): string {
  const n = Number(pair);
  if (pair[0] === '0') return `cero ${ES_DIGITS[n]}`;
  if (n < 10) return ES_DIGITS[n];
  if (n < 20) return ES_TEENS[n - 10];
  if (n < 30) return ES_TWENTIES[n - 20];
  return n % 10 === 0 ? ES_TENS[n / 10] : `${ES_TENS[Math.floor(n / 10)]} y ${ES_DIGITS[n % 10]}`;
}

const byDigit = (words: string[], number: string, sep: string) => [...number].map((d) => words[Number(d)]).join(sep);

const SPOKEN: Format[] = [
  {
    name: 'Spanish mobile in words, digit by digit',
    faker: fakerES,
    kinds: ['phone'],
    make: (f, i) => {
      const n = digits(f, '6########');
      return pick(i, [
        byDigit(ES_DIGITS, n, ' '),
        `${byDigit(ES_DIGITS, n.slice(0, 3), ' ')}, ${byDigit(ES_DIGITS, n.slice(3, 6), ' ')}, ${byDigit(ES_DIGITS, n.slice(6), ' ')}`,
        byDigit(ES_DIGITS, n, '-'),
      ]);
    },
    frames: ES_PHONE,
  },
  {
    name: 'Spanish mobile in words, in pairs',
    faker: fakerES,
    kinds: ['phone'],
    make: (f) => {
      const n = digits(f, '6########');
      return [ES_DIGITS[Number(n[0])], ...[1, 3, 5, 7].map((k) => spanishPair(n.slice(k, k + 2)))].join(' ');
    },
    frames: ES_PHONE,
  },
  {
    name: 'Mexican number in words',
    faker: fakerES_MX,
    kinds: ['phone'],
    make: (f, i) => {
      const n = digits(f, `${f.helpers.arrayElement(MX_AREAS)}########`);
      return pick(i, [
        byDigit(ES_DIGITS, n, ' '),
        `${byDigit(ES_DIGITS, n.slice(0, 2), ' ')}, ${byDigit(ES_DIGITS, n.slice(2, 6), ' ')}, ${byDigit(ES_DIGITS, n.slice(6), ' ')}`,
      ]);
    },
    frames: ES_PHONE,
  },
  {
    name: 'spaced digits',
    faker: fakerES,
    kinds: ['phone'],
    make: (f, i) => {
      const n = pick(i, [
        digits(f, '6########'),
        digits(f, '55########'),
        digits(f, '07#########'),
        digits(f, '3#########'),
      ]);
      return pick(i, [[...n].join(' '), [...n].join('-'), [...n].join('.')]);
    },
    frames: [...ES_PHONE, ...EN_PHONE],
  },
  {
    name: 'UK mobile in words',
    faker: fakerEN_GB,
    kinds: ['phone'],
    make: (f) => byDigit(EN_DIGITS, digits(f, '07#########'), ' '),
    frames: EN_PHONE,
  },
];

// ---- e-mails ----

const ES_PROVIDERS = ['gmail', 'hotmail', 'yahoo', 'outlook', 'live', 'icloud'];
const ES_TLDS = ['com', 'es', 'com punto mx', 'com punto ar', 'mx', 'co'];

function spanishUser(f: Faker, i: number): string {
  const first = f.helpers.slugify(f.person.firstName()).toLowerCase();
  const last = f.helpers.slugify(f.person.lastName()).toLowerCase();
  return pick(i, [
    `${first}.${last}`,
    `${first}_${last}${f.number.int(99)}`,
    `${first}${last}`,
    f.internet.username().toLowerCase(),
  ]);
}

const EMAILS: Format[] = [
  {
    name: 'e-mail (faker, every locale)',
    faker: fakerES_MX,
    kinds: ['email'],
    make: (f, i) =>
      pick(i, [fakerEN_GB, fakerEN_AU, fakerEN_IE, fakerES, fakerES_MX, fakerEN_CA]).internet.email({
        provider: pick(i, [
          'hotmail.co.uk',
          'bigpond.com.au',
          'eircom.net',
          'telefonica.es',
          'prodigy.net.mx',
          'yahoo.com.ar',
          'gmail.com',
        ]),
      }),
    frames: [(v) => `escríbeme a ${v}`, (v) => `email me at ${v}`, (v) => `(${v})`],
  },
  {
    name: 'Spanish obfuscated e-mail (arroba, punto)',
    faker: fakerES,
    kinds: ['email'],
    make: (f, i) => {
      const user = spanishUser(f, i);
      const provider = f.helpers.arrayElement(ES_PROVIDERS);
      const tld = f.helpers.arrayElement(ES_TLDS);
      return pick(i, [
        `${user} arroba ${provider} punto ${tld}`,
        `${user} (arroba) ${provider} (punto) com`,
        `${user} arroba ${provider}`,
        `${user.replace(/\./g, ' punto ')} arroba ${provider} punto ${tld}`,
        `${user}[arroba]${provider}.com`,
        `${user} @ ${provider} . com`,
        `${user} ARROBA ${provider} PUNTO COM`,
      ]);
    },
    frames: [
      (v) => `mi correo es ${v}`,
      (v) => `escríbeme a ${v}`,
      (v) => `mándame los papeles a ${v} porfa`,
      (v) => `${v}, ahí me encuentras`,
    ],
  },
];

// ---- addresses and postcodes ----

const UK_POSTCODE_AREAS = [
  'SW',
  'SE',
  'NW',
  'N',
  'E',
  'W',
  'EC',
  'WC',
  'M',
  'B',
  'L',
  'LS',
  'G',
  'EH',
  'CF',
  'BS',
  'NE',
  'S',
  'NG',
  'LE',
  'CV',
  'BT',
  'OX',
  'CB',
  'BN',
  'PO',
  'SO',
  'RG',
  'YO',
  'HU',
];
const UK_INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

function ukPostcode(f: Faker): string {
  const area = f.helpers.arrayElement(UK_POSTCODE_AREAS);
  // Districts with a letter (SW1A, EC1V, W1D) exist only in central London.
  const central = ['SW', 'SE', 'NW', 'N', 'E', 'W', 'EC', 'WC'].includes(area) && f.datatype.boolean();
  const district = central
    ? `1${f.helpers.arrayElement(['A', 'E', 'H', 'M', 'N', 'P', 'V', 'W'])}`
    : String(f.number.int({ min: 1, max: 30 }));
  const letter = () => f.helpers.arrayElement([...UK_INWARD_LETTERS]);
  return `${area}${district} ${f.number.int(9)}${letter()}${letter()}`;
}

const EIRCODE_LETTERS = 'ACDEFHKNPRTVWXY';
const EIRCODE_KEYS = [
  'A65',
  'D02',
  'D04',
  'D08',
  'D15',
  'D6W',
  'T12',
  'T23',
  'H91',
  'V94',
  'F94',
  'R95',
  'X91',
  'W23',
  'K78',
  'N91',
  'P85',
  'Y35',
  'E91',
  'C15',
];

function eircode(f: Faker): string {
  const any = () => f.helpers.arrayElement([...`0123456789${EIRCODE_LETTERS}`]);
  return `${f.helpers.arrayElement(EIRCODE_KEYS)} ${f.helpers.arrayElement([...EIRCODE_LETTERS])}${f.number.int(9)}${any()}${any()}`;
}

const MX_COLONIAS = [
  'Roma Norte',
  'Condesa',
  'Del Valle',
  'Centro',
  'Narvarte Poniente',
  'Jardines del Bosque',
  'Obrera',
  'Doctores',
  'Santa María la Ribera',
  'Polanco',
  'Providencia',
  'Mitras Centro',
];
const AR_STREETS = [
  'Corrientes',
  'Santa Fe',
  'Rivadavia',
  'Cabildo',
  'Belgrano',
  'San Martín',
  'Callao',
  'Pueyrredón',
  'Córdoba',
  'General Paz',
  'Colón',
  'Las Heras',
];
const ES_STREET_TYPES = [
  'Calle',
  'C/',
  'calle',
  'Avda.',
  'Avenida',
  'Av.',
  'Paseo',
  'Plaza',
  'Pza.',
  'Ronda',
  'Travesía',
  'Camino',
  'Rambla',
  'Rúa',
  'Carretera',
];
const MX_STREET_TYPES = [
  'Calle',
  'Av.',
  'Avenida',
  'Calz.',
  'Calzada',
  'Blvd.',
  'Privada',
  'Priv.',
  'Cerrada',
  'Prolongación',
  'calle',
  'Retorno',
  'Andador',
  'Circuito',
];
const CO_STREET_TYPES = [
  'Calle',
  'Carrera',
  'Cra.',
  'Cra',
  'Cl.',
  'Diagonal',
  'Transversal',
  'Av. Calle',
  'Kr',
  'Avenida Carrera',
];

/** A street named the Spanish way: a person, a saint, a date or a word, from faker's Spanish names. */
function hispanicStreetName(f: Faker, i: number): string {
  return pick(i, [
    f.person.lastName(),
    `${f.person.firstName()} ${f.person.lastName()}`,
    `de ${f.location.city()}`,
    `San ${f.person.firstName('male')}`,
    `del ${f.helpers.arrayElement(['Pez', 'Sol', 'Carmen', 'Olivo', 'Prado', 'Río', 'Mar'])}`,
    `${f.number.int({ min: 1, max: 28 })} de ${f.helpers.arrayElement(['Mayo', 'Septiembre', 'Febrero', 'Julio'])}`,
    f.location.city(),
  ]);
}

const ADDRESSES: Format[] = [
  {
    name: 'UK address',
    faker: fakerEN_GB,
    kinds: ['address'],
    make: (f, i) =>
      pick(i, [
        `${f.location.buildingNumber()} ${f.location.street()}`,
        `Flat ${f.number.int({ min: 1, max: 40 })}, ${f.location.buildingNumber()} ${f.location.street()}`,
        `${f.location.buildingNumber()} ${f.location.street()}, ${f.location.city()} ${ukPostcode(f)}`,
        `${f.location.buildingNumber()} ${f.location.street()}, ${f.location.city()}`,
      ]),
    frames: EN_ADDRESS,
  },
  {
    name: 'UK postcode',
    faker: fakerEN_GB,
    kinds: ['address'],
    make: ukPostcode,
    frames: [
      (v) => `my postcode is ${v}`,
      (v) => `I'm at ${v} if anyone's local`,
      (v) => `${v}, the flat above the chippy`,
    ],
  },
  {
    name: 'Irish address and Eircode',
    faker: fakerEN_IE,
    kinds: ['address'],
    make: (f, i) =>
      pick(i, [
        `${f.number.int({ min: 1, max: 120 })} ${f.location.street()}, ${f.location.city()}`,
        `${f.location.city()}, Co. ${f.location.county()}, ${eircode(f)}`,
        eircode(f),
        `Apartment ${f.number.int({ min: 1, max: 60 })}, ${f.number.int({ min: 1, max: 120 })} ${f.person.lastName()} Street, Dublin ${f.number.int({ min: 1, max: 24 })}`,
      ]),
    frames: EN_ADDRESS,
  },
  {
    name: 'Australian address',
    faker: fakerEN_AU,
    kinds: ['address'],
    make: (f, i) =>
      pick(i, [
        f.location.streetAddress(),
        `${f.location.streetAddress()}, ${f.location.city()} ${f.location.state({ abbreviated: true })} ${f.location.zipCode()}`,
        `Unit ${f.number.int({ min: 1, max: 30 })}/${f.number.int({ min: 1, max: 200 })} ${f.person.lastName()} St`,
        `${f.number.int({ min: 1, max: 300 })} ${f.person.lastName()} Rd, ${f.location.city()}`,
      ]),
    frames: EN_ADDRESS,
  },
  {
    name: 'Canadian address and postal code',
    faker: fakerEN_CA,
    kinds: ['address'],
    make: (f, i) =>
      pick(i, [
        f.location.streetAddress(i % 2 === 0),
        `${f.location.streetAddress()}, ${f.location.city()}, ${f.location.state({ abbreviated: true })} ${f.location.zipCode()}`,
        f.location.zipCode(),
      ]),
    frames: EN_ADDRESS,
  },
  {
    name: 'Mexican address (faker es_MX)',
    faker: fakerES_MX,
    kinds: ['address'],
    make: (f, i) => f.location.streetAddress(i % 2 === 0),
    frames: ES_ADDRESS,
  },
  {
    name: 'Mexican address with colonia and CP',
    faker: fakerES_MX,
    kinds: ['address'],
    make: (f, i) => {
      const street = `${f.helpers.arrayElement(MX_STREET_TYPES)} ${hispanicStreetName(f, i)}`;
      const number = f.number.int({ min: 1, max: 3999 });
      const colonia = f.helpers.arrayElement(MX_COLONIAS);
      const cp = f.location.zipCode();
      return pick(i, [
        `${street} ${number}, Col. ${colonia}, CP ${cp}`,
        `${street} #${number}, colonia ${colonia}`,
        `${street} ${number} int ${f.number.int({ min: 1, max: 12 })}, col. ${colonia}`,
        `Col. ${colonia}, C.P. ${cp}`,
        `${street} No. ${number}, ${f.location.city()}`,
        `${street} ${number}`,
      ]);
    },
    frames: ES_ADDRESS,
  },
  {
    name: 'Spanish address',
    faker: fakerES,
    kinds: ['address'],
    make: (f, i) => {
      const street = `${f.helpers.arrayElement(ES_STREET_TYPES)} ${hispanicStreetName(f, i)}`;
      const number = f.number.int({ min: 1, max: 250 });
      return pick(i, [
        `${street} ${number}, ${f.location.secondaryAddress()}`,
        `${street}, ${number}`,
        `${street} ${number}, ${f.number.int({ min: 1, max: 8 })}º${f.helpers.arrayElement(['A', 'B', 'C', ' izda.', ' dcha.', ''])}`,
        `${street} ${number}, ${f.location.zipCode()} ${f.location.city()}`,
        `${street} nº ${number}`,
        `${street} ${number}`,
      ]);
    },
    frames: ES_ADDRESS,
  },
  {
    name: 'Argentine address',
    faker: fakerES,
    kinds: ['address'],
    make: (f, i) => {
      const name = pick(Math.floor(i / 4), [f.helpers.arrayElement(AR_STREETS), f.person.lastName()]);
      const number = f.number.int({ min: 100, max: 9999 });
      return pick(i, [
        `Av. ${name} ${number}`,
        `Av. ${name} ${number}, ${f.number.int({ min: 1, max: 12 })}° ${f.helpers.arrayElement(['A', 'B', 'C', 'D'])}`,
        `${name} ${number}, piso ${f.number.int({ min: 1, max: 12 })}, depto ${f.helpers.arrayElement(['A', 'B', '4', '12'])}`,
        `calle ${name} ${number}`,
        `${name} ${number} dpto ${f.number.int({ min: 1, max: 9 })}`,
        `Avenida ${name} ${number}, CABA`,
      ]);
    },
    frames: ES_ADDRESS,
  },
  {
    name: 'Colombian address',
    faker: fakerES,
    kinds: ['address'],
    make: (f, i) => {
      const type = f.helpers.arrayElement(CO_STREET_TYPES);
      const a = `${f.number.int({ min: 1, max: 180 })}${f.helpers.arrayElement(['', '', 'A', 'B', ' Sur', ' Bis'])}`;
      const b = f.number.int({ min: 1, max: 120 });
      const c = f.number.int({ min: 1, max: 99 });
      return pick(i, [
        `${type} ${a} #${b}-${c}`,
        `${type} ${a} # ${b} - ${c}`,
        `${type} ${a} No. ${b}-${c}`,
        `${type} ${a} n° ${b}-${c}, Medellín`,
      ]);
    },
    frames: ES_ADDRESS,
  },
];

// ---- identity numbers ----

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const dniLetter = (n: number) => DNI_LETTERS[n % 23];

function rutCheck(body: number): string {
  let sum = 0;
  let factor = 2;
  for (const d of [...String(body)].reverse()) {
    sum += Number(d) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const r = 11 - (sum % 11);
  return r === 11 ? '0' : r === 10 ? 'K' : String(r);
}

const dotted = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

const CURP_STATES = ['DF', 'JC', 'NL', 'MC', 'PL', 'GT', 'VZ', 'CH', 'BC', 'SR', 'YN', 'OC'];

function curp(f: Faker): string {
  const upper = (s: string) =>
    f.helpers
      .slugify(s)
      .toUpperCase()
      .replace(/[^A-Z]/g, 'X');
  const last1 = upper(f.person.lastName());
  const last2 = upper(f.person.lastName());
  const first = upper(f.person.firstName());
  const vowel = [...last1.slice(1)].find((c) => 'AEIOU'.includes(c)) ?? 'X';
  const consonant = (s: string) => [...s.slice(1)].find((c) => !'AEIOU'.includes(c)) ?? 'X';
  const born = f.date.birthdate({ min: 18, max: 70, mode: 'age' });
  const ymd = `${String(born.getFullYear()).slice(2)}${String(born.getMonth() + 1).padStart(2, '0')}${String(born.getDate()).padStart(2, '0')}`;
  return `${last1[0]}${vowel}${last2[0]}${first[0]}${ymd}${f.helpers.arrayElement(['H', 'M'])}${f.helpers.arrayElement(CURP_STATES)}${consonant(last1)}${consonant(last2)}${consonant(first)}${born.getFullYear() < 2000 ? f.number.int(9) : 'A'}${f.number.int(9)}`;
}

const NINO_PREFIX = ['AB', 'CE', 'JG', 'KL', 'NP', 'PR', 'SW', 'TZ', 'WA', 'YH'];

const ES_ID_FRAMES: Frame[] = [
  (v) => `mi dni es ${v}`,
  (v) => `DNI ${v}, lo pongo para el formulario`,
  (v) => `te paso mis datos: ${v}`,
];

const IDS: Format[] = [
  {
    name: 'Spanish DNI',
    faker: fakerES,
    kinds: ['ssn'],
    make: (f, i) => {
      const n = f.number.int({ min: 10_000_000, max: 79_999_999 });
      return pick(i, [
        `${n}${dniLetter(n)}`,
        `${n}-${dniLetter(n)}`,
        `${dotted(n)}-${dniLetter(n)}`,
        `${n} ${dniLetter(n)}`,
      ]);
    },
    frames: ES_ID_FRAMES,
  },
  {
    name: 'Spanish NIE',
    faker: fakerES,
    kinds: ['ssn'],
    make: (f, i) => {
      const n = f.number.int({ min: 1_000_000, max: 9_999_999 });
      const prefix = f.helpers.arrayElement(['X', 'Y', 'Z']);
      const letter = dniLetter(Number(`${'XYZ'.indexOf(prefix)}${n}`));
      return pick(i, [`${prefix}${n}${letter}`, `${prefix}-${n}-${letter}`]);
    },
    frames: [(v) => `mi NIE es ${v}`, (v) => `NIE: ${v}`, (v) => `te paso el nie ${v} para la cita`],
  },
  {
    name: 'Mexican CURP',
    faker: fakerES_MX,
    kinds: ['ssn'],
    make: curp,
    frames: [(v) => `mi CURP es ${v}`, (v) => `CURP: ${v} por si lo piden`, (v) => `${v} ese es el de mi hijo`],
  },
  {
    name: 'Chilean RUT',
    faker: fakerES,
    kinds: ['ssn'],
    make: (f, i) => {
      const n = f.number.int({ min: 5_000_000, max: 26_000_000 });
      return pick(i, [`${dotted(n)}-${rutCheck(n)}`, `${n}-${rutCheck(n)}`]);
    },
    frames: [(v) => `el RUT de mi hijo es ${v}`, (v) => `mi rut ${v}`, (v) => `RUN: ${v}, para la ficha del cesfam`],
  },
  {
    name: 'Argentine DNI and CUIL',
    faker: fakerES,
    kinds: ['ssn'],
    make: (f, i) => {
      const n = f.number.int({ min: 20_000_000, max: 46_000_000 });
      return pick(i, [
        `DNI ${dotted(n)}`,
        `D.N.I. ${n}`,
        `CUIL ${f.helpers.arrayElement(['20', '27', '23'])}-${n}-${f.number.int(9)}`,
        `documento ${dotted(n)}`,
      ]);
    },
    frames: [(v) => `mi ${v}, lo necesitan en el hospital`, (v) => `les paso el ${v} de mi vieja`, (v) => `${v}`],
  },
  {
    name: 'Colombian cédula',
    faker: fakerES,
    kinds: ['ssn'],
    make: (f, i) => {
      const n = f.number.int({ min: 10_000_000, max: 1_199_999_999 });
      return pick(i, [`cédula ${dotted(n)}`, `C.C. ${dotted(n)}`, `CC ${n}`, `cedula ${n}`]);
    },
    frames: [
      (v) => `mi ${v}`,
      (v) => `el de mi hermano: ${v}, por si preguntan en la clínica`,
      (v) => `${v} a nombre de mi mamá`,
    ],
  },
  {
    name: 'US SSN written every way',
    faker: faker,
    kinds: ['ssn'],
    make: (f, i) => {
      const a = String(f.number.int({ min: 100, max: 665 }));
      const b = String(f.number.int({ min: 10, max: 99 }));
      const c = String(f.number.int({ min: 1000, max: 9999 }));
      return pick(i, [
        `${a}-${b}-${c}`,
        `${a} ${b} ${c}`,
        `ssn ${a}${b}${c}`,
        `SS# ${a}-${b}-${c}`,
        `social is ${a} ${b} ${c}`,
        `seguro social ${a}-${b}-${c}`,
        `${a}.${b}.${c}`,
      ]);
    },
    frames: [(v) => `my ${v}`, (v) => `for the form: ${v}`, (v) => `mi ${v}, lo piden en la clínica`],
  },
  {
    name: 'UK National Insurance number',
    faker: fakerEN_GB,
    kinds: ['ssn'],
    make: (f, i) => {
      const p = f.helpers.arrayElement(NINO_PREFIX);
      const n = digits(f, '######');
      const s = f.helpers.arrayElement(['A', 'B', 'C', 'D']);
      return pick(i, [`${p}${n}${s}`, `${p} ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4)} ${s}`]);
    },
    frames: [(v) => `my NI number is ${v}`, (v) => `national insurance ${v}`, (v) => `NI no: ${v} for the job centre`],
  },
];

// ---- messenger links and payment handles ----

const LINKS: Format[] = [
  {
    name: 'WhatsApp and Telegram links',
    faker: fakerES_MX,
    kinds: ['profile_url'],
    make: (f, i) => {
      const user = f.internet.username().replace(/[^A-Za-z0-9_]/g, '_');
      return pick(i, [
        digits(f, 'wa.me/521##########'),
        digits(f, 'https://wa.me/+346########'),
        `https://api.whatsapp.com/send?phone=${digits(f, '549##########')}`,
        `https://chat.whatsapp.com/${f.string.alphanumeric(22)}`,
        `t.me/${user}`,
        `https://t.me/+${f.string.alphanumeric(16)}`,
        `telegram.me/${user}`,
        `https://t.me/joinchat/${f.string.alphanumeric(16)}`,
        `wa.me/${digits(f, '447#########')}?text=hola`,
      ]);
    },
    frames: [(v) => `escríbeme aquí ${v}`, (v) => `join us ${v}`, (v) => `${v} 👈 ahí me encuentras`],
  },
  {
    name: 'payment handles (Bizum, Mercado Pago, CBU, CLABE, PayPal)',
    faker: fakerES,
    kinds: ['phone', 'handle', 'wallet', 'profile_url'],
    make: (f, i) => {
      const w = () =>
        f.word
          .noun({ length: { min: 3, max: 6 } })
          .toLowerCase()
          .replace(/[^a-z]/g, '');
      return pick(i, [
        digits(f, 'bizum al 6## ### ###'),
        digits(f, 'hazme un bizum al 6########'),
        `alias ${w()}.${w()}.${w()}`,
        `mi alias de mercado pago es ${w()}.${w()}.mp`,
        `transferime al alias ${w().toUpperCase()}.${w().toUpperCase()}.${w().toUpperCase()}`,
        digits(f, 'CBU 0#####################'),
        digits(f, 'CVU 000000################'),
        digits(f, 'CLABE 012############### '),
        `paypal.me/${f.internet.username().replace(/[^A-Za-z0-9]/g, '')}`,
      ]).trim();
    },
    frames: [(v) => `para la colecta: ${v}`, (v) => `${v}, lo que puedan 🙏`, (v) => `si quieren ayudar ${v} gracias`],
  },
];

const FORMATS: Format[] = [...PHONES, ...SPOKEN, ...EMAILS, ...ADDRESSES, ...IDS, ...LINKS];

describe('personal info in generated data (@faker-js/faker, seed 18)', () => {
  it(`finds at least ${RECALL * 100} % of US street addresses`, () => {
    faker.seed(18);
    const result = recallOf({
      name: 'US address',
      faker,
      kinds: ['address'],
      make: (f, i) => f.location.streetAddress(i % 3 === 0),
      frames: EN_ADDRESS.slice(0, 4),
    });
    expect(result.rate >= RECALL ? 'ok' : result).toBe('ok');
  });

  it(`finds at least ${RECALL * 100} % of US phone numbers in every style`, () => {
    const styles = ['human', 'national', 'international'] as const;
    const result = recallOf({
      name: 'US phone',
      faker,
      kinds: ['phone'],
      make: (f, i) => f.phone.number({ style: styles[i % 3] }),
      frames: [(v) => `text me ${v}`, (v) => `my cell is ${v} after 6`, (v) => `${v} - that's me`],
    });
    expect(result.rate >= RECALL ? 'ok' : result).toBe('ok');
  });

  it(`finds at least ${RECALL * 100} % of e-mail addresses`, () => {
    const result = recallOf({
      name: 'US e-mail',
      faker,
      kinds: ['email'],
      make: (f) => f.internet.email(),
      frames: [(v) => `email me at ${v}`, (v) => `(${v})`, (v) => `${v} is best`],
    });
    expect(result.rate >= RECALL ? 'ok' : result).toBe('ok');
  });

  const results = new Map<string, Recall>();
  afterAll(() => {
    if (process.env.PI_REPORT !== '1') return;
    const rows = [...results].map(
      ([name, r]) =>
        `${(r.rate * 100).toFixed(1).padStart(6)} %  ${name}${r.missed.map((t) => `\n          missed: ${t}`).join('')}`,
    );
    console.log(`recall per format (${COUNT} texts each)\n${rows.join('\n')}`);
  });

  it.each(FORMATS.map((f) => [f.name, f] as const))(`finds at least ${RECALL * 100} %% of %s`, (_name, format) => {
    const result = recallOf(format);
    results.set(format.name, result);
    expect(result.rate >= RECALL ? 'ok' : result).toBe('ok');
  });
});

// Numbers that are fine to post: helplines at home and abroad, doses, days, prices, years, times,
// meeting ids, clean dates and postcodes alone. None may be read as someone's personal info.
describe('numbers that are not personal info', () => {
  it.each([
    'call or text 988, they answer',
    'llama al 988 y marca 2',
    'call 911 if he is not breathing',
    'en España llama al 112',
    'ring 999 straight away',
    'SAMHSA: 1-800-662-4357, free and confidential',
    'Samaritans are on 116 123, free, day or night',
    'text SHOUT to 85258',
    'text HOME to 741741',
    'en España está el 024, línea de atención a la conducta suicida',
    'Línea de la Vida: 800 911 2000, las 24 horas',
    'Lifeline 13 11 14 any time',
    'Beyond Blue 1300 22 4636',
    'FRANK on 0300 123 6600 for drug advice',
    'CALM 0800 58 58 58 from 5pm',
    'HSE drugs and alcohol helpline 1800 459 459',
    'Pieta 1800 247 247, text HELP to 51444',
    'Teléfono de la Esperanza 717 003 717',
    'Fundación ANAR 900 20 20 10',
    'SAPTEL 55 5259 8121, atienden todo el día',
    'en Argentina el 135 o (011) 5275-1135',
    'SEDRONAR línea 141, gratuita',
    'Talk Suicide Canada 1-833-456-4566',
    'Kids Help Phone 1-800-668-6868',
    "I'm on 16 mg of bupe, down from 24 mg",
    'tomo 16 mg de metadona cada mañana',
    'day 365 today!!',
    'día 365 sin consumir',
    'it costs $20 a week',
    'me cobraron 20 € la consulta',
    'clean since 2019, relapsed in 2021, clean again since 2022',
    'meeting at 7:30pm in room 204',
    'la reunión es a las 19:30 en la sala 3',
    'Meeting ID: 812 345 6789, passcode 4321',
    'Zoom ID 845 2210 9931',
    'ID de reunión: 845 2210 9931, código 1234',
    'clean since 3/4/2021',
    'limpio desde el 03/04/2021',
    'sober since 03.04.2021',
    'my zip is 90210',
    'el CP es 06700',
    'código postal 28013, Madrid',
    'I have 1 2 3 4 5 6 7 8 9 10 reasons to stay',
    'uno, dos, tres, cuatro, cinco, seis, siete, ocho, nueve, diez',
    'step 4, page 417 of the Big Book',
    'weighed 145 lbs, now 172 lbs',
    'the 2023 2024 season was hard',
    'mi hijo tiene 17 años y lleva 3 meses limpio',
    'Las 12 Tradiciones, paso 1 2 y 3',
    'Box 2 of 3',
  ])('finds nothing in %p', (text) => {
    expect(detectPersonalInfo(text)).toEqual({ found: false, spans: [] });
  });
});
