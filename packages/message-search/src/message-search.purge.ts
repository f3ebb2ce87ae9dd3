import type { SqlExecutor } from '@hub/sql';

/**
 * Removes these customers' messages from the live index at once, for the erasure route: their
 * CustomerErased events remove them too once the projection reaches them, but an agent searching
 * right after the erasure must not find them meanwhile. Returns how many rows went.
 */
export async function purgeCustomerMessages(db: SqlExecutor, customerIds: readonly string[]): Promise<number> {
  if (customerIds.length === 0) return 0;
  const gone = await db.query<{ interaction_id: string }>(
    `DELETE FROM read_models.message_search
      WHERE customer_id = ANY($1::text[]) OR origin_customer_id = ANY($1::text[])
     RETURNING interaction_id`,
    [customerIds],
  );
  return gone.length;
}
