import { readFileSync } from 'node:fs';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  DEFAULT_CRISIS_RESOURCE_SOURCES,
  DEFAULT_INTERNATIONAL_CRISIS_RESOURCE_SOURCES,
  DEFAULT_LOCALE,
  LOCALES,
  isLocale,
  localizeCrisisResource,
  localizeInternationalCrisisResource,
  type CrisisResource,
  type CrisisResourceSource,
  type CrisisResourceText,
  type InternationalCrisisResource,
  type InternationalCrisisResourceSource,
  type Locale,
} from '@kindred/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/**
 * The crisis resources shown on "Need help now?" and to authors of crisis posts: the file at
 * CRISIS_RESOURCES_FILE when set (a JSON array of resources, or `{ "items": [...] }`), otherwise
 * the United States defaults. The object form may add `"international": [{ "country", "name", "phone",
 * "note"?, "url"? }]` for "Not in the US?" (otherwise a short default list). The file is read and
 * checked once at start-up; a bad file stops start-up with a message naming it, because a broken
 * crisis list must never go unnoticed.
 *
 * Each item may carry `"byLocale": { "es": { "name", "description", "phone", "sms", "url" } }`: what it
 * says, or how it is reached, in that language (any field left out stays as in the item). Readers of a
 * language the item has no text for see it as written.
 */
@Injectable()
export class CrisisResourcesService implements OnModuleInit {
  private resources: CrisisResourceSource[] = DEFAULT_CRISIS_RESOURCE_SOURCES;
  private international: InternationalCrisisResourceSource[] = DEFAULT_INTERNATIONAL_CRISIS_RESOURCE_SOURCES;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    const file = this.config.crisisResourcesFile;
    if (!file) return;
    this.resources = loadCrisisResources(file);
    this.international = loadInternationalCrisisResources(file) ?? DEFAULT_INTERNATIONAL_CRISIS_RESOURCE_SOURCES;
  }

  /** The resources in a reader's language (English when none is given). */
  list(locale: Locale = DEFAULT_LOCALE): CrisisResource[] {
    return this.resources.map((r) => localizeCrisisResource(r, locale));
  }

  listInternational(locale: Locale = DEFAULT_LOCALE): InternationalCrisisResource[] {
    return this.international.map((r) => localizeInternationalCrisisResource(r, locale));
  }
}

export function loadCrisisResources(file: string): CrisisResourceSource[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `CRISIS_RESOURCES_FILE "${file}" cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const items = Array.isArray(parsed) ? parsed : (parsed as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || items.length === 0) {
    throw new Error(`CRISIS_RESOURCES_FILE "${file}" must hold a non-empty list of resources.`);
  }
  return items.map((item, index) => toResource(item, `CRISIS_RESOURCES_FILE "${file}", item ${index + 1}`));
}

/** The file's `international` list, or undefined when it has none (the defaults then apply). */
export function loadInternationalCrisisResources(file: string): InternationalCrisisResourceSource[] | undefined {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (Array.isArray(parsed) || typeof parsed !== 'object' || parsed === null) return undefined;
  const list = (parsed as { international?: unknown }).international;
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) throw new Error(`CRISIS_RESOURCES_FILE "${file}": "international" must be a list.`);
  return list.map((item: unknown, index) => {
    const where = `CRISIS_RESOURCES_FILE "${file}", international item ${index + 1}`;
    if (typeof item !== 'object' || item === null) throw new Error(`${where} must be an object.`);
    const r = item as Record<string, unknown>;
    const text = (key: string): string | undefined => {
      const value = r[key];
      if (value === undefined) return undefined;
      if (typeof value !== 'string' || value.trim() === '') throw new Error(`${where}: "${key}" must be text.`);
      return value.trim();
    };
    const country = text('country');
    const name = text('name');
    const phone = text('phone');
    if (!country || !name || !phone) throw new Error(`${where} needs "country", "name" and "phone".`);
    if (!/^\+?[0-9][0-9 ()-]*$/.test(phone)) throw new Error(`${where}: "phone" must be a phone number.`);
    const out: InternationalCrisisResourceSource = { country, name, phone };
    const note = text('note');
    if (note !== undefined) out.note = note;
    const url = text('url');
    if (url !== undefined) {
      if (!/^https?:\/\//i.test(url)) throw new Error(`${where}: "url" must start with https://`);
      out.url = url;
    }
    const byLocale = perLocale(r.byLocale, where, (entry, at) => {
      const words: Partial<InternationalCrisisResource> = {};
      for (const key of ['country', 'name', 'note', 'url'] as const) {
        const value = entry[key];
        if (value === undefined) continue;
        if (typeof value !== 'string' || value.trim() === '') throw new Error(`${at}: "${key}" must be text.`);
        if (key === 'url' && !/^https?:\/\//i.test(value)) throw new Error(`${at}: "url" must start with https://`);
        words[key] = value.trim();
      }
      const unknown = Object.keys(entry).find((key) => !['country', 'name', 'note', 'url'].includes(key));
      if (unknown) throw new Error(`${at}: "${unknown}" cannot change by language (only country, name, note, url).`);
      return words;
    });
    if (byLocale) out.byLocale = byLocale;
    return out;
  });
}

