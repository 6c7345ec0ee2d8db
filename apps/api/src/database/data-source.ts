import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/** Connection settings shared by the server, the CLI and the tests. Schema changes only via migrations. */
export function dataSourceOptions(url: string): DataSourceOptions & { type: 'postgres' } {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    logging: false,
    extra: {
      max: 20,
      // Fail fast (503) instead of hanging when the database is unreachable.
      connectionTimeoutMillis: 2000,
      idleTimeoutMillis: 30000,
      application_name: 'kindred',
    },
  };
}
