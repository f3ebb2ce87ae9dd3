import type { RfmSegment } from '@hub/customer-value';
import type { SqlExecutor } from '@hub/sql';
import { type ChannelCosts, type CostChannel, costChannels } from './channel-costs.ts';
import { type CostRange, type CustomerCost, readCustomerCosts } from './cost-to-serve.queries.ts';
import type { CustomerValueReader } from './customer-value.reader.ts';
import { money } from './value-population.ts';

/** Customers served in the range who had bought nothing in the costs' currency by its end. */
export const NO_PURCHASES = 'no-purchases';

export interface SegmentCost extends Omit<CustomerCost, 'customerId'> {
  readonly segment: RfmSegment | typeof NO_PURCHASES;
  readonly customers: number;
}

export interface CostCursor {
  readonly cost: number;
  readonly customerId: string;
}

export interface CostTotals {
  readonly customers: number;
  readonly totalContacts: number;
  readonly handledSeconds: number;
  readonly cost: number;
  readonly value: number;
  readonly costToValue: number | null;
}

const ratio = (cost: number, value: number) => (value > 0 ? money(cost / value) : null);

function totalsOf(rows: readonly CustomerCost[]): CostTotals {
  const cost = money(rows.reduce((sum, r) => sum + r.cost, 0));
  const value = money(rows.reduce((sum, r) => sum + r.value, 0));
  return {
    customers: rows.length,
    totalContacts: rows.reduce((sum, r) => sum + r.totalContacts, 0),
    handledSeconds: rows.reduce((sum, r) => sum + r.handledSeconds, 0),
    cost,
    value,
    costToValue: ratio(cost, value),
  };
}

/** The customers costing most first (cost descending, then customer id), a keyset page after `after`. */
export async function readCostByCustomer(
  db: SqlExecutor,
  range: CostRange,
  costs: ChannelCosts,
  page: { readonly after?: CostCursor; readonly limit: number },
): Promise<{ totals: CostTotals; customers: CustomerCost[]; next: CostCursor | null }> {
  const rows = await readCustomerCosts(db, range, costs);
  const after = page.after;
  const ordered = rows
    .sort((a, b) => b.cost - a.cost || (a.customerId < b.customerId ? -1 : 1))
    .filter((r) => !after || r.cost < after.cost || (r.cost === after.cost && r.customerId > after.customerId));
  const customers = ordered.slice(0, page.limit);
  const last = customers[customers.length - 1];
  return {
    totals: totalsOf(rows),
    customers,
    next: last && ordered.length > page.limit ? { cost: last.cost, customerId: last.customerId } : null,
  };
}

/**
 * Per RFM segment, each customer in the segment they were in at the end of the range (or at
 * `asOf`, if earlier), measured in the costs' currency.
 */
export async function readCostBySegment(
  db: SqlExecutor,
  values: CustomerValueReader,
  range: CostRange,
  costs: ChannelCosts,
): Promise<{ totals: CostTotals; segments: SegmentCost[] }> {
  const end = new Date(Math.min(range.to.getTime(), range.asOf.getTime()));
  const [rows, segmentOf] = await Promise.all([
    readCustomerCosts(db, range, costs),
    values.segmentsOf({ asOf: end, currency: costs.currency }),
  ]);
  const groups = new Map<string, CustomerCost[]>();
  for (const row of rows) {
    const segment = segmentOf.get(row.customerId)?.rfm.segment ?? NO_PURCHASES;
    groups.set(segment, [...(groups.get(segment) ?? []), row]);
  }
  const segments = [...groups]
    .map(([segment, members]) => {
      const contacts = Object.fromEntries(
        costChannels.map((channel) => [channel, members.reduce((sum, m) => sum + m.contacts[channel], 0)]),
      ) as Record<CostChannel, number>;
      const { customers, ...totals } = totalsOf(members);
      return { segment: segment as SegmentCost['segment'], customers, contacts, ...totals };
    })
    .sort((a, b) => b.cost - a.cost || (a.segment < b.segment ? -1 : 1));
  return { totals: totalsOf(rows), segments };
}