/**
 * Reads an item's `byLocale` map: each key a language Kindred speaks, each value checked by `read`.
 * Undefined when the item has none.
 */
function perLocale<T>(
  value: unknown,
  where: string,
  read: (entry: Record<string, unknown>, at: string) => T,
): Partial<Record<Locale, T>> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: "byLocale" must be an object like { "es": { ... } }.`);
  }
  const out: Partial<Record<Locale, T>> = {};
  for (const [locale, entry] of Object.entries(value as Record<string, unknown>)) {
    const at = `${where}, byLocale "${locale}"`;
    if (!isLocale(locale)) throw new Error(`${at}: Kindred speaks only ${LOCALES.join(', ')}.`);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new Error(`${at} must be an object.`);
    out[locale] = read(entry as Record<string, unknown>, at);
  }
  return out;
}

function toResource(item: unknown, where: string): CrisisResourceSource {
  if (typeof item !== 'object' || item === null) throw new Error(`${where} must be an object.`);
  const r = item as Record<string, unknown>;
  const id = r.id;
  if (typeof id !== 'string' || id.trim() === '') throw new Error(`${where}: "id" must be text.`);
  const resource: CrisisResourceSource = { id: id.trim(), ...(readText(r, where, true) as Omit<CrisisResource, 'id'>) };
  if (!resource.phone && !resource.sms && !resource.url) {
    throw new Error(`${where} needs at least one of "phone", "sms" or "url".`);
  }
  const byLocale = perLocale(r.byLocale, where, (entry, at) => {
    const unknown = Object.keys(entry).find((key) => !['name', 'description', 'phone', 'sms', 'url'].includes(key));
    if (unknown) throw new Error(`${at}: "${unknown}" cannot change by language.`);
    return readText(entry, at, false);
  });
  if (byLocale) resource.byLocale = byLocale;
  return resource;
}

/** The words and contact ways of a resource (all of name and description `required`, for the item itself). */
function readText(r: Record<string, unknown>, where: string, required: boolean): CrisisResourceText {
  const text = (key: string, needed: boolean): string | undefined => {
    const value = r[key];
    if (value === undefined && !needed) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`${where}: "${key}" must be text.`);
    return value.trim();
  };
  const out: CrisisResourceText = {};
  const name = text('name', required);
  if (name !== undefined) out.name = name;
  const description = text('description', required);
  if (description !== undefined) out.description = description;
  const phone = text('phone', false);
  if (phone !== undefined) {
    if (!/^\+?[0-9][0-9 ()-]*$/.test(phone)) throw new Error(`${where}: "phone" must be a phone number.`);
    out.phone = phone;
  }
  if (r.sms !== undefined) {
    const sms = r.sms as Record<string, unknown> | null;
    if (typeof sms !== 'object' || sms === null || typeof sms.number !== 'string' || !/^\+?[0-9]+$/.test(sms.number)) {
      throw new Error(`${where}: "sms" must be { "number": "741741", "body"?: "HOME" }.`);
    }
    if (sms.body !== undefined && typeof sms.body !== 'string') throw new Error(`${where}: "sms.body" must be text.`);
    out.sms = sms.body === undefined ? { number: sms.number } : { number: sms.number, body: sms.body as string };
  }
  const url = text('url', false);
  if (url !== undefined) {
    if (!/^https?:\/\//i.test(url)) throw new Error(`${where}: "url" must start with https://`);
    out.url = url;
  }
  return out;
}
