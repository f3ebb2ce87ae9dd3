import { purchaseSummaries } from '@hub/commerce';
import type { SqlExecutor } from '@hub/sql';
import { readCustomerSurvivors } from '../merge-map.ts';

// The customers whose value is measured at an instant: their purchases in one currency as of
// then, merged customers added into the survivor the merge map named then, erased ones left out.

export interface CustomerPurchases {
  readonly customerId: string;
  readonly firstPurchaseAt: string;
  readonly lastPurchaseAt: string;
  /** Orders placed by the instant. */
  readonly purchases: number;
  /** Their totals. */
  readonly ordered: number;
  /** Refunded by the instant (refunds only: a return refunds nothing by itself). */
  readonly refunded: number;
}

/** Money to 4 fraction digits, as the commerce read model keeps it: sums of floats stay tidy. */
export const money = (value: number): number => Math.round(value * 10_000) / 10_000;

const ERASED_CHUNK = 100;

/** Of these customers, those erased (now: an erasure reaches every past view too). */
export async function erasedAmong(db: SqlExecutor, customerIds: readonly string[]): Promise<Set<string>> {
  const erased = new Set<string>();
  // A hundred keys at a time: a longer list tips a planner without statistics into reading the
  // whole table (read-plans.int.test.ts).
  for (let start = 0; start < customerIds.length; start += ERASED_CHUNK) {
    const rows = await db.query<{ customer_id: string }>(
      `SELECT customer_id FROM read_models.customers
        WHERE customer_id = ANY($1::text[]) AND erased_at IS NOT NULL`,
      [customerIds.slice(start, start + ERASED_CHUNK)],
    );
    for (const row of rows) erased.add(row.customer_id);
  }
  return erased;
}

/** Who a customer counts as at the instant: its survivor then, or itself. */
export type SurvivorOf = (customerId: string) => string;

export async function survivorsAt(db: SqlExecutor, asOf: Date): Promise<SurvivorOf> {
  const survivors = await readCustomerSurvivors(db, asOf);
  return (customerId) => survivors.get(customerId) ?? customerId;
}

/** Every customer with a purchase in `currency` placed by `asOf`, by customer id. */
export async function readValuePopulation(
  db: SqlExecutor,
  options: { readonly asOf: Date; readonly currency: string },
): Promise<CustomerPurchases[]> {
  const [summaries, survivorOf] = await Promise.all([
    purchaseSummaries(db, { asOf: options.asOf }),
    survivorsAt(db, options.asOf),
  ]);
  const bySurvivor = new Map<
    string,
    { first: string; last: string; purchases: number; ordered: number; refunded: number }
  >();
  for (const summary of summaries) {
    if (summary.currency !== options.currency) continue;
    const id = survivorOf(summary.customerId);
    const seen = bySurvivor.get(id);
    const ordered = Number(summary.revenue);
    const refunded = Number(summary.refunds);
    if (!seen) {
      bySurvivor.set(id, {
        first: summary.firstPurchaseAt,
        last: summary.lastPurchaseAt,
        purchases: summary.purchases,
        ordered,
        refunded,
      });
      continue;
    }
    if (summary.firstPurchaseAt < seen.first) seen.first = summary.firstPurchaseAt;
    if (summary.lastPurchaseAt > seen.last) seen.last = summary.lastPurchaseAt;
    seen.purchases += summary.purchases;
    seen.ordered += ordered;
    seen.refunded += refunded;
  }
  const erased = await erasedAmong(db, [...bySurvivor.keys()]);
  return [...bySurvivor]
    .filter(([customerId]) => !erased.has(customerId))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([customerId, s]) => ({
      customerId,
      firstPurchaseAt: s.first,
      lastPurchaseAt: s.last,
      purchases: s.purchases,
      ordered: money(s.ordered),
      refunded: money(s.refunded),
    }));
}
