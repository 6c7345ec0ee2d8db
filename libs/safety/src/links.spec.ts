import { describe, expect, it } from '@jest/globals';
import { countLinks as sut } from './links.js';

describe(sut.name, () => {
  it.each([
    ['no links here', 0],
    ['see https://www.samhsa.gov/find-help', 1],
    ['http://a.example and https://b.example/x?y=1', 2],
    ['[the naloxone article](https://kindred.example/articles/naloxone)', 1],
    ['[one](https://a.example) and https://b.example', 2],
    ['[relative](/articles/detox) counts too', 1],
    ['www.example.com without a scheme does not', 0],
  ])('counts %p as %i', (text, count) => {
    expect(sut(text)).toBe(count);
  });
});
