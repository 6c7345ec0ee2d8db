import { describe, expect, it } from '@jest/globals';
import { detectPersonalInfo as sut } from './personal-info.js';
import type { PersonalInfoKind } from './types.js';

function kinds(text: string): string[] {
  return sut(text).spans.map((s) => s.kind);
}

describe(sut.name, () => {
  it.each<[string, PersonalInfoKind, string]>([
    ['call me at (555) 123-4567 tonight', 'phone', '(555) 123-4567'],
    ['text 555-123-4567', 'phone', '555-123-4567'],
    ['my number is +1 555 123 4567', 'phone', '+1 555 123 4567'],
    ['in London: +44 20 7946 0958', 'phone', '+44 20 7946 0958'],
    ['email me at jenny.r@gmail.com', 'email', 'jenny.r@gmail.com'],
    ['mark_h82 at yahoo dot com', 'email', 'mark_h82 at yahoo dot com'],
    ["I'm at 123 Main St", 'address', '123 Main St'],
    ['send it to 42 Oak Avenue Apt 3', 'address', '42 Oak Avenue Apt 3'],
    ['follow me @fresh_start_mike', 'handle', '@fresh_start_mike'],
    ['my snap is jakeyboy22', 'handle', 'jakeyboy22'],
    ['ig: sober.sarah.93', 'handle', 'sober.sarah.93'],
    ['instagram.com/katie.clean', 'profile_url', 'instagram.com/katie.clean'],
    ['https://www.facebook.com/john.doe.1987', 'profile_url', 'https://www.facebook.com/john.doe.1987'],
    ['t.me/soberdan', 'profile_url', 't.me/soberdan'],
    ['my name is Sarah Mitchell', 'name', 'Sarah Mitchell'],
    ["My full name is Kevin O'Brien", 'name', "Kevin O'Brien"],
    ['write to PO Box 123, Dayton', 'address', 'PO Box 123'],
    ['cashapp $jessc for the raffle', 'handle', '$jessc'],
    ['call me on 07700 900123 in the UK', 'phone', '07700 900123'],
    ['whatsapp me 919876543210', 'phone', '919876543210'],
    ['the number is 0044 20 7946 0958', 'phone', '0044 20 7946 0958'],
    ['snap me jayyy.2x', 'handle', 'jayyy.2x'],
    ['i ship anywhere. snap \u279c bluegrass.blues', 'handle', 'bluegrass.blues'],
    ['selling 2, snap jaydee_real', 'handle', 'jaydee_real'],
    ["dm me on discord, it's nightowl#4412", 'handle', 'nightowl#4412'],
    ['my mail is kels.r at protonmail', 'email', 'kels.r at protonmail'],
    ['tommy_k (at) outlook (dot) com', 'email', 'tommy_k (at) outlook (dot) com'],
    ["hi im Kevin O'Brien, 45, from Tulsa", 'name', "Kevin O'Brien"],
    ["I'm Sarah Kim btw", 'name', 'Sarah Kim'],
  ])('finds %p', (text, kind, found) => {
    const { found: any, spans } = sut(text);
    expect(any).toBe(true);
    expect(spans).toContainEqual(expect.objectContaining({ kind, text: found }));
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it.each([
    'call or text 988',
    'SAMHSA: 1-800-662-4357, free and confidential',
    'Never Use Alone 800-484-3731',
    'text HOME to 741741',
    "I'm on 16 mg of bupe",
    '90 days clean as of 03/15/2024',
    'meeting at 7:30pm in room 204',
    'clean since 2019-06-01',
    'I walked 3 blocks down Main St',
    'I used to cop on 5th street',
    'my name is Mike',
    '@mods please pin this',
    'instagram is toxic for my recovery',
    'my snap streak is 200 days',
    'my number: 555-0199-222',
    'case number 2023-04417-88',
    "I'm Catholic Irish so guilt is my thing",
    "Hi I'm Not Okay",
    'snap me tonight lol',
    'email me at work',
    'Meeting ID 845 2210 9931',
  ])('finds nothing in %p', (text) => {
    expect(sut(text)).toEqual({ found: false, spans: [] });
  });

  it('reports each detail once, even when two rules see it', () => {
    expect(kinds('telegram: @soberdan')).toEqual(['handle']);
    expect(kinds('write to sam@example.org')).toEqual(['email']);
  });
});

describe('issue 18: personal info in more shapes', () => {
  it.each([
    ['my number is six one seven five five five zero one nine two', 'phone'],
    ['call me at 617 five five five 0192', 'phone'],
    ['mi número es 55 1234 5678', 'phone'],
    ['whatsapp +52 1 55 1234 5678', 'phone'],
    ['mándame whats al 55 1234 5678', 'phone'],
    ['+52 (55) 1234-5678', 'phone'],
    ['+34 612 34 56 78', 'phone'],
    ['text me 044 55 1234 5678', 'phone'],
    ['send it to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'wallet'],
    ['btc 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', 'wallet'],
    ['eth 0x742d35Cc6634C0532925a3b844Bc454e4438f44e', 'wallet'],
    ['pago en usdt trc20 a TXq7Lm3Np9Rt2Vw5Yz8Bc4Df6Gh1Jk0Ls', 'wallet'],
    ['my ssn is 123-45-6789', 'ssn'],
    ['social security 123 45 6789', 'ssn'],
    ['my plate is 7ABC123', 'plate'],
    ['license plate: ABC-1234', 'plate'],
    ['dob 04/12/1987', 'birth_date'],
    ['I was born on March 3, 1987', 'birth_date'],
    ['I live at 5818 Russell Street Suite 306', 'address'],
    ['come to 603 Veum Fall', 'address'],
  ])('finds %p', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    'one two three, here we go',
    'I have been clean for one year, two months and five days',
    'my plate is empty tonight',
    'born in 1987 and still here',
    'call 1 800 six six two four three five seven',
    "I'm 100 percent well today",
    'the 5 star view from the 2 hill walk',
  ])('finds nothing in %p', (text) => {
    expect(sut(text).found).toBe(false);
  });
});

describe('issue 18: formats abroad, numbers in words, ids, messenger links', () => {
  it.each<[string, PersonalInfoKind, string]>([
    ['ring me on 07700 900123 after work', 'phone', '07700 900123'],
    ['anyone in Leeds? 0113 496 0000', 'phone', '0113 496 0000'],
    ['my mobile is 087 123 4567', 'phone', '087 123 4567'],
    ['text me on 0412 345 678 mate', 'phone', '0412 345 678'],
    ['(02) 9876 5432 is the house phone', 'phone', '(02) 9876 5432'],
    ['mi cel 55 1234 5678, pregunta por Lupita', 'phone', '55 1234 5678'],
    ['mi numero es 655 555 204', 'phone', '655 555 204'],
    ['bizum al 612 555 078 para la colecta', 'phone', '612 555 078'],
    ['612 34 56 78 es mi whatsapp', 'phone', '612 34 56 78'],
    ['dejo mi celular 11 15 5555 3390', 'phone', '11 15 5555 3390'],
    ['te paso mi numero: 099 555 714', 'phone', '099 555 714'],
    [
      'mi whatsapp seis cinco cinco, cinco cinco cinco, uno dos tres',
      'phone',
      'seis cinco cinco, cinco cinco cinco, uno dos tres',
    ],
    [
      'llámame al seis doce treinta y uno cincuenta y seis setenta y ocho',
      'phone',
      'seis doce treinta y uno cincuenta y seis setenta y ocho',
    ],
    ['mi tel es 6 6 4 5 5 5 0 1 2 7 de TJ', 'phone', '6 6 4 5 5 5 0 1 2 7'],
    ['my new number is five five five, oh one six two', 'phone', 'five five five, oh one six two'],
    ['escríbeme a juan.perez arroba gmail punto com', 'email', 'juan.perez arroba gmail punto com'],
    ['mi correo: ana_r (arroba) hotmail (punto) es', 'email', 'ana_r (arroba) hotmail (punto) es'],
    ['my postcode is SW1A 2AA', 'address', 'SW1A 2AA'],
    ['we are at D02 X285, the blue door', 'address', 'D02 X285'],
    ['M5V 3L9 if you want to send a card', 'address', 'M5V 3L9'],
    ['vivo en C/ Mayor 12, 3ºB', 'address', 'C/ Mayor 12, 3ºB'],
    ['Av. Corrientes 1234, piso 3', 'address', 'Av. Corrientes 1234, piso 3'],
    ['vivo en la Carrera 43A #12-34, Medellín', 'address', 'Carrera 43A #12-34'],
    ['Col. Roma Norte, CP 06700', 'address', 'Col. Roma Norte, CP 06700'],
    ['nos juntamos en mi casa, General Paz 2310, depto 5', 'address', 'General Paz 2310, depto 5'],
    ['mi cuñada está en el edificio 12 apto 304', 'address', 'edificio 12 apto 304'],
    ['mi dni es 48392015Z', 'ssn', '48392015Z'],
    ['mi CURP es GORM850314MDFLRR09', 'ssn', 'GORM850314MDFLRR09'],
    ['el RUT de mi hijo es 20.456.789-3', 'ssn', '20.456.789-3'],
    ['mi DNI es 35.889.201 y me lo piden', 'ssn', '35.889.201'],
    ['cédula 1.036.555.219, lo están buscando', 'ssn', '1.036.555.219'],
    ['my NI number is AB 12 34 56 C', 'ssn', 'AB 12 34 56 C'],
    ['social is 123 45 6789', 'ssn', '123 45 6789'],
    ['Cuenta: ES91 2100 0418 4502 0005 1332, a nombre de Ana', 'wallet', 'ES91 2100 0418 4502 0005 1332'],
    ['CBU 0170099220000067797370 para la rifa', 'wallet', '0170099220000067797370'],
    ['transferime al alias sol.luna.mar', 'handle', 'sol.luna.mar'],
    ['My CashApp is $WandaB1959', 'handle', '$WandaB1959'],
    ['escríbeme aquí https://wa.me/5215512345678', 'profile_url', 'https://wa.me/5215512345678'],
    ['https://t.me/+AbCdEf123456 join us', 'profile_url', 'https://t.me/+AbCdEf123456'],
    ['mi snap es chuyito.lbc', 'handle', 'chuyito.lbc'],
    ['PA plate KJT-4471, around Kensington', 'plate', 'KJT-4471'],
    ['Mi placa es GZT-452-B', 'plate', 'GZT-452-B'],
    ['DOB is 11-23-1979 if you need it', 'birth_date', '11-23-1979'],
    ['nací el 22 de agosto del 98', 'birth_date', '22 de agosto del 98'],
    ['Mi nombre es Rocío Pérez Alcaide', 'name', 'Rocío Pérez'],
    ['mi hijo se llama Luis Alberto Rivera', 'name', 'Luis Alberto'],
    ['hola soy Mónica Álvarez, trabajo en la farmacia', 'name', 'Mónica Álvarez'],
    ['my wifes name is Darlene Fugate', 'name', 'Darlene Fugate'],
  ])('finds %p', (text, kind, found) => {
    const { spans } = sut(text);
    expect(spans).toContainEqual(expect.objectContaining({ kind, text: found }));
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it.each([
    'el grupo se llama Nueva Vida y nos vemos los martes',
    'Soy Madre Soltera y estoy cansada',
    'viví en la calle 3 años',
    'estuve en la calle 2 años y 3 meses',
    'a 20 pesos c/u 5 días',
    'join via Zoom 812 345 6789',
    'terminé la Carrera de Derecho en 2019',
    'MY PLATE IS FULL I HAVE 12 KIDS',
    'the tag on my jacket says XL 2024',
    'I took 5 5 5 5 5 5 5 5 5 pills',
    'ahorré $ 612 345 678',
    'debo 612 345 678 pesos',
    'diez, veinte, treinta, cuarenta, cincuenta',
    'pasos 01 02 03 04 05',
    '12 25 2023 was my last use',
    'Calle 13 es mi banda favorita',
    'alias www.kindred.org',
    'my SIN is being an addict',
    'tengo 30.123.456 pesos de deuda',
    'I got a B12 3MG shot',
    'mi alias en el foro es luz.nueva',
  ])('finds nothing in %p', (text) => {
    expect(sut(text).found).toBe(false);
  });
});
