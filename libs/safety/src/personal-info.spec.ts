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
