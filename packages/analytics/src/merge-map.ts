import type { SqlExecutor } from '@hub/sql';

/**
 * The merge map as it stood at `asOf` (a parameter placeholder, or NULL for now): a query of
 * `(customer_id, survivor_id)` for every customer merged away then, followed through chains of
 * merges to the customer that survived them all. Customers not in it are their own survivor.
 * Reusable by any per-customer read model (value, cost to serve): join it and `COALESCE`.
 */
export const survivorsSql = (asOf: string) => `
  WITH RECURSIVE active AS (
    SELECT merged_id, survivor_id FROM analytics.customer_merges
     WHERE (${asOf}::timestamptz IS NULL OR merged_at <= ${asOf}::timestamptz)
       AND (unmerged_at IS NULL OR (${asOf}::timestamptz IS NOT NULL AND unmerged_at > ${asOf}::timestamptz))
  ), chain(customer_id, survivor_id, depth) AS (
    SELECT merged_id, survivor_id, 1 FROM active
    UNION ALL
    SELECT chain.customer_id, active.survivor_id, chain.depth + 1
      FROM chain JOIN active ON active.merged_id = chain.survivor_id
     WHERE chain.depth < 32
  )
  SELECT DISTINCT ON (customer_id) customer_id, survivor_id FROM chain ORDER BY customer_id, depth DESC`;

/** Each merged-away customer and who they count as, at `asOf` (now when absent). */
export async function readCustomerSurvivors(db: SqlExecutor, asOf?: Date): Promise<Map<string, string>> {
  const rows = await db.query<{ customer_id: string; survivor_id: string }>(survivorsSql('$1'), [asOf ?? null]);
  return new Map(rows.map((r) => [r.customer_id, r.survivor_id]));
}
