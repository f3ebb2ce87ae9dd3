import type { SqlExecutor } from '@hub/sql';
import { survivorsSql } from '../merge-map.ts';
import { type ChannelCosts, type CostChannel, costChannels } from './channel-costs.ts';
import { erasedAmong, money, survivorsAt } from './value-population.ts';

// Cost to serve per customer over a range: the customer's own contacts (inbound interactions of
// the analytics facts) per channel, handled time, cost from the configured channel costs, and the
// value the customer brought in the same range. Definitions in packages/analytics/README.md.

export interface CostRange {
  /** Contacts that happened (and orders placed, refunds made) from (included) to (excluded). */
  readonly from: Date;
  readonly to: Date;
  /** Facts recorded by then, orders placed and refunds made by then, merges as they stood then. */
  readonly asOf: Date;
}

export interface CustomerCost {
  readonly customerId: string;
  readonly contacts: Readonly<Record<CostChannel, number>>;
  readonly totalContacts: number;
  readonly handledSeconds: number;
  readonly cost: number;
  /** Ordered − refunded in the range, in the costs' currency. */
  readonly value: number;
  /** cost / value; null when the value is not positive. */
  readonly costToValue: number | null;
}

const noContacts = () => Object.fromEntries(costChannels.map((c) => [c, 0])) as Record<CostChannel, number>;

/** A phone call's handled seconds: its talk time, else the answered call's whole duration, else 0. */
const callSeconds = (call: { talk: number | null; duration: number | null; outcome: string | null }) => {
  if (call.talk !== null) return call.talk;
  if (call.outcome !== 'answered') return call.outcome === null ? null : 0;
  return call.duration;
};

/** Every customer with a contact or a purchase in the range, by customer id. */
export async function readCustomerCosts(
  db: SqlExecutor,
  range: CostRange,
  costs: ChannelCosts,
): Promise<CustomerCost[]> {
  const params = [range.from, range.to, range.asOf];
  const [contacts, calls, value, survivorOf] = await Promise.all([
    db.query<{ customer_id: string; channel: string; contacts: number }>(
      `WITH survivors AS (${survivorsSql('$3')})
       SELECT COALESCE(s.survivor_id, c.customer_id) AS customer_id, c.channel, count(*)::int AS contacts
         FROM analytics.customer_contacts c LEFT JOIN survivors s ON s.customer_id = c.customer_id
        WHERE c.occurred_at >= $1 AND c.occurred_at < $2 AND c.recorded_at <= $3 AND c.customer_id IS NOT NULL
        GROUP BY 1, 2`,
      params,
    ),
    db.query<{ interaction_id: string; customer_id: string }>(
      `SELECT interaction_id, customer_id FROM analytics.customer_contacts
        WHERE occurred_at >= $1 AND occurred_at < $2 AND recorded_at <= $3 AND customer_id IS NOT NULL
          AND channel = 'phone'`,
      params,
    ),
    db.query<{ customer_id: string; ordered: string | null; refunded: string | null }>(
      `SELECT customer_id, sum(ordered) AS ordered, sum(refunded) AS refunded FROM (
         SELECT customer_id, total AS ordered, 0 AS refunded FROM commerce.orders
          WHERE placed_at >= $1 AND placed_at < $2 AND placed_at <= $3 AND currency = $4
         UNION ALL
         SELECT customer_id, 0, amount FROM commerce.order_adjustments
          WHERE kind = 'refund' AND at >= $1 AND at < $2 AND at <= $3 AND currency = $4) AS money
        GROUP BY customer_id`,
      [...params, costs.currency],
    ),
    survivorsAt(db, range.asOf),
  ]);
  const seconds = await handledCallSeconds(db, calls, survivorOf);
  const byCustomer = new Map<string, { contacts: Record<CostChannel, number>; value: number }>();
  const entry = (customerId: string) => {
    let seen = byCustomer.get(customerId);
    if (!seen) {
      seen = { contacts: noContacts(), value: 0 };
      byCustomer.set(customerId, seen);
    }
    return seen;
  };
  for (const row of contacts) {
    if ((costChannels as readonly string[]).includes(row.channel))
      entry(row.customer_id).contacts[row.channel as CostChannel] += row.contacts;
  }
  for (const row of value)
    entry(survivorOf(row.customer_id)).value += Number(row.ordered ?? 0) - Number(row.refunded ?? 0);
  const erased = await erasedAmong(db, [...byCustomer.keys()]);
  return [...byCustomer]
    .filter(([customerId]) => !erased.has(customerId))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([customerId, { contacts: perChannel, value: net }]) => {
      const known = seconds.get(customerId) ?? { seconds: 0, calls: 0 };
      let handledSeconds = 0;
      let cost = 0;
      for (const channel of costChannels) {
        const n = perChannel[channel];
        const rate = costs.channels[channel];
        // Calls whose time is known count it; every other contact its channel's minutes.
        const timed = channel === 'phone' ? Math.min(known.calls, n) : 0;
        const channelSeconds = (channel === 'phone' ? known.seconds : 0) + (n - timed) * rate.minutesPerContact * 60;
        handledSeconds += channelSeconds;
        cost += n * rate.perContact + (channelSeconds / 60) * rate.perMinute;
      }
      const value = money(net);
      return {
        customerId,
        contacts: perChannel,
        totalContacts: costChannels.reduce((sum, channel) => sum + perChannel[channel], 0),
        handledSeconds: Math.round(handledSeconds),
        cost: money(cost),
        value,
        costToValue: value > 0 ? money(cost / value) : null,
      };
    });
}

/**
 * The calls' handled seconds per customer, where the timeline read model still has the call's
 * details (the analytics facts keep no personal field; the details are the agents' model, purged
 * on erasure). Read by interaction id: a key set travels as an array.
 */
async function handledCallSeconds(
  db: SqlExecutor,
  calls: readonly { interaction_id: string; customer_id: string }[],
  survivorOf: (customerId: string) => string,
): Promise<Map<string, { seconds: number; calls: number }>> {
  const result = new Map<string, { seconds: number; calls: number }>();
  if (calls.length === 0) return result;
  const owner = new Map(calls.map((call) => [call.interaction_id, survivorOf(call.customer_id)]));
  // Only the call's times and outcome: the rest of the details (numbers, names) is personal.
  const rows = await db.query<{
    interaction_id: string;
    talk: number | null;
    duration: number | null;
    outcome: string | null;
  }>(
    `SELECT interaction_id, (details->>'talkSeconds')::int AS talk, (details->>'durationSeconds')::int AS duration,
            details->>'outcome' AS outcome
       FROM read_models.timeline WHERE interaction_id = ANY($1::text[])`,
    [[...owner.keys()]],
  );
  for (const row of rows) {
    const seconds = callSeconds(row);
    const customerId = owner.get(row.interaction_id);
    if (seconds === null || customerId === undefined) continue;
    const seen = result.get(customerId) ?? { seconds: 0, calls: 0 };
    result.set(customerId, { seconds: seen.seconds + seconds, calls: seen.calls + 1 });
  }
  return result;
}
