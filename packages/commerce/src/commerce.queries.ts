import type { SqlExecutor } from '@hub/sql';
import { canonicalAmount } from './money.ts';

// Readers name the tables qualified (the projection's handlers do not: see @hub/projections).

const amount = (value: unknown): string => canonicalAmount(String(value));
const instant = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();

export interface ProductRow {
  readonly productId: string;
  readonly name: string;
  readonly category: string | null;
  readonly updatedAt: string;
}

/** The product reference list by id, a keyset page after `after`. */
export async function listProducts(
  db: SqlExecutor,
  page: { readonly after?: string | undefined; readonly limit: number },
): Promise<ProductRow[]> {
  const rows = await db.query<{ product_id: string; name: string; category: string | null; updated_at: Date }>(
    `SELECT product_id, name, category, updated_at FROM commerce.products
      WHERE product_id > $1 ORDER BY product_id LIMIT $2`,
    [page.after ?? '', page.limit],
  );
  return rows.map((r) => ({
    productId: r.product_id,
    name: r.name,
    category: r.category,
    updatedAt: instant(r.updated_at),
  }));
}

export interface CustomerOrder {
  readonly orderId: string;
  /** As recorded when placed: a customer merged since still shows its own id here. */
  readonly customerId: string;
  readonly placedAt: string;
  readonly currency: string;
  readonly total: string;
  readonly source: string;
  readonly lines: { line: number; productId: string; quantity: number; unitAmount: string; amount: string }[];
  readonly returns: { returnId: string; at: string; amount: string; lines: unknown }[];
  readonly refunds: { refundId: string; at: string; amount: string }[];
}

/**
 * Every order of these customers with its lines, returns and refunds, oldest first: for a data
 * subject's export (pass the customer and everyone merged into it).
 */
export async function ordersOfCustomers(db: SqlExecutor, customerIds: readonly string[]): Promise<CustomerOrder[]> {
  if (customerIds.length === 0) return [];
  const orders = await db.query<{
    order_id: string;
    customer_id: string;
    placed_at: Date;
    currency: string;
    total: string;
    source: string;
  }>(
    `SELECT order_id, customer_id, placed_at, currency, total, source FROM commerce.orders
      WHERE customer_id = ANY($1::text[]) ORDER BY placed_at, order_id`,
    [customerIds],
  );
  if (orders.length === 0) return [];
  const orderIds = orders.map((o) => o.order_id);
  const lines = await db.query<{
    order_id: string;
    line: number;
    product_id: string;
    quantity: number;
    unit_amount: string;
    amount: string;
  }>(
    `SELECT order_id, line, product_id, quantity, unit_amount, amount FROM commerce.order_lines
      WHERE order_id = ANY($1::text[]) ORDER BY order_id, line`,
    [orderIds],
  );
  const adjustments = await db.query<{
    order_id: string;
    kind: string;
    adjustment_id: string;
    at: Date;
    amount: string;
    lines: unknown;
  }>(
    `SELECT order_id, kind, adjustment_id, at, amount, lines FROM commerce.order_adjustments
      WHERE customer_id = ANY($1::text[]) ORDER BY at, adjustment_id`,
    [customerIds],
  );
  const byOrder = new Map<string, CustomerOrder>(
    orders.map((o) => [
      o.order_id,
      {
        orderId: o.order_id,
        customerId: o.customer_id,
        placedAt: instant(o.placed_at),
        currency: o.currency,
        total: amount(o.total),
        source: o.source,
        lines: [],
        returns: [],
        refunds: [],
      },
    ]),
  );
  for (const l of lines) {
    byOrder.get(l.order_id)?.lines.push({
      line: l.line,
      productId: l.product_id,
      quantity: l.quantity,
      unitAmount: amount(l.unit_amount),
      amount: amount(l.amount),
    });
  }
  for (const a of adjustments) {
    const order = byOrder.get(a.order_id);
    if (!order) continue;
    if (a.kind === 'return') {
      order.returns.push({ returnId: a.adjustment_id, at: instant(a.at), amount: amount(a.amount), lines: a.lines });
    } else order.refunds.push({ refundId: a.adjustment_id, at: instant(a.at), amount: amount(a.amount) });
  }
  return [...byOrder.values()];
}

