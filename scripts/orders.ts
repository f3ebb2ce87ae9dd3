// `pnpm orders:import <file.csv>`: imports orders from CSV (one row per order line; see
// packages/commerce/README.md) as `POST /v1/orders/import` does: streamed, an order with any bad
// row written not at all, orders already imported counted as duplicates. Progress lines on stderr,
// then the totals and the row errors. Reads the hub's configuration from the environment; on the
// embedded PGlite (no DATABASE_URL) stop the hub first: one process per data folder.
import { parseArgs } from 'node:util';
import { isHubError } from '../packages/errors/src/index.ts';
import { createLogger } from '../packages/logger/src/index.ts';
import { importOrdersOffline } from '../services/hub/src/orders-import.ts';
import { loadConfigOrExit } from './cli-config.ts';

const usage = 'usage: pnpm orders:import <file.csv>';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { help: { type: 'boolean', short: 'h' } },
});
const [command, file] = positionals;
if (values.help || command !== 'import' || !file || positionals.length !== 2) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const config = loadConfigOrExit();
const logger = createLogger({ service: 'orders-cli', level: config.logLevel });
const started = Date.now();
const totals = (r: { rows: number; orders: { created: number; duplicates: number; refused: number } }) =>
  `${r.rows} rows: ${r.orders.created} orders created, ${r.orders.duplicates} duplicates, ${r.orders.refused} refused`;
try {
  const report = await importOrdersOffline(config, file, logger, (r) =>
    console.error(`${totals(r)} (${((Date.now() - started) / 1000).toFixed(1)} s)`),
  );
  for (const e of report.errors) {
    console.error(
      `row ${e.row} (line ${e.line})${e.orderId ? ` order ${e.orderId}` : ''}${e.column ? ` ${e.column}` : ''}: ${e.reason}`,
    );
  }
  if (report.errorsTruncated)
    console.error(`... ${report.errorsTotal} errors in all; the first ${report.errors.length} are listed`);
  if (report.stoppedAt) console.error(`stopped early: ${report.stoppedAt}`);
  console.error(totals(report));
  if (report.orders.refused > 0 || report.stoppedAt) process.exitCode = 1;
} catch (error) {
  console.error(isHubError(error) ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
}
