import type { SqlExecutor } from '@hub/sql';

/**
 * Whose timeline a customer's is: their own, or the survivor's once merged; undefined for an
 * unknown customer. One indexed read, for routes that need no more of the customer than that.
 */
export async function timelineOwner(db: SqlExecutor, customerId: string): Promise<string | undefined> {
  const [row] = await db.query<{ owner: string }>(
    'SELECT coalesce(merged_into, customer_id) AS owner FROM read_models.customers WHERE customer_id = $1',
    [customerId],
  );
  return row?.owner;
}
