import { createHash } from 'node:crypto';
import type { CountryCode } from '@hub/customer-identity';
import { HubError, isHubError } from '@hub/errors';
import { parse } from 'csv-parse/sync';
import { cdrColumns, readCdrRow } from './asterisk-cdr.row.ts';
import type { PhoneCall } from './phone-call.ts';

export interface CdrOptions {
  /** The switch's clock: `UTC` when cdr.conf has `usegmtime=yes`, else its local IANA zone. */
  readonly timeZone: string;
  readonly region?: CountryCode;
  /** Which `src`/`dst` values are our own extensions (default: two to six digits). */
  readonly extensionPattern?: RegExp;
  /** Names the switch when several post here, so their uniqueids (epoch.sequence) cannot collide. */
  readonly pbx?: string;
}

export interface CdrBatch {
  readonly calls: readonly PhoneCall[];
  /** Rows that are no customer's call (extension to extension), by row number. */
  readonly skipped: readonly { row: number; reason: string }[];
}

const MAX_ROWS = 10_000;

/**
 * Asterisk `cdr_csv` Master.csv: no header, every string quoted (quotes doubled), numbers bare.
 * A file is taken whole or not at all: a bad row refuses the request with every bad row's number,
 * so the sender fixes and re-posts the file, and ids stay stable because rows are never renumbered.
 */
export function parseMasterCsv(text: string, options: CdrOptions): CdrBatch {
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: false, bom: true });
  } catch (error) {
    throw new HubError('INVALID_INPUT', `the body is not CSV: ${(error as Error).message}`);
  }
  if (rows[0]?.[0]?.toLowerCase() === cdrColumns[0] && rows[0]?.[9]?.toLowerCase() === 'start') rows.shift();
  if (rows.length === 0) throw new HubError('INVALID_INPUT', 'the CDR file holds no rows');
  if (rows.length > MAX_ROWS) {
    throw new HubError('INVALID_INPUT', `a CDR file holds at most ${MAX_ROWS} rows (got ${rows.length}); split it`);
  }
  const system = options.pbx ? `asterisk-${options.pbx}` : 'asterisk';
  const calls: PhoneCall[] = [];
  const skipped: { row: number; reason: string }[] = [];
  const errors: { row: number; reason: string }[] = [];
  rows.forEach((fields, index) => {
    const row = index + 1;
    try {
      // Without a uniqueid, the row's own bytes name it: the same row posted again is the same call.
      const rowHash = createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
      const read = readCdrRow(fields, { ...options, system, rowHash });
      if (read.kind === 'skip') skipped.push({ row, reason: read.reason });
      else calls.push(read.call);
    } catch (error) {
      if (!isHubError(error)) throw error;
      errors.push({ row, reason: error.message });
    }
  });
  if (errors.length > 0) {
    const listed = errors.slice(0, 10).map((e) => `row ${e.row}: ${e.reason}`);
    throw new HubError(
      'INVALID_INPUT',
      `${errors.length} of ${rows.length} CDR rows are invalid, nothing was recorded: ${listed.join('; ')}${errors.length > 10 ? '; ...' : ''}`,
      { rows: errors.slice(0, 100) },
    );
  }
  return { calls, skipped };
}
