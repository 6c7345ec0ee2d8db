import { autoEffect, flagWeight, isTrustedFlagger, itemPriority, sumWeights, type FlaggerStats } from './rules.js';

const now = new Date('2025-06-01T00:00:00Z');
const daysAgo = (days: number): Date => new Date(now.getTime() - days * 24 * 3600 * 1000);
const stats = (overrides: Partial<FlaggerStats> = {}): FlaggerStats => ({
  accountCreatedAt: daysAgo(60),
  postCount: 12,
  resolvedFlags: 0,
  upheldFlags: 0,
  ...overrides,
});

describe('flag weight', () => {
  it('counts a trusted member (30 days, 10 posts, no record yet) twice', () => {
    expect(isTrustedFlagger(stats(), now)).toBe(true);
    expect(flagWeight(stats(), now)).toBe(2);
  });

  it('counts a new account once', () => {
    expect(flagWeight(stats({ accountCreatedAt: daysAgo(29) }), now)).toBe(1);
  });

  it('counts a member with fewer than 10 posts once', () => {
    expect(flagWeight(stats({ postCount: 9 }), now)).toBe(1);
  });

  it('needs 70 % upheld once there are 5 resolved flags', () => {
    expect(flagWeight(stats({ resolvedFlags: 10, upheldFlags: 7 }), now)).toBe(2);
    expect(flagWeight(stats({ resolvedFlags: 10, upheldFlags: 6 }), now)).toBe(1);
    // four resolved flags are not yet a record: accuracy does not count
    expect(flagWeight(stats({ resolvedFlags: 4, upheldFlags: 0 }), now)).toBe(2);
  });
});

describe('item priority', () => {
  it('makes crisis urgent, even when hidden', () => {
    expect(itemPriority({ reasons: ['spam', 'crisis'], hidden: true })).toBe('urgent');
    expect(itemPriority({ reasons: [], hidden: false, crisisDetected: true })).toBe('urgent');
  });

  it('makes hidden content and serious reasons high', () => {
    expect(itemPriority({ reasons: ['spam'], hidden: true })).toBe('high');
    expect(itemPriority({ reasons: ['sourcing'], hidden: false })).toBe('high');
    expect(itemPriority({ reasons: ['personal_info'], hidden: false })).toBe('high');
    expect(itemPriority({ reasons: ['harassment'], hidden: false })).toBe('high');
  });

  it('leaves everything else normal', () => {
    expect(itemPriority({ reasons: ['spam', 'other', 'needs_content_warning'], hidden: false })).toBe('normal');
  });
});

describe('automatic effects of flags', () => {
  it('hides once the weight reaches the threshold', () => {
    const weights = sumWeights([
      { reason: 'spam', weight: 1 },
      { reason: 'harassment', weight: 1 },
    ]);
    expect(autoEffect(weights, { hidden: false, warned: false }, 3)).toBeNull();
    const more = sumWeights([
      { reason: 'spam', weight: 1 },
      { reason: 'harassment', weight: 2 },
    ]);
    expect(autoEffect(more, { hidden: false, warned: false }, 3)).toBe('hide');
  });

  it('never hides for crisis flags, however many', () => {
    const weights = sumWeights(Array.from({ length: 10 }, () => ({ reason: 'crisis' as const, weight: 2 })));
    expect(weights.hide).toBe(0);
    expect(autoEffect(weights, { hidden: false, warned: false }, 3)).toBeNull();
  });

  it('adds a content warning instead of hiding at weight 2', () => {
    const weights = sumWeights([
      { reason: 'needs_content_warning', weight: 1 },
      { reason: 'needs_content_warning', weight: 1 },
      { reason: 'needs_content_warning', weight: 1 },
    ]);
    expect(autoEffect(weights, { hidden: false, warned: false }, 3)).toBe('content_warning');
    expect(autoEffect(weights, { hidden: false, warned: true }, 3)).toBeNull();
  });
});
