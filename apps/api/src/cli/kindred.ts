import 'reflect-metadata';
import { ROLES, type Role } from '@kindred/contracts';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.js';
import { dataSourceOptions } from '../database/data-source.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { join } from 'node:path';

/** `npm run kindred -- <command>`: operator commands against the database `npm start` uses. */

const HELP = `Kindred operator commands (run from the repository root):

  npm run kindred -- set-role <username> <member|moderator|admin>
      Give an account a role. Make your first admin this way.
  npm run kindred -- help
      Show this list.
`;

export class CliError extends Error {}

export async function setRole(dataSource: DataSource, username: string, role: string): Promise<string> {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new CliError(`Unknown role "${role}". Use one of: ${ROLES.join(', ')}.`);
  }
  // TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affectedCount].
  const [rows] = (await dataSource.query(
    'UPDATE users SET role = $2 WHERE lower(username) = lower($1) RETURNING username, role',
    [username, role],
  )) as [Array<{ username: string; role: Role }>, number];
  if (rows.length === 0) throw new CliError(`No account is called "${username}".`);
  return `${rows[0].username} is now ${rows[0].role}.`;
}

export async function runCli(argv: string[], out: (line: string) => void): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    out(HELP);
    return command ? 0 : 1;
  }
  if (command !== 'set-role') {
    out(`Unknown command "${command}".\n\n${HELP}`);
    return 1;
  }
  if (args.length !== 2) {
    out('Usage: npm run kindred -- set-role <username> <member|moderator|admin>');
    return 1;
  }
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres(join(config.dataDir, 'postgres'), {
        port: config.embeddedPgPort,
        leaveRunning: true,
      });
  const dataSource = new DataSource(dataSourceOptions(config.databaseUrl ?? embedded!.url));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    out(await setRole(dataSource, args[0], args[1]));
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      out(error.message);
      return 1;
    }
    throw error;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}
