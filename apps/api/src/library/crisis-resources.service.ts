import { readFileSync } from 'node:fs';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  DEFAULT_CRISIS_RESOURCES,
  DEFAULT_INTERNATIONAL_CRISIS_RESOURCES,
  type CrisisResource,
  type InternationalCrisisResource,
} from '@kindred/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/**
 * The crisis resources shown on "Need help now?" and to authors of crisis posts: the file at
 * CRISIS_RESOURCES_FILE when set (a JSON array of resources, or `{ "items": [...] }`), otherwise
 * the United States defaults. The object form may add `"international": [{ "country", "name", "phone",
 * "note"?, "url"? }]` for "Not in the US?" (otherwise a short default list). The file is read and checked once at start-up; a bad file stops
 * start-up with a message naming it, because a broken crisis list must never go unnoticed.
 */
@Injectable()
export class CrisisResourcesService implements OnModuleInit {
  private resources: CrisisResource[] = DEFAULT_CRISIS_RESOURCES;
  private international: InternationalCrisisResource[] = DEFAULT_INTERNATIONAL_CRISIS_RESOURCES;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    const file = this.config.crisisResourcesFile;
    if (!file) return;
    this.resources = loadCrisisResources(file);
    this.international = loadInternationalCrisisResources(file) ?? DEFAULT_INTERNATIONAL_CRISIS_RESOURCES;
  }

  list(): CrisisResource[] {
    return this.resources;
  }

  listInternational(): InternationalCrisisResource[] {
    return this.international;
  }
}

export function loadCrisisResources(file: string): CrisisResource[] {
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
export function loadInternationalCrisisResources(file: string): InternationalCrisisResource[] | undefined {
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
    const out: InternationalCrisisResource = { country, name, phone };
    const note = text('note');
    if (note !== undefined) out.note = note;
    const url = text('url');
    if (url !== undefined) {
      if (!/^https?:\/\//i.test(url)) throw new Error(`${where}: "url" must start with https://`);
      out.url = url;
    }
    return out;
  });
}

function toResource(item: unknown, where: string): CrisisResource {
  if (typeof item !== 'object' || item === null) throw new Error(`${where} must be an object.`);
  const r = item as Record<string, unknown>;
  const text = (key: string, required: boolean): string | undefined => {
    const value = r[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`${where}: "${key}" must be text.`);
    return value.trim();
  };
  const resource: CrisisResource = {
    id: text('id', true)!,
    name: text('name', true)!,
    description: text('description', true)!,
  };
  const phone = text('phone', false);
  if (phone !== undefined) {
    if (!/^\+?[0-9][0-9 ()-]*$/.test(phone)) throw new Error(`${where}: "phone" must be a phone number.`);
    resource.phone = phone;
  }
  if (r.sms !== undefined) {
    const sms = r.sms as Record<string, unknown> | null;
    if (typeof sms !== 'object' || sms === null || typeof sms.number !== 'string' || !/^\+?[0-9]+$/.test(sms.number)) {
      throw new Error(`${where}: "sms" must be { "number": "741741", "body"?: "HOME" }.`);
    }
    if (sms.body !== undefined && typeof sms.body !== 'string') throw new Error(`${where}: "sms.body" must be text.`);
    resource.sms = sms.body === undefined ? { number: sms.number } : { number: sms.number, body: sms.body as string };
  }
  const url = text('url', false);
  if (url !== undefined) {
    if (!/^https?:\/\//i.test(url)) throw new Error(`${where}: "url" must start with https://`);
    resource.url = url;
  }
  if (!resource.phone && !resource.sms && !resource.url) {
    throw new Error(`${where} needs at least one of "phone", "sms" or "url".`);
  }
  return resource;
}
