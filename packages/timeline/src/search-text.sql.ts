import type { SqlExecutor } from '@hub/sql';
import { searchable } from './searchable-text.ts';

/**
 * Recomputes what customer search matches (name and identifiers, spelling folded) for these
 * customers: one read and one write however many there are. Folding is done here, not in SQL.
 */
export async function refreshSearchTexts(tx: SqlExecutor, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  const rows = await tx.query<{ customer_id: string; text: string }>(
    `SELECT c.customer_id, coalesce(c.display_name, '') || ' ' || coalesce(string_agg(i.value, ' ' ORDER BY i.kind, i.value), '') AS text
       FROM customers c LEFT JOIN customer_identifiers i ON i.customer_id = c.customer_id
      WHERE c.customer_id = ANY($1::text[])
      GROUP BY c.customer_id, c.display_name`,
    [[...new Set(customerIds)]],
  );
  await tx.query(
    `UPDATE customers c SET search_text = x.text
       FROM unnest($1::text[], $2::text[]) AS x(customer_id, text) WHERE c.customer_id = x.customer_id`,
    [rows.map((r) => r.customer_id), rows.map((r) => searchable(r.text))],
  );
}