export interface PurchaseSummary {
  readonly customerId: string;
  /** Amounts in different currencies are never added up: one summary per customer and currency. */
  readonly currency: string;
  readonly firstPurchaseAt: string;
  readonly lastPurchaseAt: string;
  readonly purchases: number;
  /** The orders' totals. */
  readonly revenue: string;
  /** Refunded by `asOf`. */
  readonly refunds: string;
}

/**
 * Each customer's purchases as of an instant (orders placed and refunds made by then), per
 * currency: what RFM and lifetime value start from. `customerIds` narrows it (else every customer).
 * Customer ids are as recorded: map merged customers to their survivors before adding them up.
 */
export async function purchaseSummaries(
  db: SqlExecutor,
  options: { readonly asOf: Date; readonly customerIds?: readonly string[] },
): Promise<PurchaseSummary[]> {
  const filter = options.customerIds ? 'AND customer_id = ANY($2::text[])' : '';
  const params: unknown[] = [options.asOf.toISOString()];
  if (options.customerIds) params.push(options.customerIds);
  const rows = await db.query<{
    customer_id: string;
    currency: string;
    first_at: Date;
    last_at: Date;
    purchases: string | number;
    revenue: string;
    refunds: string | null;
  }>(
    `WITH bought AS (
       SELECT customer_id, currency, min(placed_at) AS first_at, max(placed_at) AS last_at,
              count(*) AS purchases, sum(total) AS revenue
         FROM commerce.orders WHERE placed_at <= $1 ${filter}
        GROUP BY customer_id, currency),
     refunded AS (
       SELECT customer_id, currency, sum(amount) AS refunds
         FROM commerce.order_adjustments WHERE kind = 'refund' AND at <= $1 ${filter}
        GROUP BY customer_id, currency)
     SELECT b.customer_id, b.currency, b.first_at, b.last_at, b.purchases, b.revenue, r.refunds
       FROM bought b LEFT JOIN refunded r USING (customer_id, currency)
      ORDER BY b.customer_id, b.currency`,
    params,
  );
  return rows.map((r) => ({
    customerId: r.customer_id,
    currency: r.currency,
    firstPurchaseAt: instant(r.first_at),
    lastPurchaseAt: instant(r.last_at),
    purchases: Number(r.purchases),
    revenue: amount(r.revenue),
    refunds: amount(r.refunds ?? '0'),
  }));
}

export interface OrderLineRow {
  readonly orderId: string;
  readonly line: number;
  readonly customerId: string;
  readonly placedAt: string;
  readonly currency: string;
  readonly productId: string;
  readonly quantity: number;
  readonly amount: string;
}

/**
 * Order lines placed by `asOf`, in (order id, line) order, a keyset page after `after`: what product
 * affinity (bought together) reads. Returns are not subtracted here (see `order_adjustments`).
 */
export async function orderLineRows(
  db: SqlExecutor,
  options: {
    readonly asOf: Date;
    readonly after?: { readonly orderId: string; readonly line: number } | undefined;
    readonly limit: number;
  },
): Promise<OrderLineRow[]> {
  const rows = await db.query<{
    order_id: string;
    line: number;
    customer_id: string;
    placed_at: Date;
    currency: string;
    product_id: string;
    quantity: number;
    amount: string;
  }>(
    `SELECT order_id, line, customer_id, placed_at, currency, product_id, quantity, amount
       FROM commerce.order_lines
      WHERE (order_id, line) > ($1, $2) AND placed_at <= $3
      ORDER BY order_id, line LIMIT $4`,
    [options.after?.orderId ?? '', options.after?.line ?? 0, options.asOf.toISOString(), options.limit],
  );
  return rows.map((r) => ({
    orderId: r.order_id,
    line: r.line,
    customerId: r.customer_id,
    placedAt: instant(r.placed_at),
    currency: r.currency,
    productId: r.product_id,
    quantity: r.quantity,
    amount: amount(r.amount),
  }));
}
