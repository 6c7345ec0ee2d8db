import { readFileSync } from 'node:fs';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DEFAULT_CRISIS_RESOURCES, type CrisisResource } from '@kindred/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/**
 * The crisis resources shown on "Need help now?" and to authors of crisis posts: the file at
 * CRISIS_RESOURCES_FILE when set (a JSON array of resources, or `{ "items": [...] }`), otherwise
 * the United States defaults. The file is read and checked once at start-up; a bad file stops
 * start-up with a message naming it, because a broken crisis list must never go unnoticed.
 */
@Injectable()
export class CrisisResourcesService implements OnModuleInit {
  private resources: CrisisResource[] = DEFAULT_CRISIS_RESOURCES;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    const file = this.config.crisisResourcesFile;
    if (file) this.resources = loadCrisisResources(file);
  }

  list(): CrisisResource[] {
    return this.resources;
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
