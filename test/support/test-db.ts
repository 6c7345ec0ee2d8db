import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server URL global setup prepared. */
export function serverUrl(): string {
  const url = process.env.KINDRED_TEST_PG_URL;
  if (!url)
    throw new Error(
      'KINDRED_TEST_PG_URL is not set: run tests through jest (npm test), whose global setup starts PostgreSQL.',
    );
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, empty database for one test file; `drop()` removes it so nothing is left behind. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `kindred_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl(), name),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
