import { HubError } from '@hub/errors';
import { type Actor, Amount, CommerceId } from '@hub/events';
import { type CsvRecord, CsvTooLongRecordError, readCsvRecords } from './csv-records.ts';
import { type BuyerSettings, buyerIdentifiers } from './order-buyer.ts';
import type { OrderDesk, OrderToPlace } from './order-desk.ts';

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

interface PendingOrder {
  readonly orderId: string;
  readonly first: CsvRecord;
  values: Record<Column, string>;
  readonly lines: { productId: string; quantity: number; unitAmount: string; record: CsvRecord }[];
  errors: number;
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
 * `MAX_ORDER_LINES`), checked, and the order placed once its last row is read, so memory holds one
 * order. An order with any bad row is not written at all; an order id already placed with the same
 * content is a duplicate (a re-import writes nothing). Errors name the row, the column and why.
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
  const fail = (record: CsvRecord, orderId: string | null, column: Column | null, reason: string) => {
    report.errorsTotal++;
    if (report.errors.length < maxErrors)
      report.errors.push({ row: record.row, line: record.line, orderId, column, reason });
    else report.errorsTruncated = true;
  };
  let header: Header | undefined;
  let pending: PendingOrder | undefined;

  const finish = async (order: PendingOrder) => {
    if (order.errors === 0) {
      const unknown = new Set(await desk.unknownProducts(order.lines.map((l) => l.productId)));
      for (const line of order.lines) {
        if (unknown.has(line.productId)) {
          fail(line.record, order.orderId, 'product_id', `unknown product ${line.productId}`);
          order.errors++;
        }
      }
    }
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
    const toPlace: OrderToPlace = {
      orderId: order.orderId,
      placedAt: order.values.placed_at,
      currency: order.values.currency,
      buyer: { identifiers: buyer.identifiers, displayName: null },
      lines: order.lines.map(({ productId, quantity, unitAmount }) => ({ productId, quantity, unitAmount })),
    };
    const outcome = await desk.placeOrRefuse(toPlace, { actor: options.actor, source: 'csv' });
    if (outcome.outcome === 'created') report.orders.created++;
    else if (outcome.outcome === 'duplicate') report.orders.duplicates++;
    else {
      report.orders.refused++;
      fail(order.first, order.orderId, null, `${outcome.code}: ${outcome.reason}`);
    }
  };

  /** The order this row belongs to: the one being read, or (the one before finished) a new one. */
  const orderOf = async (orderId: string, record: CsvRecord): Promise<PendingOrder> => {
    if (pending?.orderId === orderId) return pending;
    if (pending) await finish(pending);
    pending = { orderId, first: record, values: EMPTY_VALUES, lines: [], errors: 0 };
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
    else order.lines.push({ productId, quantity, unitAmount, record });
  };

  try {
    for await (const record of readCsvRecords(
      chunks,
      options.maxRecordChars ? { maxRecordChars: options.maxRecordChars } : {},
    ))
      await take(record);
  } catch (error) {
    if (!(error instanceof CsvTooLongRecordError)) throw error;
    // The order being read is cut off: it is not written.
    report.stoppedAt = error.message;
    if (pending) report.orders.refused++;
    pending = undefined;
  }
  if (!header)
    throw new HubError(
      'INVALID_INPUT',
      `the file is empty: its first row names the columns ${ORDER_CSV_COLUMNS.join(',')}`,
    );
  if (pending) await finish(pending);
  options.onProgress?.(report);
  return report;
}

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
