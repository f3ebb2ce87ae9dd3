import { HubError } from '@hub/errors';
import { type Actor, Amount, CommerceId } from '@hub/events';
import { type CsvRecord, CsvTooLongRecordError, readCsvRecords } from './csv-records.ts';
import { type BuyerSettings, buyerIdentifiers } from './order-buyer.ts';
import type { OrderDesk, OrderToPlace } from './order-desk.ts';
import { PLACING_RUN } from './order-placing.ts';

/** The columns of an order import, one row per order line; rows of one order are consecutive. */
export const ORDER_CSV_COLUMNS = [
  'order_id',
  'placed_at',
  'currency',
  'customer_email',
  'customer_phone',
  'customer_external_id',
  'product_id',
  'quantity',
  'unit_amount',
] as const;
type Column = (typeof ORDER_CSV_COLUMNS)[number];

export const MAX_ORDER_LINES = 1000;
/**
 * Orders read whole are placed together, a batch at a time, this many at most (the desk's run)
 * and this many lines: what memory holds while the file streams.
 */
const BATCH_ORDERS = PLACING_RUN;
const BATCH_LINES = 2_500;

export interface RowError {
  readonly row: number;
  readonly line: number;
  readonly orderId: string | null;
  /** Null when the reason is the row's or the order's as a whole. */
  readonly column: Column | null;
  readonly reason: string;
}

export interface ImportReport {
  /** Data rows read (the header not counted). */
  rows: number;
  orders: { created: number; duplicates: number; refused: number };
  /** The first `maxErrors` errors, in file order. */
  errors: RowError[];
  errorsTotal: number;
  errorsTruncated: boolean;
  /** Set when the read stopped early (an unclosed quote): what came before it stands. */
  stoppedAt: string | null;
}

export interface ImportOptions extends BuyerSettings {
  readonly actor: Actor;
  readonly maxErrors?: number;
  readonly maxRecordChars?: number;
  /** Called every `progressEvery` rows (10,000) and at the end. */
  readonly onProgress?: (report: Readonly<ImportReport>) => void;
  readonly progressEvery?: number;
}

/** Where a row is, for its errors. */
type RowAt = Pick<CsvRecord, 'row' | 'line'>;

interface PendingOrder {
  readonly orderId: string;
  readonly first: RowAt;
  values: Record<Column, string>;
  readonly lines: { productId: string; quantity: number; unitAmount: string; at: RowAt }[];
  errors: number;
}

/** An order read whole and checked, waiting for its batch to be placed. */
interface ReadyOrder {
  readonly first: RowAt;
  readonly lines: readonly { readonly productId: string; readonly at: RowAt }[];
  readonly toPlace: OrderToPlace;
}

const EMPTY_VALUES = Object.fromEntries(ORDER_CSV_COLUMNS.map((c) => [c, ''])) as Record<Column, string>;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const ORDER_FIELDS: readonly Column[] = [
  'placed_at',
  'currency',
  'customer_email',
  'customer_phone',
  'customer_external_id',
];

/**
 * Imports orders from CSV as it streams: each order's rows are gathered (at most
 * `MAX_ORDER_LINES`) and checked, and the orders read whole are placed a batch at a time
 * (`OrderDesk.placeAll`: a few round trips a batch, the outcomes of placing them one by one), so
 * memory holds one batch. An order with any bad row is not written at all; an order id already
 * placed with the same content is a duplicate (a re-import writes nothing). Errors name the row,
 * the column and why, in file order.
 */
