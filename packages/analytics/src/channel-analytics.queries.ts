import type { SqlExecutor } from '@hub/sql';
import { type AnalyticsFilter, whereOf } from './analytics-filter.ts';
import { survivorsSql } from './merge-map.ts';

export interface ChannelShare {
  readonly channel: string;
  readonly contacts: number;
  readonly share: number;
}

export interface ChannelSwitch {
  readonly from: string;
  readonly to: string;
  readonly count: number;
}

export interface ChannelReport {
  /** The customers' own contacts (inbound interactions) per channel. */
  readonly preference: ChannelShare[];
  /** Customers by the channel most of their contacts came on (ties: the first channel by name). */
  readonly preferredBy: { readonly channel: string; readonly customers: number }[];
  /** Consecutive contacts of one customer, from one channel to the next; `from === to` is a stay. */
  readonly transitions: ChannelSwitch[];
  /** Transitions to another channel. */
  readonly switches: number;
}

/**
 * Channel preference and switching over the contacts in the range, merged customers counted as
 * their survivor as the merge map stood at `asOf` (now when absent); erased customers' contacts
 * count in the shares but belong to nobody, so they are in no customer's sequence.
 */
export async function readChannelReport(
  db: SqlExecutor,
  filter: Omit<AnalyticsFilter, 'teamId' | 'channel'> & { readonly customerId?: string },
): Promise<ChannelReport> {
  const where = whereOf(filter, 'c.occurred_at', 'c.recorded_at');
  const asOf = where.add(filter.asOf ?? null);
  const customer = filter.customerId ? ` WHERE customer_id = ${where.add(filter.customerId)}` : '';
  const contacts = `
    WITH survivors AS (${survivorsSql(asOf)}),
    contacts AS (
      SELECT * FROM (
        SELECT c.interaction_id, c.channel, c.occurred_at, COALESCE(s.survivor_id, c.customer_id) AS customer_id
          FROM analytics.customer_contacts c LEFT JOIN survivors s ON s.customer_id = c.customer_id
         WHERE ${where.sql()}) AS resolved${customer})`;
  const [shares, preferred, transitions] = await Promise.all([
    db.query<{ channel: string; contacts: number }>(
      `${contacts} SELECT channel, count(*)::int AS contacts FROM contacts GROUP BY 1 ORDER BY 1`,
      where.params,
    ),
    db.query<{ channel: string; customers: number }>(
      `${contacts}, per_customer AS (
         SELECT DISTINCT ON (customer_id) customer_id, channel FROM (
           SELECT customer_id, channel, count(*) AS n FROM contacts WHERE customer_id IS NOT NULL GROUP BY 1, 2) AS counted
          ORDER BY customer_id, n DESC, channel)
       SELECT channel, count(*)::int AS customers FROM per_customer GROUP BY 1 ORDER BY 1`,
      where.params,
    ),
    db.query<{ from: string; to: string; count: number }>(
      `${contacts}, ordered AS (
         SELECT channel, lag(channel) OVER (PARTITION BY customer_id ORDER BY occurred_at, interaction_id) AS previous
           FROM contacts WHERE customer_id IS NOT NULL)
       SELECT previous AS "from", channel AS "to", count(*)::int AS count
         FROM ordered WHERE previous IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
      where.params,
    ),
  ]);
  const total = shares.reduce((sum, s) => sum + s.contacts, 0);
  return {
    preference: shares.map((s) => ({ ...s, share: s.contacts / total })),
    preferredBy: preferred,
    transitions,
    switches: transitions.filter((t) => t.from !== t.to).reduce((sum, t) => sum + t.count, 0),
  };
}
