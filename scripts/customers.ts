// `pnpm customers:repair-identities`: finds customers split by identifiers recorded before every
// intake normalised them (`Sara@Example.com` and `sara@example.com` as two people) and offers them
// to agents as merge candidates, or merges them when HUB_MERGE_POLICY=auto; see
// services/agent-api/src/identity-repair.ts. Idempotent: a second run finds nothing to do. The hub
// may keep running on PostgreSQL; on the embedded PGlite (no DATABASE_URL) stop it first.
import { parseArgs } from 'node:util';
import { isHubError } from '../packages/errors/src/index.ts';
import { createLogger } from '../packages/logger/src/index.ts';
import { repairIdentitiesOffline } from '../services/hub/src/repair-identities.ts';
import { loadConfigOrExit } from './cli-config.ts';

const usage = 'usage: pnpm customers:repair-identities';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { help: { type: 'boolean', short: 'h' } },
});
if (values.help || positionals.join(' ') !== 'repair-identities') {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const config = loadConfigOrExit();
// Progress lines (events read, decisions applied) are the logger's, every few seconds.
const logger = createLogger({ service: 'customers-cli', level: config.logLevel });
try {
  const r = await repairIdentitiesOffline(config, logger);
  console.error(
    `${r.customers} customers (${r.events} events): ${r.splitIdentifiers} identifiers split across customers; ` +
      `${r.linked} normalised identifiers linked, ${r.offered} merge candidates offered, ${r.merged} customers merged` +
      `${r.skipped ? `, ${r.skipped} skipped (see the log)` : ''}` +
      `${r.unnormalisable ? `; ${r.unnormalisable} stored identifiers do not normalise and were left as they are` : ''}`,
  );
} catch (error) {
  console.error(isHubError(error) ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
}
