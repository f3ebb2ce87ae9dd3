// `pnpm projections:rebuild <name>`: builds a projection's read model afresh from the event store
// in shadow tables, then swaps them in at the live projection's checkpoint (see @hub/projections).
// The hub may keep running on PostgreSQL meanwhile; on the embedded PGlite (no DATABASE_URL) stop
// it first: one process per data folder. Reads the hub's configuration from the environment.
import { parseArgs } from 'node:util';
import { isHubError } from '../packages/errors/src/index.ts';
import { createLogger } from '../packages/logger/src/index.ts';
import { hubProjections, rebuildProjectionOffline } from '../services/hub/src/rebuild-projection.ts';
import { loadConfigOrExit } from './cli-config.ts';

const usage = `usage: pnpm projections:rebuild <name>   (one of: ${[...hubProjections.keys()].join(', ')})`;
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { help: { type: 'boolean', short: 'h' } },
});
const [command, name] = positionals;
if (values.help || command !== 'rebuild' || !name || positionals.length !== 2) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
if (!hubProjections.has(name)) {
  console.error(`no projection named ${JSON.stringify(name)}\n${usage}`);
  process.exit(2);
}

const config = loadConfigOrExit();
// Progress lines (events done / total, rate) are the logger's, every few seconds.
const logger = createLogger({ service: 'projections-cli', level: config.logLevel });
try {
  const result = await rebuildProjectionOffline(config, name, logger);
  console.error(
    `${result.projection}: ${result.events} events in ${(result.durationMs / 1000).toFixed(1)} s ` +
      `(${result.eventsPerSecond}/s), swapped in at ${result.checkpoint ?? 'the start'}`,
  );
} catch (error) {
  console.error(isHubError(error) ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
}