export async function importOrdersCsv(
  desk: OrderDesk,
  chunks: AsyncIterable<Uint8Array | string>,
  options: ImportOptions,
): Promise<ImportReport> {
  const maxErrors = options.maxErrors ?? 1000;
  const progressEvery = options.progressEvery ?? 10_000;
  const report: ImportReport = {
    rows: 0,
    orders: { created: 0, duplicates: 0, refused: 0 },
    errors: [],
    errorsTotal: 0,
    errorsTruncated: false,
    stoppedAt: null,
  };
  const fail = (at: RowAt, orderId: string | null, column: Column | null, reason: string) => {
    report.errorsTotal++;
    // A batch's refusals are known once it is placed, after the rows read since: each error goes
    // in at its row, so the list stays the first `maxErrors` in file order.
    const { errors } = report;
    let i = errors.length;
    while (i > 0 && (errors[i - 1] as RowError).row > at.row) i--;
    if (i >= maxErrors) {
      report.errorsTruncated = true;
      return;
    }
    errors.splice(i, 0, detached({ row: at.row, line: at.line, orderId, column, reason }));
    if (errors.length > maxErrors) {
      errors.pop();
      report.errorsTruncated = true;
    }
  };
  let header: Header | undefined;
  let pending: PendingOrder | undefined;
  const batch: ReadyOrder[] = [];
  let batchLines = 0;

  /** Places the orders read whole so far. */
  const flush = async () => {
    if (batch.length === 0) return;
    const orders = batch.splice(0);
    batchLines = 0;
    const unknown = new Set(await desk.unknownProducts(orders.flatMap((o) => o.lines.map((l) => l.productId))));
    const known = orders.filter((order) => {
      const missing = order.lines.filter((line) => unknown.has(line.productId));
      for (const line of missing)
        fail(line.at, order.toPlace.orderId, 'product_id', `unknown product ${line.productId}`);
      if (missing.length > 0) report.orders.refused++;
      return missing.length === 0;
    });
    const outcomes = await desk.placeAll(
      known.map((o) => o.toPlace),
      { actor: options.actor, source: 'csv' },
    );
    outcomes.forEach((outcome, k) => {
      if (outcome.outcome === 'created') report.orders.created++;
      else if (outcome.outcome === 'duplicate') report.orders.duplicates++;
      else {
        report.orders.refused++;
        fail((known[k] as ReadyOrder).first, outcome.orderId, null, `${outcome.code}: ${outcome.reason}`);
      }
    });
  };

  const finish = async (order: PendingOrder) => {
    const buyer = buyerIdentifiers(
      {
        email: order.values.customer_email,
        phone: order.values.customer_phone,
        externalId: order.values.customer_external_id,
      },
      options,
    );
    if (order.errors > 0 || !buyer.ok) {
      report.orders.refused++;
      return;
    }
    const toPlace = detached<OrderToPlace>({
      orderId: order.orderId,
      placedAt: order.values.placed_at,
      currency: order.values.currency,
      buyer: { identifiers: buyer.identifiers, displayName: null },
      lines: order.lines.map(({ productId, quantity, unitAmount }) => ({ productId, quantity, unitAmount })),
    });
    batch.push({
      first: order.first,
      lines: toPlace.lines.map(({ productId }, i) => ({ productId, at: order.lines[i]?.at as RowAt })),
      toPlace,
    });
    batchLines += order.lines.length;
    if (batch.length >= BATCH_ORDERS || batchLines >= BATCH_LINES) await flush();
  };

  /** The order this row belongs to: the one being read, or (the one before finished) a new one. */
  const orderOf = async (orderId: string, record: CsvRecord): Promise<PendingOrder> => {
    if (pending?.orderId === orderId) return pending;
    if (pending) await finish(pending);
    pending = { orderId, first: { row: record.row, line: record.line }, values: EMPTY_VALUES, lines: [], errors: 0 };
    return pending;
  };

  const take = async (record: CsvRecord) => {
    if (!header) {
      header = readHeader(record);
      return;
    }
    report.rows++;
    if (report.rows % progressEvery === 0) options.onProgress?.(report);
    if (record.fields.length !== header.width) {
      // Without its columns the row cannot be read as a line; it still spoils its order.
      const orderId = record.fields[header.index.get('order_id') ?? 0]?.trim() ?? '';
      const order = await orderOf(orderId, record);
      fail(record, orderId || null, null, `${record.fields.length} columns where the header has ${header.width}`);
      order.errors++;
      return;
    }
    const { index } = header;
    const values = Object.fromEntries(
      ORDER_CSV_COLUMNS.map((c) => [c, (record.fields[index.get(c) ?? -1] ?? '').trim()]),
    ) as Record<Column, string>;
    const orderId = values.order_id;
    const order = await orderOf(orderId, record);
    const rowFail = (column: Column | null, reason: string) => {
      fail(record, orderId || null, column, reason);
      order.errors++;
    };
    if (record.malformed) rowFail(null, `malformed CSV: ${record.malformed}`);
    if (!CommerceId.safeParse(orderId).success) rowFail('order_id', 'is not an order id (letters, digits and ._:-)');
    if (order.lines.length === 0) {
      order.values = values;
      checkOrderFields(values, rowFail, options);
    } else {
      for (const column of ORDER_FIELDS) {
        if (values[column] !== order.values[column]) {
          rowFail(column, `differs from the order's first row (row ${order.first.row})`);
        }
      }
    }
    const productId = values.product_id;
    if (!CommerceId.safeParse(productId).success)
      rowFail('product_id', 'is not a product id (letters, digits and ._:-)');
    const quantity = /^\d{1,7}$/.test(values.quantity) ? Number(values.quantity) : Number.NaN;
    if (!(quantity >= 1 && quantity <= 1_000_000)) rowFail('quantity', 'is not a whole number from 1 to 1000000');
    const unitAmount = values.unit_amount;
    if (!Amount.safeParse(unitAmount).success)
      rowFail('unit_amount', 'is not an amount such as 12.50 (a dot, no sign)');
    if (order.lines.length >= MAX_ORDER_LINES) rowFail(null, `an order has at most ${MAX_ORDER_LINES} lines`);
    else order.lines.push({ productId, quantity, unitAmount, at: { row: record.row, line: record.line } });
  };

  // Only the read's own failures: a placing one is an outage, thrown as it is.
  let readFailure: unknown;
  async function* records() {
    try {
      yield* readCsvRecords(chunks, options.maxRecordChars ? { maxRecordChars: options.maxRecordChars } : {});
    } catch (error) {
      readFailure = error;
      throw error;
    }
  }
  try {
    for await (const record of records()) await take(record);
  } catch (error) {
    if (error !== readFailure) throw error;
    // The order being read is cut off: it is not written. The ones read whole before it are.
    const cut = pending;
    pending = undefined;
    if (!(error instanceof CsvTooLongRecordError)) {
      // The upload broke off (too large, the client gone): what came before it stands.
      await flush();
      throw error;
    }
    report.stoppedAt = error.message;
    if (cut) report.orders.refused++;
  }
  if (!header)
    throw new HubError(
      'INVALID_INPUT',
      `the file is empty: its first row names the columns ${ORDER_CSV_COLUMNS.join(',')}`,
    );
  if (pending) await finish(pending);
  await flush();
  options.onProgress?.(report);
  return report;
}

