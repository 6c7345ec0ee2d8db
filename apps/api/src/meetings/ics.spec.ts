import { buildIcs } from './ics.js';

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

  it('writes a VEVENT with a local DTSTART and TZID, the RRULE, DTEND, UID and DTSTAMP, with CRLF endings', () => {
    const sut = buildIcs(meeting);
    expect(sut.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(sut).toMatch(/END:VEVENT\r\nEND:VCALENDAR(\r\n)?$/);
    expect(sut.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const lines = sut.split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'DTSTART;TZID=America/New_York:20260106T190000',
        'RRULE:FREQ=WEEKLY;BYDAY=TU',
        'DTEND;TZID=America/New_York:20260106T200000',
        'UID:meeting-7d4c0a0e-2f7b-4a55-9d59-1c1f8d2b3e4a@kindred',
        'DTSTAMP:20260101T120000Z',
        'EXDATE;TZID=America/New_York:20260317T190000',
        "SUMMARY:Newcomers' Circle\\; Tuesdays\\, 7 pm",
      ]),
    );
  });

  it('leaves out RRULE for a one-off meeting', () => {
    const sut = buildIcs({ ...meeting, rrule: null });
    const event = sut.slice(sut.indexOf('BEGIN:VEVENT'));
    expect(event).not.toContain('RRULE');
    expect(event).not.toContain('EXDATE');
  });

  it('includes a VTIMEZONE for the meeting zone, with its daylight and standard rules', () => {
    const sut = buildIcs(meeting);
    const zone = sut.slice(sut.indexOf('BEGIN:VTIMEZONE'), sut.indexOf('END:VTIMEZONE'));
    expect(zone).toContain('TZID:America/New_York');
    expect(zone).toContain('BEGIN:DAYLIGHT');
    expect(zone).toContain('TZOFFSETTO:-0400');
    expect(zone).toContain('BEGIN:STANDARD');
    expect(zone).toContain('TZOFFSETTO:-0500');
    expect(sut.indexOf('END:VTIMEZONE')).toBeLessThan(sut.indexOf('BEGIN:VEVENT'));
    const tokyo = buildIcs({ ...meeting, timezone: 'Asia/Tokyo', rrule: null });
    expect(tokyo).toContain('TZID:Asia/Tokyo');
    expect(tokyo).toContain('DTSTART;TZID=Asia/Tokyo:20260107T090000');
  });

  it('escapes separators and newlines and folds long lines without splitting characters', () => {
    const sut = buildIcs({ ...meeting, description: 'a\\b;c,d\ne ' + 'é'.repeat(80) });
    for (const line of sut.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(sut.split('\r\n ').join('')).toContain('DESCRIPTION:a\\\\b\\;c\\,d\\ne ' + 'é'.repeat(80));
  });
});
