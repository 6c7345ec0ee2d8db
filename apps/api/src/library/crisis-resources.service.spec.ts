import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCrisisResources } from './crisis-resources.service.js';

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
