import type { SqlExecutor } from '@hub/sql';
import { searchTermsOf } from './search-terms.ts';

/**
 * Recomputes the search terms of these customers and of the survivors they are merged into: a
 * survivor is found by its own name, the names of the customers merged into it and every
 * identifier it now holds; a merged or erased customer has no terms. A few statements however
 * many customers there are; folding is done in TypeScript, not in SQL.
 */
export async function refreshSearchTexts(tx: SqlExecutor, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  const survivors = await tx.query<{ merged_into: string }>(
    'SELECT DISTINCT merged_into FROM customers WHERE customer_id = ANY($1::text[]) AND merged_into IS NOT NULL',
    [[...new Set(customerIds)]],
  );
  const targets = new Set([...customerIds, ...survivors.map((s) => s.merged_into)]);
  const ids = [...targets];
  const customers = await tx.query<{
    customer_id: string;
    display_name: string | null;
    merged_into: string | null;
    erased_at: Date | null;
  }>(
    `SELECT customer_id, display_name, merged_into, erased_at FROM customers
      WHERE customer_id = ANY($1::text[]) OR merged_into = ANY($1::text[]) ORDER BY created_at, customer_id`,
    [ids],
  );
  const identifiers = await tx.query<{ customer_id: string; kind: string; value: string }>(
    'SELECT customer_id, kind, value FROM customer_identifiers WHERE customer_id = ANY($1::text[]) ORDER BY kind, value',
    [ids],
  );
  await tx.query('DELETE FROM customer_search_terms WHERE customer_id = ANY($1::text[])', [ids]);
  // Each live customer's names (its own, then those merged into it, oldest first) and identifiers.
  const listOf = <V>(map: Map<string, V[]>, key: string): V[] => {
    const list = map.get(key) ?? [];
    map.set(key, list);
    return list;
  };
  const namesOf = new Map<string, (string | null)[]>();
  for (const c of customers) listOf(namesOf, c.merged_into ?? c.customer_id).push(c.display_name);
  const identifiersOf = new Map<string, { kind: string; value: string }[]>();
  for (const i of identifiers) listOf(identifiersOf, i.customer_id).push(i);
  const rows: { customerId: string; kind: string; term: string }[] = [];
  for (const customer of customers) {
    const id = customer.customer_id;
    if (!targets.has(id) || customer.merged_into !== null || customer.erased_at !== null) continue;
    for (const term of searchTermsOf(namesOf.get(id) ?? [], identifiersOf.get(id) ?? []))
      rows.push({ customerId: id, ...term });
  }
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO customer_search_terms (customer_id, kind, term)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
    [rows.map((r) => r.customerId), rows.map((r) => r.kind), rows.map((r) => r.term)],
  );
}
