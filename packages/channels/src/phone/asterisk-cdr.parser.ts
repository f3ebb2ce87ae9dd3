import { createHash } from 'node:crypto';
import type { CountryCode } from '@hub/customer-identity';
import { HubError, isHubError } from '@hub/errors';
import { parse } from 'csv-parse/sync';
import { type CdrLayout, readCdrRecord } from './asterisk-cdr.layout.ts';
import { readCdrRow } from './asterisk-cdr.row.ts';
import type { PhoneCall } from './phone-call.ts';

export interface CdrOptions {
  /** The switch's clock: `UTC` when cdr.conf has `usegmtime=yes`, else its local IANA zone. */
  readonly timeZone: string;
  readonly region?: CountryCode;
  /** Which `src`/`dst` values are our own extensions (default: two to six digits). */
  readonly extensionPattern?: RegExp;
  /** Names the switch when several post here, so their uniqueids (epoch.sequence) cannot collide. */
  readonly pbx?: string;
  /** Which column holds which field (default: cdr_csv's Master.csv). */
  readonly layout?: CdrLayout;
}

/** What became of one row of the file; `line` is where it ends in the file (1-based). */
export type CdrRowOutcome =
  | { readonly line: number; readonly kind: 'call'; readonly call: PhoneCall }
  | { readonly line: number; readonly kind: 'skipped-internal'; readonly reason: string }
  /** `text` is the row as written, so it can be kept and parsed again on its own. */
  | { readonly line: number; readonly kind: 'failed'; readonly reason: string; readonly text: string };

const MAX_ROWS = 10_000;

/**
 * A CDR file: cdr_csv's Master.csv (no header, strings quoted, numbers bare) or a cdr_custom
 * mapping (numbers quoted too). Each row stands alone, as the switch wrote it alone: a bad row
 * is reported with its line and the others still count. Only a file that is not CSV, or none of
 * whose rows is a CDR row, is refused whole (a wrong layout or a wrong file, not a bad row).
 */
export function parseMasterCsv(text: string, options: CdrOptions): CdrRowOutcome[] {
  let rows: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true, info: true, raw: true }) as never;
  } catch (error) {
    throw new HubError('INVALID_INPUT', `the body is not CSV: ${(error as Error).message}`);
  }
  const first = rows[0]?.record.map((name) => name.trim().toLowerCase()) ?? [];
  if (first.includes('src') && first.includes('start')) rows.shift();
  if (rows.length === 0) throw new HubError('INVALID_INPUT', 'the CDR file holds no rows');
  if (rows.length > MAX_ROWS) {
    throw new HubError('INVALID_INPUT', `a CDR file holds at most ${MAX_ROWS} rows (got ${rows.length}); split it`);
  }
  const layout = options.layout ?? { kind: 'cdr_csv' };
  const system = options.pbx ? `asterisk-${options.pbx}` : 'asterisk';
  const outcomes = rows.map(({ record, info, raw }): CdrRowOutcome => {
    const line = info.lines;
    try {
      // Without a uniqueid, the row's own bytes name it: the same row posted again is the same call.
      const rowHash = createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 32);
      const read = readCdrRow(readCdrRecord(record, layout), { ...options, system, rowHash });
      return read.kind === 'skip' ? { line, kind: 'skipped-internal', reason: read.reason } : { line, ...read };
    } catch (error) {
      if (!isHubError(error)) throw error;
      return { line, kind: 'failed', reason: error.message, text: raw.replace(/^[\r\n]+|[\r\n]+$/g, '') };
    }
  });
  const failed = outcomes.filter((o) => o.kind === 'failed');
  if (failed.length === outcomes.length) {
    const listed = failed.slice(0, 10).map((o) => `line ${o.line}: ${o.reason}`);
    throw new HubError(
      'INVALID_INPUT',
      `none of the ${outcomes.length} rows is a CDR row of this layout, nothing was recorded: ${listed.join('; ')}${failed.length > 10 ? '; ...' : ''}`,
      { rows: failed.slice(0, 100).map(({ line, reason }) => ({ line, reason })) },
    );
  }
  return outcomes;
}
