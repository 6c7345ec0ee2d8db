import fc from 'fast-check';

/**
 * Hostile inputs for fuzzing every REST operation and socket event: the values people (or
 * scripts) send to a forum to break it, unmask someone or reach the database.
 */

const HUGE = 'x'.repeat(20_000);

/** Strings that have broken real servers: Unicode edge cases, injection, encodings, sizes. */
export const nastyStrings: string[] = [
  '',
  ' ',
  '   \t\n  ',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  'a\u200Db\u200Cc\u2060',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '\uFEFF',
  '\uD800',
  'lone \uDFFF surrogate',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)',
  "') UNION SELECT username, password_hash FROM users --",
  '$1',
  '%00',
  '%',
  '%%%',
  '\\',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '${7*7}{{7*7}}',
  'null',
  'undefined',
  'NaN',
  'true',
  '-1',
  '0',
  '1e309',
  '9'.repeat(400),
  '__proto__',
  'constructor',
  HUGE,
];

/** Numbers at and beyond every boundary a validator might miss. */
export const boundaryNumbers: number[] = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

/** Ids that look almost right, or are right but point at nothing. */
export const malformedIds: string[] = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '6f1c2b3a-1111-4222-8333-444455556666 ',
  '6f1c2b3a-1111-4222-8333-4444555566667',
  '6f1c2b3a11114222833344445555666',
  '{6f1c2b3a-1111-4222-8333-444455556666}',
  '1',
  '-1',
  '1.5',
  '..',
  '%2e%2e',
  'me',
  "1' OR '1'='1",
];

/** Pagination cursors that are not what the server issued. */
export const malformedCursors: string[] = [
  '',
  '!!!',
  '====',
  'eyJ9',
  Buffer.from('{"a":"b"}').toString('base64url'),
  Buffer.from('[1,2,3]').toString('base64url'),
  Buffer.from('null').toString('base64url'),
  Buffer.from('{"t":"not a date","id":"x"}').toString('base64url'),
  Buffer.from(`{"id":"' OR 1=1 --","t":"2020-01-01"}`).toString('base64url'),
  Buffer.from('\u0000\u0001\u0002').toString('base64url'),
  'A'.repeat(5000),
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...malformedIds, ...malformedCursors) },
  { weight: 1, arbitrary: fc.uuid() },
);

/** Nested arrays/objects hundreds of levels deep. */
export const deepNesting: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 20, max: 400 }), fc.boolean())
  .map(([depth, arrays]) => {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
    return value;
  });

/** Any single wrong value: wrong type, boundary, hostile string, structure where a scalar belongs. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(...boundaryNumbers, true, false, null) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(nastyString, nastyString, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.constant({}), { minLength: 200, maxLength: 2000 }) },
  { weight: 1, arbitrary: deepNesting },
);

/** A JSON request body, either as a value (serialised by the client) or as raw text. */
export type FuzzBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };

/** Raw bodies JSON.stringify cannot produce: prototype-pollution keys, malformed JSON, giant nesting. */
export const rawBodies: string[] = [
  '{"__proto__": {"role": "admin", "polluted": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  '{"a": 1, "__proto__": {"isAdmin": true}, "constructor": {"name": "x"}}',
  '{"username": "a", "username": "b"}',
  '{"a": {"constructor": "x"}, "b": [{"constructor": {"name": 1}}]}',
  '{"body": {"__proto__": {"polluted": true}}}',
  '{"a":',
  '{"a": 1,}',
  "{'a': 1}",
  '[',
  'null',
  '"just a string"',
  '12345',
  'true',
  '\u0000',
  '{"a":"\\u0000"}',
  '{"a":"\\ud800"}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
];

/**
 * A bad body for an operation whose schema declares `props` (may be empty): wrong types in known
 * fields, missing fields, unknown extra fields, non-objects, arrays for objects, raw hostile text.
 */
export function badBody(props: string[]): fc.Arbitrary<FuzzBody> {
  const known = props.length > 0 ? fc.constantFrom(...props) : nastyString;
  const objectWithJunk = fc.dictionary(known, junkValue, { maxKeys: Math.max(1, props.length + 1) });
  const extra = fc
    .tuple(objectWithJunk, fc.dictionary(nastyString, junkValue, { minKeys: 1, maxKeys: 3 }))
    .map(([a, b]) => ({ ...a, ...b }));
  return fc.oneof(
    { weight: 4, arbitrary: objectWithJunk.map((value): FuzzBody => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: extra.map((value): FuzzBody => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: junkValue.map((value): FuzzBody => ({ kind: 'json', value })) },
    {
      weight: 1,
      arbitrary: fc
        .array(objectWithJunk, { minLength: 1, maxLength: 3 })
        .map((value): FuzzBody => ({ kind: 'json', value })),
    },
    { weight: 2, arbitrary: fc.constantFrom(...rawBodies).map((text): FuzzBody => ({ kind: 'raw', text })) },
    { weight: 1, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
  );
}

/** Query strings: declared parameters with junk, repeated keys (arrays), unknown keys. */
export function badQuery(params: string[]): fc.Arbitrary<Array<[string, string]>> {
  const key =
    params.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...params) }, nastyString) : nastyString;
  return fc.array(fc.tuple(key, nastyString), { maxLength: 5 });
}

/** A value for a path parameter: junk, or a well-formed id that points at nothing. */
export const badPathValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: nastyString.filter((s) => s.length > 0 && s.length < 3000) },
  { weight: 1, arbitrary: fc.uuid() },
);

/** Field names socket payloads commonly carry, so that wrong types reach real DTO fields. */
const SOCKET_FIELDS = [
  'id',
  'meetingId',
  'sessionId',
  'threadId',
  'postId',
  'itemId',
  'messageId',
  'text',
  'body',
  'since',
  'after',
  'cursor',
  'reason',
  'until',
  'minutes',
  'username',
];

/**
 * A socket payload that must be refused: a non-object, or an object that always carries at
 * least one unknown field (payloads are validated with forbidNonWhitelisted) next to wrong types.
 */
export const badSocketPayload: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<unknown>(0, -1, 1e308, true, '', 'x', 'x'.repeat(100_000), []) },
  { weight: 1, arbitrary: fc.array(junkValue, { minLength: 1, maxLength: 3 }) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.dictionary(fc.constantFrom(...SOCKET_FIELDS), junkValue, { maxKeys: 4 }),
        fc.constantFrom('__unexpected', 'isAdmin', 'role', 'authorId', 'constructor', '\u202Ex', '$where'),
        junkValue,
      )
      .map(([known, key, value]) => ({ ...known, [key]: value })),
  },
  { weight: 1, arbitrary: deepNesting.map((value) => ({ payload: value })) },
);
