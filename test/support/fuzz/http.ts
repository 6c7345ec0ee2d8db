import type { DataSource } from 'typeorm';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** encodeURIComponent that also encodes lone surrogates (as invalid UTF-8 bytes) instead of throwing. */
export function encodeAny(value: string): string {
  return value
    .split(LONE_SURROGATE)
    .map((part) => encodeURIComponent(part))
    .join('%ED%A0%80');
}

/** Fills `{name}` path parameters (OpenAPI style) with the given values, URL-encoded. */
export function fillPath(template: string, values: string[]): string {
  let i = 0;
  return template.replace(/\{[^}]+\}/g, () => encodeAny(values[i++ % Math.max(values.length, 1)] ?? 'x'));
}

export function queryString(pairs: Array<[string, string]>): string {
  if (pairs.length === 0) return '';
  return '?' + pairs.map(([k, v]) => `${encodeAny(k)}=${encodeAny(v)}`).join('&');
}

export const truncate = (value: unknown, max = 300): string => {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
};

/**
 * Counts the rows of every table in the public schema with one query (exact counts:
 * pg_stat's n_live_tup lags behind). Used to prove that a rejected request changed nothing.
 */
export class RowCounter {
  private constructor(
    private readonly dataSource: DataSource,
    private readonly sql: string,
  ) {}

  static async create(dataSource: DataSource): Promise<RowCounter> {
    const tables = await dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
    const columns = tables.map(
      (t) => `(SELECT count(*) FROM public.${quote(t.table_name)})::int AS ${quote(t.table_name)}`,
    );
    return new RowCounter(dataSource, `SELECT ${columns.join(', ') || '0 AS none'}`);
  }

  async counts(): Promise<Record<string, number>> {
    const [row] = await this.dataSource.query<Record<string, number>[]>(this.sql);
    return row;
  }

  /** Tables whose count differs, as "table: before → after". */
  static diff(before: Record<string, number>, after: Record<string, number>): string[] {
    return Object.keys({ ...before, ...after })
      .filter((k) => before[k] !== after[k])
      .map((k) => `${k}: ${before[k]} → ${after[k]}`);
  }
}
