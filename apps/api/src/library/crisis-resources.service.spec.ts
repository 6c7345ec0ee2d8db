import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_CRISIS_RESOURCE_SOURCES,
  defaultCrisisResources,
  defaultInternationalCrisisResources,
  localizeCrisisResource,
} from '@kindred/contracts';
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

  it('reads per-language text and contact ways under byLocale, which the reader of that language sees', () => {
    const item = {
      id: 'line',
      name: 'A line',
      description: 'Text HELP.',
      sms: { number: '741741', body: 'HELP' },
      byLocale: { es: { name: 'Una línea', description: 'Envía AYUDA.', sms: { number: '741741', body: 'AYUDA' } } },
    };
    const [loaded] = loadCrisisResources(write(JSON.stringify([item])));
    expect(loaded).toEqual(item);
    expect(localizeCrisisResource(loaded, 'es')).toEqual({
      id: 'line',
      name: 'Una línea',
      description: 'Envía AYUDA.',
      sms: { number: '741741', body: 'AYUDA' },
    });
    expect(localizeCrisisResource(loaded, 'en')).toEqual({
      id: 'line',
      name: 'A line',
      description: 'Text HELP.',
      sms: { number: '741741', body: 'HELP' },
    });
  });

  it.each([
    ['a language Kindred does not speak', { fr: { name: 'Une ligne' } }, /byLocale "fr": Kindred speaks only en, es/],
    ['a non-object', 'es', /"byLocale" must be an object/],
    ['an empty name', { es: { name: ' ' } }, /byLocale "es": "name" must be text/],
    ['a bad sms', { es: { sms: { number: 'AYUDA' } } }, /byLocale "es": "sms" must be/],
    ['a field that cannot change', { es: { id: 'other' } }, /"id" cannot change by language/],
  ])('refuses byLocale with %s', (_name, byLocale, message) => {
    const item = { id: 'a', name: 'n', description: 'd', phone: '988', byLocale };
    expect(() => loadCrisisResources(write(JSON.stringify([item])))).toThrow(message);
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

describe('the default crisis resources in Spanish', () => {
  it('give each service its own Spanish way in, and keep every number', () => {
    const es = defaultCrisisResources('es');
    const byId = new Map(es.map((r) => [r.id, r]));
    expect(byId.get('988')).toMatchObject({ phone: '988', sms: { number: '988', body: 'AYUDA' } });
    expect(byId.get('988')?.description).toContain('marca 2');
    expect(byId.get('samhsa')).toMatchObject({ phone: '1-800-662-4357' });
    expect(byId.get('samhsa')?.description).toContain('español');
    expect(byId.get('overdose')).toMatchObject({ phone: '911' });
    expect(byId.get('crisis-text-line')).toMatchObject({ sms: { number: '741741', body: 'AYUDA' } });
    expect(es.map((r) => r.id)).toEqual(DEFAULT_CRISIS_RESOURCE_SOURCES.map((r) => r.id));
    expect(es.some((r) => 'byLocale' in r)).toBe(false);
    expect(defaultInternationalCrisisResources('es').map((r) => r.phone)).toEqual(
      defaultInternationalCrisisResources('en').map((r) => r.phone),
    );
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

  it('reads per-language words of an international line', () => {
    const line = { country: 'UK', name: 'Samaritans', phone: '116 123', byLocale: { es: { country: 'Reino Unido' } } };
    expect(loadInternationalCrisisResources(write({ items: [item], international: [line] }))).toEqual([line]);
    const badLine = { ...line, byLocale: { es: { phone: '999' } } };
    expect(() => loadInternationalCrisisResources(write({ items: [item], international: [badLine] }))).toThrow(
      /"phone" cannot change by language/,
    );
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
