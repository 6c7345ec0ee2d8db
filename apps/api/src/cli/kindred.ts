import 'reflect-metadata';
import { ROLES, type Role } from '@kindred/contracts';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.js';
import { dataSourceOptions } from '../database/data-source.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import * as argon2 from 'argon2';
import { join } from 'node:path';
import { ResetLinksRepository, RESET_LINK_MINUTES } from '../auth/reset/reset-links.repository.js';

/** `npm run kindred -- <command>`: operator commands against the database `npm start` uses. */

const HELP = `Kindred operator commands (run from the repository root):

  npm run kindred -- set-role <username> <member|moderator|admin>
      Give an account a role. Make your first admin this way.
  npm run kindred -- reset-link <username>
      Print a one-time link (valid 30 minutes) that lets that person choose a new password;
      using it signs out every device. For someone you know offline who lost their password
      and recovery codes. Recorded in the moderation log (operator, account, time).
  npm run kindred -- create-admin <username>
      Create an admin account without the web app (for a new install or a script). A strong
      password is generated and printed once: sign in, change it in Settings and save your
      recovery codes there.
  npm run kindred -- list-admins
      List every admin and moderator account.
  npm run kindred -- help
      Show this list.

Commands use the same database as npm start (DATABASE_URL, or the embedded one in DATA_DIR).
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

const USERNAME = /^[A-Za-z0-9_-]{3,24}$/;

/** Creates an admin with a generated password (printed once; the account is used like any other). */
export async function createAdmin(dataSource: DataSource, username: string): Promise<string> {
  if (!USERNAME.test(username)) {
    throw new CliError('A username is 3–24 characters: letters, digits, _ and -. Please choose another.');
  }
  const password = randomBytes(15).toString('base64url');
  const hash = await argon2.hash(password, { type: argon2.argon2id });
  // TypeORM answers an INSERT … RETURNING on PostgreSQL with the returned rows.
  const created = (await dataSource.query(
    `INSERT INTO users (username, password_hash, role) VALUES ($1, $2, 'admin')
     ON CONFLICT DO NOTHING RETURNING username`,
    [username, hash],
  )) as Array<{ username: string }>;
  if (created.length === 0) throw new CliError(`The username "${username}" is taken; choose another.`);
  return [
    `Created the admin ${username}. Its password (shown only now):`,
    '',
    `  ${password}`,
    '',
    'Sign in, then change the password in Settings and save your recovery codes there.',
  ].join('\n');
}

/** Every account with a staff role. */
export async function listAdmins(dataSource: DataSource): Promise<string> {
  const rows = (await dataSource.query(
    `SELECT username, role FROM users WHERE role IN ('admin', 'moderator') ORDER BY role, lower(username)`,
  )) as Array<{ username: string; role: Role }>;
  if (rows.length === 0)
    return 'There are no admins or moderators yet. Make one with: npm run kindred -- create-admin <username>';
  return rows.map((r) => `${r.role.padEnd(9)} ${r.username}`).join('\n');
}

/** Makes a reset link for the account; `operator` is who ran the command (for the moderation log). */
export async function resetLink(
  dataSource: DataSource,
  username: string,
  publicUrl: string,
  operator: string,
): Promise<string> {
  const made = await new ResetLinksRepository(dataSource).create(username, operator);
  if (!made) throw new CliError(`No account is called "${username}".`);
  // The token is in the fragment: browsers never send it to a server or in a Referer.
  const link = `${publicUrl}/reset#${made.token}`;
  return [
    `A one-time reset link for ${made.username} (it works once, for ${RESET_LINK_MINUTES} minutes):`,
    '',
    `  ${link}`,
    '',
    'Give it to them privately. Using it sets a new password and signs out every device.',
    'This was recorded in the moderation log.',
  ].join('\n');
}

const USAGE: Record<string, string> = {
  'set-role': 'Usage: npm run kindred -- set-role <username> <member|moderator|admin>',
  'reset-link': 'Usage: npm run kindred -- reset-link <username>',
  'create-admin': 'Usage: npm run kindred -- create-admin <username>',
  'list-admins': 'Usage: npm run kindred -- list-admins',
};
const ARITY: Record<string, number> = { 'set-role': 2, 'reset-link': 1, 'create-admin': 1, 'list-admins': 0 };

export async function runCli(argv: string[], out: (line: string) => void): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    out(HELP);
    return command ? 0 : 1;
  }
  if (!(command in USAGE)) {
    out(`Unknown command "${command}".\n\n${HELP}`);
    return 1;
  }
  if (args.length !== ARITY[command]) {
    out(USAGE[command]);
    return 1;
  }
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres(join(config.dataDir, 'postgres'), {
        port: config.embeddedPgPort,
        rootHome: config.rootHome,
        leaveRunning: true,
      });
  const dataSource = new DataSource(dataSourceOptions(config.databaseUrl ?? embedded!.url));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    out(await run(dataSource, command, args, config.publicUrl));
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

function run(dataSource: DataSource, command: string, args: string[], publicUrl: string): Promise<string> {
  switch (command) {
    case 'set-role':
      return setRole(dataSource, args[0], args[1]);
    case 'reset-link':
      return resetLink(dataSource, args[0], publicUrl, operatorName());
    case 'create-admin':
      return createAdmin(dataSource, args[0]);
    default:
      return listAdmins(dataSource);
  }
}

/** Who ran the command, for the moderation log: the system account's name. */
function operatorName(): string {
  try {
    return `operator ${userInfo().username}`;
  } catch {
    return 'operator';
  }
}
