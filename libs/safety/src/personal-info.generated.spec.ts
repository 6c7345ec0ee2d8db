import { describe, expect, it } from '@jest/globals';
import { faker } from '@faker-js/faker';
import { detectPersonalInfo } from './personal-info.js';

// Issue 18: personal info written by nobody here. @faker-js/faker generates realistic US addresses,
// phone numbers and e-mails (fixed seed), each put in a sentence a member might write; the
// detector must find at least 95 % of them (a probe of this kind found 36 % of addresses before).

const COUNT = 300;
const RECALL = 0.95;

function recall(
  make: () => string,
  frame: (value: string) => string,
  kind: string,
): { rate: number; missed: string[] } {
  const missed: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const value = make();
    const text = frame(value);
    const spans = detectPersonalInfo(text).spans.filter((s) => s.kind === kind);
    if (spans.length === 0) missed.push(text);
  }
  return { rate: 1 - missed.length / COUNT, missed: missed.slice(0, 10) };
}

const FRAMES = [
  (v: string) => `you can come by ${v} tonight if you need somewhere safe`,
  (v: string) => `I live at ${v}.`,
  (v: string) => `meet me at ${v}, I'll be outside`,
  (v: string) => `${v} is my place`,
];
const frame = (i: number) => FRAMES[i % FRAMES.length];

describe('personal info in generated data (@faker-js/faker, seed 18)', () => {
  it(`finds at least ${RECALL * 100} % of US street addresses`, () => {
    faker.seed(18);
    let i = 0;
    const result = recall(
      () => faker.location.streetAddress(i % 3 === 0),
      (v) => frame(i++)(v),
      'address',
    );
    expect(result.rate >= RECALL ? 'ok' : result).toBe('ok');
  });

  it(`finds at least ${RECALL * 100} % of US phone numbers in every style`, () => {
    faker.seed(18);
    const styles = ['human', 'national', 'international'] as const;
    let i = 0;
    const result = recall(
      () => faker.phone.number({ style: styles[i % 3] }),
      (v) => [`text me ${v}`, `my cell is ${v} after 6`, `${v} - that's me`][i++ % 3],
      'phone',
    );
    expect(result.rate >= RECALL ? 'ok' : result).toBe('ok');
  });

  it(`finds at least ${RECALL * 100} % of e-mail addresses`, () => {
    faker.seed(18);
    let i = 0;
    const result = recall(
      () => faker.internet.email(),
      (v) => [`email me at ${v}`, `(${v})`, `${v} is best`][i++ % 3],
      'email',
    );
    expect(result.rate >= RECALL ? 'ok' : result).toBe('ok');
  });
});
