import { HubError } from '@hub/errors';

/** The CDR fields the hub reads; any other column a layout names (a custom `${CDR(x)}`) is ignored. */
export const cdrFields = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
  'uniqueid',
  'userfield',
  'peeraccount',
  'linkedid',
  'sequence',
] as const;

export type CdrField = (typeof cdrFields)[number];

/** One row by field name; a field the layout does not hold is absent. */
export type CdrRecord = Partial<Record<CdrField, string>>;

/** cdr_csv's sixteen fixed columns, in the order it writes them. */
export const cdrCsvColumns: readonly CdrField[] = cdrFields.slice(0, 16);

/** The `Master.csv` mapping of Asterisk's sample `cdr_custom.conf`, in its column order. */
export const cdrCustomColumns: readonly string[] = [
  'clid',
  'src',
  'dst',
  'dcontext',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
  'accountcode',
  'uniqueid',
  'userfield',
  'sequence',
];

/**
 * How a file's columns map to fields: `cdr_csv` (its optional tail read by shape), or a fixed
 * column list (cdr_custom and cdr_adaptive_odbc write exactly what their mapping names).
 */
export type CdrLayout =
  | { readonly kind: 'cdr_csv' }
  | { readonly kind: 'columns'; readonly columns: readonly string[] };

const required: readonly CdrField[] = ['src', 'dst', 'start', 'duration', 'billsec', 'disposition'];

/** `cdr_csv`, `cdr_custom`, or column names in file order (`clid,src,dst,...`); throws naming the problem. */
export function parseCdrLayout(spec: string): CdrLayout {
  const trimmed = spec.trim();
  if (trimmed === 'cdr_csv') return { kind: 'cdr_csv' };
  if (trimmed === 'cdr_custom') return { kind: 'columns', columns: cdrCustomColumns };
  const columns = trimmed.split(',').map((name) => name.trim().toLowerCase());
  const problem = (message: string) => new HubError('INVALID_INPUT', `CDR columns: ${message}`, { field: 'columns' });
  const bad = columns.find((name) => !/^[a-z_][a-z0-9_]{0,63}$/.test(name));
  if (bad !== undefined)
    throw problem(`"${bad}" is not a field name (use cdr_csv, cdr_custom or names such as src,dst)`);
  const twice = columns.find((name, index) => columns.indexOf(name) !== index);
  if (twice) throw problem(`${twice} is named twice`);
  const missing = required.filter((name) => !columns.includes(name));
  if (missing.length > 0) throw problem(`${missing.join(', ')} missing; a call needs them`);
  return { kind: 'columns', columns };
}

/** The layout as `parseCdrLayout` reads it back, to keep beside a row kept for re-running. */
export const describeCdrLayout = (layout: CdrLayout): string =>
  layout.kind === 'cdr_csv' ? 'cdr_csv' : layout.columns.join(',');

// `1700000000.10`, or `pbx1-1700000000.10` when cdr.conf sets a systemname.
const UNIQUE_ID = /^(?:[\w.-]+-)?\d{9,}\.\d+$/;

/**
 * cdr_csv's optional tail: `loguniqueid` and `loguserfield` each add a column, `newcdrcolumns`
 * adds peeraccount, linkedid and sequence. With one optional column, its shape says which it is.
 */
function readCsvTail(tail: string[]): CdrRecord {
  const hasNew = tail.length >= 3;
  const optional = tail.slice(0, tail.length - (hasNew ? 3 : 0));
  const [first = '', second] = optional;
  const uniqueid = second !== undefined || UNIQUE_ID.test(first) ? first : undefined;
  return hasNew
    ? { uniqueid, peeraccount: tail.at(-3), linkedid: tail.at(-2), sequence: tail.at(-1) }
    : { uniqueid, userfield: second };
}

/** A row's fields by name, or a refusal when its column count cannot be this layout's. */
export function readCdrRecord(fields: string[], layout: CdrLayout): CdrRecord {
  const record: Record<string, string | undefined> = {};
  if (layout.kind === 'cdr_csv') {
    if (fields.length < 16 || fields.length > 21) {
      throw new HubError('INVALID_INPUT', `the row has ${fields.length} columns; cdr_csv writes 16 to 21`);
    }
    cdrCsvColumns.forEach((name, index) => {
      record[name] = fields[index];
    });
    return { ...record, ...readCsvTail(fields.slice(16)) };
  }
  if (fields.length !== layout.columns.length) {
    throw new HubError(
      'INVALID_INPUT',
      `the row has ${fields.length} columns; the configured layout has ${layout.columns.length}`,
    );
  }
  layout.columns.forEach((name, index) => {
    if ((cdrFields as readonly string[]).includes(name)) record[name] = fields[index];
  });
  return record;
}
