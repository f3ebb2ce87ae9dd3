import type { SqlExecutor } from '@hub/sql';
import { csvRecord } from './csv.ts';
import type { ExportFormat } from './history-export.ts';
import { assertReadModelTables, type ReadModelTables } from './read-model.ts';

/**
 * A read model's table, a page at a time in the order of its primary key (keyset pages through
 * its index: bounded memory, a plan without statistics), or of its physical rows without one.
 * Rows come as `row_to_json` (columns in the table's order), so both drivers give the same values.
 */
export async function* readModelRows(
  db: SqlExecutor,
  readModel: ReadModelTables,
  table: string,
  batchSize = 1000,
): AsyncGenerator<Record<string, unknown>[]> {
  assertReadModelTables(readModel);
  if (!readModel.tables.includes(table))
    throw new Error(`no table ${table} in this read model; its tables: ${readModel.tables.join(', ')}`);
  const qualified = `${readModel.schema}.${table}`;
  const keys = await db.query<{ name: string; type: string }>(
    `SELECT quote_ident(a.attname) AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_index i
       JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.n`,
    [qualified],
  );
  const keyed = keys.length > 0;
  const order = keyed ? `(${keys.map((k) => `t.${k.name}`).join(', ')})` : 't.ctid';
  // The last row's key travels as text (a JSON array of the key's values, or a tid) and is cast back.
  const keyOut = keyed ? `json_build_array(${keys.map((k) => `t.${k.name}`).join(', ')})::text` : 't.ctid::text';
  const keyIn = keyed ? `(${keys.map((k, i) => `($1::jsonb->>${i})::${k.type}`).join(', ')})` : '$1::text::tid';
  let last: string | undefined;
  for (;;) {
    const rows = await db.query<{ row: Record<string, unknown>; key: string }>(
      `SELECT row_to_json(t) AS row, ${keyOut} AS key FROM ${qualified} t
        ${last === undefined ? '' : `WHERE ${order} > ${keyIn}`}
        ORDER BY ${order} LIMIT ${Math.trunc(batchSize)}`,
      last === undefined ? [] : [last],
    );
    if (rows.length > 0) yield rows.map((r) => (typeof r.row === 'string' ? JSON.parse(r.row) : r.row));
    if (rows.length < batchSize) return;
    last = rows.at(-1)?.key;
  }
}

/** Rows as text chunks: NDJSON, or CSV with the first row's columns as the header. */
export async function* formatRows(
  pages: AsyncIterable<readonly Record<string, unknown>[]>,
  format: ExportFormat,
): AsyncGenerator<string> {
  let columns: string[] | undefined;
  for await (const page of pages) {
    if (format === 'ndjson') {
      yield page.map((row) => `${JSON.stringify(row)}\n`).join('');
      continue;
    }
    let chunk = '';
    if (!columns && page[0]) {
      columns = Object.keys(page[0]);
      chunk += csvRecord(columns);
    }
    const header = columns ?? [];
    chunk += page.map((row) => csvRecord(header.map((column) => row[column]))).join('');
    yield chunk;
  }
}
