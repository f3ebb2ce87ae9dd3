import type { SqlExecutor } from '@hub/sql';

export interface CustomerGroup {
  /** The customer that stands for them all: the one asked for, or what it was merged into. */
  readonly survivorId: string;
  /** The survivor and every customer merged into it, directly or through another merged one. */
  readonly customerIds: readonly string[];
}

/**
 * A customer as agents see it after merges: the survivor and those merged into it (their
 * conversations and cases keep the id they were opened under). `undefined` when there is no such
 * customer, or it was erased.
 */
export async function customerGroup(db: SqlExecutor, customerId: string): Promise<CustomerGroup | undefined> {
  let survivorId = customerId;
  // A merged customer may have been merged into one that was merged in turn.
  for (let hops = 0; hops < 20; hops += 1) {
    const [row] = await db.query<{ merged_into: string | null; erased_at: Date | null }>(
      'SELECT merged_into, erased_at FROM read_models.customers WHERE customer_id = $1',
      [survivorId],
    );
    if (!row || row.erased_at !== null) return undefined;
    if (row.merged_into === null) break;
    survivorId = row.merged_into;
  }
  // Level by level, as the survivor was found: each step is a probe of the merged_into index for
  // the ids found so far. A recursive join was planned as a scan of every customer.
  const members: string[] = [];
  let level = [survivorId];
  for (let hops = 0; hops < 20 && level.length > 0; hops += 1) {
    const rows = await db.query<{ customer_id: string }>(
      'SELECT customer_id FROM read_models.customers WHERE merged_into = ANY($1::text[])',
      [level],
    );
    level = rows.map((r) => r.customer_id).filter((id) => id !== survivorId && !members.includes(id));
    members.push(...level);
  }
  return { survivorId, customerIds: [survivorId, ...members] };
}