/**
 * A copy sharing no string with the CSV text. A field is a slice of the text chunk it was read
 * from and would keep the whole chunk alive: kept errors or an order waiting for its batch would
 * hold a chunk each where they are sparse, and memory would grow with the file.
 */
const detached = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The header names every column (in any order, extra ones ignored); otherwise nothing is read. */
interface Header {
  readonly index: ReadonlyMap<Column, number>;
  /** Rows are checked against the header's width, extra columns included. */
  readonly width: number;
}

function readHeader(record: CsvRecord): Header {
  const names = record.fields.map((f) => f.trim().toLowerCase());
  const missing = ORDER_CSV_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new HubError(
      'INVALID_INPUT',
      `the header row lacks ${missing.join(', ')}; an order import has the columns ${ORDER_CSV_COLUMNS.join(',')}`,
    );
  }
  const index = new Map<Column, number>();
  names.forEach((name, i) => {
    if ((ORDER_CSV_COLUMNS as readonly string[]).includes(name) && !index.has(name as Column))
      index.set(name as Column, i);
  });
  return { index, width: names.length };
}

function checkOrderFields(
  values: Record<Column, string>,
  rowFail: (column: Column | null, reason: string) => void,
  settings: BuyerSettings,
) {
  const placedAt = values.placed_at;
  if (!INSTANT.test(placedAt) || Number.isNaN(Date.parse(placedAt))) {
    rowFail('placed_at', 'is not an ISO 8601 instant with its offset (2026-03-01T10:00:00Z)');
  }
  if (!/^[A-Z]{3}$/.test(values.currency)) rowFail('currency', 'is not an ISO 4217 code such as EUR');
  const buyer = buyerIdentifiers(
    { email: values.customer_email, phone: values.customer_phone, externalId: values.customer_external_id },
    settings,
  );
  if (!buyer.ok) {
    const column: Record<typeof buyer.field, Column> = {
      email: 'customer_email',
      phone: 'customer_phone',
      externalId: 'customer_external_id',
      customer: 'customer_email',
    };
    rowFail(buyer.field === 'customer' ? null : column[buyer.field], buyer.reason);
  }
}
