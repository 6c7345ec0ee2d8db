import {
  currentOrNextOccurrence,
  fromFloating,
  isValidTimeZone,
  localParts,
  normalizeRrule,
  occurrencesBetween,
  sessionStatus,
  type Schedule,
} from './recurrence.js';

const newcomers: Schedule = {
  // Tuesday 2026-01-06 19:00 in New York (EST, UTC−5).
  startsAt: new Date('2026-01-07T00:00:00Z'),
  rrule: 'FREQ=WEEKLY;BYDAY=TU',
  timezone: 'America/New_York',
  durationMinutes: 60,
};

const wallClock = (d: Date, zone: string): string => {
  const p = localParts(d, zone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
};

describe('recurrence', () => {
  it('makes startsAt the first occurrence even when the rule names other days (RFC 5545 DTSTART)', () => {
    // Thursday 2026-12-03 18:00 in New York, "weekly on Monday": a session today, then Mondays.
    const thursday: Schedule = {
      startsAt: new Date('2026-12-03T23:00:00Z'),
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      timezone: 'America/New_York',
      durationMinutes: 60,
    };
    expect(currentOrNextOccurrence(thursday, new Date('2026-12-03T20:00:00Z'))?.startsAt.toISOString()).toBe(
      '2026-12-03T23:00:00.000Z',
    );
    const sut = occurrencesBetween(thursday, new Date('2026-12-01T00:00:00Z'), new Date('2026-12-15T00:00:00Z'));
    expect(sut.map((o) => o.startsAt.toISOString())).toEqual([
      '2026-12-03T23:00:00.000Z',
      '2026-12-07T23:00:00.000Z',
      '2026-12-14T23:00:00.000Z',
    ]);
    // Once today's session is over, the next is Monday.
    expect(currentOrNextOccurrence(thursday, new Date('2026-12-04T01:00:00Z'))?.startsAt.toISOString()).toBe(
      '2026-12-07T23:00:00.000Z',
    );
  });

  it('keeps a weekly Tuesday 19:00 New York meeting at 19:00 local across the March DST change', () => {
    const sut = occurrencesBetween(newcomers, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-18T00:00:00Z'));
    expect(sut.map((o) => o.startsAt.toISOString())).toEqual([
      '2026-03-04T00:00:00.000Z', // Tue 3 March, EST
      '2026-03-10T23:00:00.000Z', // Tue 10 March, EDT (after 8 March)
      '2026-03-17T23:00:00.000Z',
    ]);
    for (const o of sut) expect(wallClock(o.startsAt, 'America/New_York')).toBe('19:00');
  });

  it('keeps 19:00 local across the November DST change', () => {
    const sut = occurrencesBetween(newcomers, new Date('2026-10-25T00:00:00Z'), new Date('2026-11-12T00:00:00Z'));
    expect(sut.map((o) => o.startsAt.toISOString())).toEqual([
      '2026-10-27T23:00:00.000Z', // EDT
      '2026-11-04T00:00:00.000Z', // Tue 3 November, EST (after 1 November)
      '2026-11-11T00:00:00.000Z',
    ]);
    for (const o of sut) {
      expect(wallClock(o.startsAt, 'America/New_York')).toBe('19:00');
      expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(60 * 60_000);
    }
  });

  it('finds the current occurrence while it runs and the next one after it ends', () => {
    const during = currentOrNextOccurrence(newcomers, new Date('2026-03-10T23:30:00Z'));
    expect(during?.startsAt.toISOString()).toBe('2026-03-10T23:00:00.000Z');
    const after = currentOrNextOccurrence(newcomers, new Date('2026-03-11T00:00:00Z'));
    expect(after?.startsAt.toISOString()).toBe('2026-03-17T23:00:00.000Z');
  });

  it('skips a cancelled occurrence', () => {
    const cancelled = new Date('2026-03-17T23:00:00Z').getTime();
    const sut = currentOrNextOccurrence(newcomers, new Date('2026-03-12T00:00:00Z'), (s) => s.getTime() === cancelled);
    expect(sut?.startsAt.toISOString()).toBe('2026-03-24T23:00:00.000Z');
  });

  it('has exactly one occurrence for a one-off meeting, and none once it is over', () => {
    const oneOff: Schedule = { ...newcomers, rrule: null };
    expect(currentOrNextOccurrence(oneOff, new Date('2026-01-01T00:00:00Z'))?.startsAt).toEqual(oneOff.startsAt);
    expect(currentOrNextOccurrence(oneOff, new Date('2026-01-07T01:00:00Z'))).toBeNull();
  });

  it('places a skipped spring-forward wall time after the gap', () => {
    expect(fromFloating(new Date('2026-03-08T02:30:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('accepts RRULEs with or without the prefix and refuses bad or sub-daily ones', () => {
    expect(normalizeRrule('RRULE:FREQ=WEEKLY;BYDAY=TU,TH')).toEqual({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
    expect(normalizeRrule('FREQ=HOURLY')).toHaveProperty('error');
    expect(normalizeRrule('nonsense')).toHaveProperty('error');
    expect(normalizeRrule('FREQ=WEEKLY;BYHOUR=3')).toHaveProperty('error');
  });

  it('validates IANA time zones', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe(sessionStatus.name, () => {
  const session = {
    startsAt: new Date('2026-03-10T23:00:00Z'),
    endsAt: new Date('2026-03-11T00:00:00Z'),
    endedEarlyAt: null,
  };
  it.each([
    ['2026-03-10T22:49:59Z', 'scheduled'],
    ['2026-03-10T22:50:00Z', 'lobby'],
    ['2026-03-10T23:00:00Z', 'live'],
    ['2026-03-10T23:59:59Z', 'live'],
    ['2026-03-11T00:00:00Z', 'ended'],
  ])('at %s is %s with a 10-minute lobby', (now, status) => {
    expect(sessionStatus(session, 10, new Date(now))).toBe(status);
  });

  it('is ended once a facilitator ends it early', () => {
    const ended = { ...session, endedEarlyAt: new Date('2026-03-10T23:30:00Z') };
    expect(sessionStatus(ended, 10, new Date('2026-03-10T23:31:00Z'))).toBe('ended');
  });
});
