import { COMMERCE_STREAM_PREFIX, decodeEvent, type RecordedEvent } from '@hub/events';
import type { ProjectionDefinition } from '@hub/projections';
import type { SqlExecutor } from '@hub/sql';
import { isOrderEvent, type OrderEvent } from './order.decider.ts';
import { isProductEvent, type ProductEvent } from './product.decider.ts';

export const COMMERCE_PROJECTION = 'commerce';

type Placed = Extract<OrderEvent, { type: 'OrderPlaced' }>['data'];
type Returned = Extract<OrderEvent, { type: 'OrderLinesReturned' }>['data'];
type Refunded = Extract<OrderEvent, { type: 'OrderRefunded' }>['data'];

/**
 * A page of commerce events in at most five multi-row statements, whatever its length: a replay
 * of millions of orders is a few statements per page. Facts only ever arrive (nothing is updated
 * but a product's name), so every insert ignores what is there: applying a page twice changes
 * nothing, and one event at a time leaves the same rows.
 */
export async function applyCommercePage(tx: SqlExecutor, page: readonly RecordedEvent[]): Promise<void> {
  // The last definition of each product in the page (one upsert may not touch a row twice).
  const products = new Map<string, { data: ProductEvent['data']; revision: number }>();
  const placed: Placed[] = [];
  const returned: Returned[] = [];
  const refunded: Refunded[] = [];
  for (const recorded of page) {
    if (!recorded.streamId.startsWith(COMMERCE_STREAM_PREFIX)) continue;
    const event = decodeEvent(recorded);
    if (isProductEvent(event)) {
      const seen = products.get(event.data.productId);
      if (!seen || seen.revision < recorded.revision) {
        products.set(event.data.productId, { data: event.data, revision: recorded.revision });
      }
    } else if (isOrderEvent(event)) {
      if (event.type === 'OrderPlaced') placed.push(event.data);
      else if (event.type === 'OrderLinesReturned') returned.push(event.data);
      else refunded.push(event.data);
    }
  }
  if (products.size > 0) await upsertProducts(tx, [...products.values()]);
  if (placed.length > 0) await insertOrders(tx, placed);
  const adjustments = [
    ...returned.map((r) => ({ ...r, kind: 'return', id: r.returnId, lines: JSON.stringify(r.lines) })),
    ...refunded.map((r) => ({ ...r, kind: 'refund', id: r.refundId, lines: '[]' })),
  ];
  if (adjustments.length > 0) {
    // The currency is the order's: read from the order's row, written in this page or before.
    await tx.query(
      `INSERT INTO order_adjustments (order_id, kind, adjustment_id, customer_id, currency, at, amount, lines)
       SELECT a.order_id, a.kind, a.adjustment_id, a.customer_id,
              COALESCE((SELECT o.currency FROM orders o WHERE o.order_id = a.order_id), ''),
              a.at, a.amount, a.lines::jsonb
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::numeric[], $7::text[])
           AS a(order_id, kind, adjustment_id, customer_id, at, amount, lines)
       ON CONFLICT DO NOTHING`,
      [
        adjustments.map((a) => a.orderId),
        adjustments.map((a) => a.kind),
        adjustments.map((a) => a.id),
        adjustments.map((a) => a.customerId),
        adjustments.map((a) => a.at),
        adjustments.map((a) => a.amount),
        adjustments.map((a) => a.lines),
      ],
    );
  }
}

async function upsertProducts(tx: SqlExecutor, products: { data: ProductEvent['data']; revision: number }[]) {
  await tx.query(
    `INSERT INTO products (product_id, name, category, revision, updated_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[])
     ON CONFLICT (product_id) DO UPDATE
       SET name = EXCLUDED.name, category = EXCLUDED.category, revision = EXCLUDED.revision,
           updated_at = EXCLUDED.updated_at
       WHERE products.revision < EXCLUDED.revision`,
    [
      products.map((p) => p.data.productId),
      products.map((p) => p.data.name),
      products.map((p) => p.data.category),
      products.map((p) => p.revision),
      products.map((p) => p.data.at),
    ],
  );
}

async function insertOrders(tx: SqlExecutor, placed: Placed[]) {
  await tx.query(
    `INSERT INTO orders (order_id, customer_id, placed_at, currency, total, line_count, source)
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::numeric[], $6::int[], $7::text[])
     ON CONFLICT DO NOTHING`,
    [
      placed.map((o) => o.orderId),
      placed.map((o) => o.customerId),
      placed.map((o) => o.placedAt),
      placed.map((o) => o.currency),
      placed.map((o) => o.total),
      placed.map((o) => o.lines.length),
      placed.map((o) => o.source),
    ],
  );
  const lines = placed.flatMap((o) => o.lines.map((line) => ({ order: o, line })));
  await tx.query(
    `INSERT INTO order_lines (order_id, line, customer_id, placed_at, currency, product_id, quantity, unit_amount, amount)
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::int[],
                          $8::numeric[], $9::numeric[])
     ON CONFLICT DO NOTHING`,
    [
      lines.map((l) => l.order.orderId),
      lines.map((l) => l.line.line),
      lines.map((l) => l.order.customerId),
      lines.map((l) => l.order.placedAt),
      lines.map((l) => l.order.currency),
      lines.map((l) => l.line.productId),
      lines.map((l) => l.line.quantity),
      lines.map((l) => l.line.unitAmount),
      lines.map((l) => l.line.amount),
    ],
  );
}

/**
 * Products, orders, their lines, returns and refunds (schema `commerce`): facts only, no personal
 * field, so the hub runs it on the raw store. Rebuildable (`pnpm projections:rebuild commerce`).
 */
export const commerceProjection: ProjectionDefinition = {
  name: COMMERCE_PROJECTION,
  filter: { streamPrefix: COMMERCE_STREAM_PREFIX },
  readModel: {
    schema: 'commerce',
    tables: ['products', 'orders', 'order_lines', 'order_adjustments'],
    // Rows are found by key only (an adjustment's order by its id): a replay indexes them afterwards.
    keyLookupsOnly: true,
  },
  apply: (tx, event) => applyCommercePage(tx, [event]),
  applyPage: applyCommercePage,
};
