import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EventStore } from '@hub/event-store';
import {
  type ExportFormat,
  formatHistory,
  formatRows,
  type HistoryFilter,
  type ProjectionDefinition,
  readHistory,
  readModelRows,
} from '@hub/projections';
import type { SqlExecutor } from '@hub/sql';

/** Where an export goes: a file (made or replaced), or the stream given (stdout). */
const sinkOf = (out: string | Writable): Writable => (typeof out === 'string' ? createWriteStream(out) : out);

/**
 * The history (or the part the filter selects) as NDJSON or CSV, streamed a page at a time:
 * memory stays flat whatever the history's length, and a slow reader slows the reads.
 * Read from the store given: the raw one keeps personal data sealed.
 */
export async function exportHistory(
  store: EventStore,
  options: { filter: HistoryFilter; format: ExportFormat; out: string | Writable; batchSize?: number },
): Promise<void> {
  const chunks = formatHistory(readHistory(store, options.filter, options.batchSize), options.format);
  await pipeline(Readable.from(chunks), sinkOf(options.out), { end: typeof options.out === 'string' });
}

/** One table of a projection's read model (each of them when `table` is not given, one after another). */
export async function exportReadModel(
  db: SqlExecutor,
  projection: ProjectionDefinition,
  options: { table?: string; format: ExportFormat; out: string | Writable },
): Promise<void> {
  const tables = options.table ? [options.table] : projection.readModel.tables;
  if (tables.length > 1 && options.format === 'csv')
    throw new Error(
      `${projection.name} has ${tables.length} tables (${tables.join(', ')}): name one with --table for CSV`,
    );
  async function* rows() {
    for (const table of tables) yield* readModelRows(db, projection.readModel, table);
  }
  await pipeline(Readable.from(formatRows(rows(), options.format)), sinkOf(options.out), {
    end: typeof options.out === 'string',
  });
}
