import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { createApp } from './create-app.js';
import { EmbeddedPostgresError } from './database/embedded-postgres.js';
import { resolveDatabase, type ResolvedDatabase } from './database/resolve-database.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const database: ResolvedDatabase = await resolveDatabase(config);
  const app = await createApp(config, database.url);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Kindred is stopping (${signal})…\n`);
    await app.close().catch(() => undefined);
    await database.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen(config.port, config.host);
  process.stdout.write(banner(config, database));
}

/** What an operator needs on the first screen: where to go, where the data is, how to get an admin. */
function banner(config: AppConfig, database: ResolvedDatabase): string {
  const url = `http://localhost:${config.port}`;
  const where = database.embedded ? `embedded PostgreSQL in ${database.dataDir ?? config.dataDir}` : 'DATABASE_URL';
  if (config.logFormat === 'json') return `Kindred is listening on ${url} (database: ${where})\n`;
  return [
    '',
    `  Kindred is listening on ${url}`,
    `  Data:         ${where} (secrets in ${config.dataDir}/secrets)`,
    '  First admin:  register in the web app, then run  npm run kindred -- set-role <username> admin',
    '  Commands:     npm run kindred -- help      Stop: Ctrl+C',
    '',
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  // Problems an operator can fix get one plain sentence, not a stack trace.
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
    process.stderr.write(`Kindred could not start: ${error.message}\n`);
  } else {
    process.stderr.write(`Kindred could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
