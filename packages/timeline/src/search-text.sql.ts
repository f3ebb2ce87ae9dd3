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
      WHERE c.customer_id IN (SELECT jsonb_array_elements_text($1::jsonb))
      GROUP BY c.customer_id, c.display_name`,
    [JSON.stringify([...new Set(customerIds)])],
  );
  await tx.query(
    `UPDATE customers c SET search_text = x.s->>'text'
       FROM jsonb_array_elements($1::jsonb) AS x(s) WHERE c.customer_id = x.s->>'customerId'`,
    [JSON.stringify(rows.map((r) => ({ customerId: r.customer_id, text: searchable(r.text) })))],
  );
}
