import { describe, expect, it } from '@jest/globals';
import { analyzeText as sut, detectPersonalInfo, detectSourcing } from './index.js';

describe(sut.name, () => {
  it('runs every detector over one text', () => {
    const report = sut('selling blues $20 each, text 267-555-0199 https://x.example');
    expect(report.crisis.level).toBe('none');
    expect(report.sourcing.level).toBe('likely');
    expect(report.personalInfo.found).toBe(true);
    expect(report.links).toBe(1);
  });

  it('reports a quiet text as quiet', () => {
    expect(sut('90 days clean today!')).toEqual({
      crisis: { level: 'none', spans: [] },
      sourcing: { level: 'none', spans: [] },
      personalInfo: { found: false, spans: [] },
      links: 0,
    });
  });

  it('copes with empty and very long texts', () => {
    expect(sut('').crisis.level).toBe('none');
    const long = 'Day 12 on subs, the clinic moved my dose. '.repeat(500);
    expect(sut(long).sourcing.level).toBe('none');
  });
});

describe('analyzeText and the single detectors', () => {
  it.each([
    'selling blues $20 each, text 267-555-0199',
    "who's got subs? tg @subs4u",
    'my snap is jakeyboy22 and I need a plug',
    'Day 12 on subs, the clinic moved my dose',
  ])('agree on %p', (text) => {
    expect(sut(text).sourcing).toEqual(detectSourcing(text));
    expect(sut(text).personalInfo).toEqual(detectPersonalInfo(text));
  });
});
