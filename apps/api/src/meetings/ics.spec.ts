import { buildIcs, escapeText, foldLine } from './ics.js';

describe(buildIcs.name, () => {
  const meeting = {
    id: '7d4c0a0e-2f7b-4a55-9d59-1c1f8d2b3e4a',
    name: "Newcomers' Circle; Tuesdays, 7 pm",
    description: 'A gentle first meeting.\nAll welcome, including people on MAT.',
    startsAt: new Date('2026-01-07T00:00:00Z'),
    rrule: 'FREQ=WEEKLY;BYDAY=TU',
    timezone: 'America/New_York',
    durationMinutes: 60,
    updatedAt: new Date('2026-01-01T12:00:00Z'),
    url: 'https://kindred.example/meetings/7d4c0a0e-2f7b-4a55-9d59-1c1f8d2b3e4a',
    cancelledStarts: [new Date('2026-03-17T23:00:00Z')],
  };

  it('writes a VEVENT with a local DTSTART and TZID, the RRULE, DURATION, UID and DTSTAMP, with CRLF endings', () => {
    const sut = buildIcs(meeting);
    expect(sut.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(sut.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(sut.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const lines = sut.split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'DTSTART;TZID=America/New_York:20260106T190000',
        'RRULE:FREQ=WEEKLY;BYDAY=TU',
        'DURATION:PT60M',
        'UID:meeting-7d4c0a0e-2f7b-4a55-9d59-1c1f8d2b3e4a@kindred',
        'DTSTAMP:20260101T120000Z',
        'EXDATE;TZID=America/New_York:20260317T190000',
        "SUMMARY:Newcomers' Circle\\; Tuesdays\\, 7 pm",
      ]),
    );
  });

  it('leaves out RRULE for a one-off meeting', () => {
    expect(buildIcs({ ...meeting, rrule: null })).not.toContain('RRULE');
  });

  it('escapes backslashes, separators and newlines', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('folds lines longer than 75 octets without splitting characters', () => {
    const folded = foldLine('DESCRIPTION:' + 'é'.repeat(80));
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n ').join('')).toBe('DESCRIPTION:' + 'é'.repeat(80));
  });
});
