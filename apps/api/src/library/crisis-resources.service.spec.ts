import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCrisisResources, loadInternationalCrisisResources } from './crisis-resources.service.js';

describe(loadCrisisResources.name, () => {
  let dir: string;
  const write = (content: string): string => {
    const file = join(dir, `c${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, content);
    return file;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-crisis-spec-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a plain list or { items }', () => {
    const item = { id: 'a', name: 'A line', description: 'Call any time.', phone: '+44 116 123' };
    expect(loadCrisisResources(write(JSON.stringify([item])))).toEqual([item]);
    expect(loadCrisisResources(write(JSON.stringify({ items: [item] })))).toEqual([item]);
  });

  it.each([
    ['not JSON', '{', /cannot be read as JSON/],
    ['an empty list', '[]', /non-empty list/],
    ['a missing name', JSON.stringify([{ id: 'a', description: 'd', phone: '1' }]), /item 1: "name" must be text/],
    ['a bad phone', JSON.stringify([{ id: 'a', name: 'n', description: 'd', phone: 'call me' }]), /"phone"/],
    ['a bad sms', JSON.stringify([{ id: 'a', name: 'n', description: 'd', sms: { number: 'x' } }]), /"sms"/],
    ['no way to reach it', JSON.stringify([{ id: 'a', name: 'n', description: 'd' }]), /at least one of/],
    ['a non-https url', JSON.stringify([{ id: 'a', name: 'n', description: 'd', url: 'javascript:x' }]), /"url"/],
  ])('refuses %s, naming the file', (_name, content, message) => {
    const file = write(content);
    expect(() => loadCrisisResources(file)).toThrow(message);
    expect(() => loadCrisisResources(file)).toThrow(file);
  });
});

describe(loadInternationalCrisisResources.name, () => {
  let dir: string;
  const write = (content: unknown): string => {
    const file = join(dir, `i${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(content));
    return file;
  };
  const item = { id: 'a', name: 'A line', description: 'Call any time.', phone: '988' };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-intl-spec-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the "international" list of the object form, and is undefined without one', () => {
    const line = { country: 'UK', name: 'Samaritans', phone: '116 123', note: 'Free' };
    expect(loadInternationalCrisisResources(write({ items: [item], international: [line] }))).toEqual([line]);
    expect(loadInternationalCrisisResources(write({ items: [item] }))).toBeUndefined();
    expect(loadInternationalCrisisResources(write([item]))).toBeUndefined();
  });

  it.each([
    ['not a list', { items: [item], international: 'UK' }, /must be a list/],
    ['no country', { items: [item], international: [{ name: 'n', phone: '1' }] }, /needs "country"/],
    ['a bad phone', { items: [item], international: [{ country: 'UK', name: 'n', phone: 'ring' }] }, /"phone"/],
    ['a bad url', { items: [item], international: [{ country: 'UK', name: 'n', phone: '1', url: 'x' }] }, /"url"/],
  ])('refuses %s, naming the item', (_label, content, message) => {
    expect(() => loadInternationalCrisisResources(write(content))).toThrow(message);
  });
});
