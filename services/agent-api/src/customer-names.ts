import type { SqlExecutor } from '@hub/sql';

/**
 * Each customer's name as agents see it: a merged customer's is its survivor's, an erased one has
 * none (null), as has a customer the read model does not know (absent from the map).
 */
export async function customerNamesOf(
  db: SqlExecutor,
  customerIds: readonly string[],
): Promise<Map<string, string | null>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db.query<{ customer_id: string; name: string | null }>(
    `SELECT c.customer_id, CASE WHEN c.erased_at IS NULL THEN coalesce(s.display_name, c.display_name) END AS name
       FROM read_models.customers c LEFT JOIN read_models.customers s ON s.customer_id = c.merged_into
      WHERE c.customer_id = ANY($1::text[])`,
    [[...new Set(customerIds)]],
  );
  return new Map(rows.map((row) => [row.customer_id, row.name]));
}
