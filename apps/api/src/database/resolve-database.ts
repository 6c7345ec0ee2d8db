import { join } from 'node:path';
import type { AppConfig } from '../config/config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** The embedded server's files, when embedded. */
  dataDir?: string;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL with its files under DATA_DIR/postgres. */
export async function resolveDatabase(config: AppConfig): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const db = await startEmbeddedPostgres(join(config.dataDir, 'postgres'), {
    port: config.embeddedPgPort,
    rootHome: config.rootHome,
  });
  return { url: db.url, embedded: true, dataDir: db.dataDir, stop: db.stop };
}
