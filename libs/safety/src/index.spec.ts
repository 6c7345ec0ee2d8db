import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { analyzeDraft } from './crisis-entry.js';
import { parseFixtures } from './eval.js';
import { analyzeText as sut, detectPersonalInfo, detectSourcing } from './index.js';
import { rulesOf } from './model/rules.js';

describe(sut.name, () => {
  it('runs every detector over one text', () => {
    const report = sut('selling blues $20 each, text 267-555-0199 https://x.example');
    expect(report.crisis.level).toBe('none');
    expect(report.sourcing.level).toBe('likely');
    expect(report.personalInfo.found).toBe(true);
    expect(report.links).toBe(1);
  });

  it('reports a quiet text as quiet', () => {
    expect(sut('90 days clean today!')).toMatchObject({
      crisis: { level: 'none', spans: [] },
      sourcing: { level: 'none', spans: [] },
      personalInfo: { found: false, spans: [] },
      links: 0,
      model: { evidence: { crisis: [], sourcing: [], personalInfo: [] } },
    });
  });

  it('copes with empty and very long texts', () => {
    expect(sut('').crisis.level).toBe('none');
    const long = 'Day 12 on subs, the clinic moved my dose. '.repeat(500);
    expect(sut(long).sourcing.level).toBe('none');
  });

  it('reads no crisis into a greeting of a word or two that the rules find nothing in', () => {
    // "hola" read concern from the crisis head's bias once it grew to 24,000 buckets.
    for (const text of ['hola', 'hi all', 'thanks everyone', 'buenas noches', 'ok']) {
      expect([text, sut(text).crisis.level]).toEqual([text, 'none']);
    }
    // A word or two the rules do read stays theirs.
    expect(sut('suicidal tonight').crisis.level).not.toBe('none');
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

describe("analyzeDraft (the composer's crisis-only entry) and analyzeText", () => {
  // The labelled fixtures (not the frozen set): urgent, concern and quiet texts in both languages.
  const fixtures = new URL('../../../test/fixtures/safety/', import.meta.url);
  const texts = readdirSync(fixtures)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .flatMap((name) => parseFixtures(readFileSync(new URL(name, fixtures), 'utf8'), name).map((r) => r.text));

  it('decide every crisis alike, with the same scores, spans and evidence', () => {
    const differ: string[] = [];
    for (const text of texts) {
      const draft = analyzeDraft(text);
      const full = sut(text);
      if (
        draft.crisis.level !== full.crisis.level ||
        draft.model.scores.crisis.urgent !== full.model.scores.crisis.urgent ||
        JSON.stringify([draft.crisis.spans, draft.model.evidence.crisis]) !==
          JSON.stringify([full.crisis.spans, full.model.evidence.crisis])
      ) {
        differ.push(text);
      }
    }
    expect(texts.length).toBeGreaterThan(1000);
    expect(differ).toEqual([]);
  });

  it("give the rules' sourcing and personal info, with their spans", () => {
    for (const text of ['selling blues $20 each, text 267-555-0199', 'my snap is jakeyboy22', 'Day 12 on subs']) {
      const rules = rulesOf(text);
      expect(analyzeDraft(text).sourcing).toEqual(
        rules.sourcing.level === 'none' ? { level: 'none', spans: [] } : rules.sourcing,
      );
      expect(analyzeDraft(text).personalInfo).toEqual(rules.personalInfo);
      expect(analyzeDraft(text).model.rules).toEqual(sut(text).model.rules);
    }
  });

  it('keeps the few-words guard: a model-only emergency on three words is concern', () => {
    for (const text of ['message 164', 'hola', '']) expect(analyzeDraft(text).crisis).toEqual(sut(text).crisis);
  });
});

describe('speed', () => {
  // The same mixed recovery text the eval script benchmarks, cut to 2,000 characters.
  const parts = [
    'Day 12 on subs. The clinic moved my dose to 16 mg and the cravings are quieter.',
    'My sponsor said to call 988 or 1-800-662-4357 if the nights get dark again.',
    "I used to cop on 5th street, now I drive the long way round so I don't see it.",
    'Anyone else get restless legs at night? Magnesium and a hot bath helped me a bit.',
    "Went to the Tuesday meeting, talked about my kids, and for once I didn't feel judged.",
    'Read the pinned article on naloxone, picked up two kits at the pharmacy for free.',
    "tonight i'm gonna take them all to the park, then text me at the usual number if you're up",
  ];
  let text = '';
  for (let i = 0; text.length < 2000; i++) text += `${parts[i % parts.length]} `;
  text = text.slice(0, 2000);

  // The < 1 ms figure itself is measured by `npm run safety:eval -- --bench` (timings are not asserted in
  // npm test: shared CI machines are noisy). This guard has 25× headroom and still catches what
  // matters in a test: a pattern that backtracks catastrophically costs tens of milliseconds or more.
  it('analyses a 2,000-character text without catastrophic backtracking', () => {
    for (let i = 0; i < 300; i++) sut(text); // let the JIT settle first
    // CPU time, not wall time, and the best of a few batches: other processes share the machine.
    let best = Infinity;
    for (let batch = 0; batch < 5; batch++) {
      const start = process.cpuUsage();
      for (let i = 0; i < 100; i++) sut(text);
      const used = process.cpuUsage(start);
      best = Math.min(best, (used.user + used.system) / 1000 / 100);
    }
    expect(text).toHaveLength(2000);
    expect(best).toBeLessThan(25);
  });
});

describe('analyzeText on short texts', () => {
  it.each(['Sam', 'hello under my name', 'Facilitator – Sam'])(
    'does not read "%s" as personal info on the model alone (it misfired on names and greetings)',
    (text) => {
      expect(sut(text).personalInfo.found).toBe(false);
    },
  );

  it("does not read a few words around links as personal info on the model alone (held an older member's post, 2026-12-07)", () => {
    expect(sut('See https://a.org and https://b.org and https://c.org for help').personalInfo.found).toBe(false);
  });

  it('still finds a phone number in a short text (the rules give the span)', () => {
    expect(sut('text me 555-867-5309').personalInfo.found).toBe(true);
  });
});

describe('analyzeText: the model alone on a few words', () => {
  it('cannot make two words a likely deal or an emergency (hash collisions: "message 20", "message 164")', () => {
    for (let n = 0; n < 300; n++) {
      const report = sut(`message ${n}`);
      expect(report.sourcing.level).not.toBe('likely');
      expect(report.crisis.level).not.toBe('urgent');
    }
  });

  it('still reads a short emergency or deal the rules see', () => {
    expect(sut('took all my pills').crisis.level).toBe('urgent');
    expect(sut('selling blues hmu').sourcing.level).toBe('likely');
  });
});
