import type { SqlExecutor } from '@hub/sql';

export interface CustomerView {
  readonly id: string;
  readonly displayName: string | null;
  readonly firstChannel: string | null;
  readonly createdAt: string;
  readonly lastInteractionAt: string | null;
  readonly interactionCount: number;
  readonly mergedInto: string | null;
  readonly erased: boolean;
  readonly identifiers: { kind: string; value: string }[];
  /** Customers that shared an identifier with this one on some interaction: for an agent to merge or not. */
  readonly mergeCandidates: string[];
}

export interface TimelineEntry {
  readonly interactionId: string;
  readonly occurredAt: string;
  readonly channel: string;
  readonly direction: string;
  readonly conversationId: string;
  readonly contact: { kind: string; value: string };
  readonly summary: string;
  readonly text: string;
  readonly html: string | null;
  readonly details: unknown;
}

export interface CustomerRow {
  customer_id: string;
  display_name: string | null;
  first_channel: string | null;
  created_at: Date;
  last_interaction_at: Date | null;
  interaction_count: number;
  merged_into: string | null;
  erased_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

// `= ANY(array)`, not `IN (SELECT jsonb_array_elements_text(...))`: the planner guesses 100 rows
// for the function and hash-joined it against a sequential scan of every identifier, on each
// timeline read (`pnpm bench:agent`, docs/benchmarks.md).
export async function customerViews(db: SqlExecutor, rows: CustomerRow[]): Promise<CustomerView[]> {
  if (rows.length === 0) return [];
  const identifiers = await db.query<{ customer_id: string; kind: string; value: string }>(
    `SELECT customer_id, kind, value FROM read_models.customer_identifiers
      WHERE customer_id = ANY($1::text[]) ORDER BY kind, value`,
    [rows.map((r) => r.customer_id)],
  );
  const candidates = await db.query<{ customer_id: string; candidate_id: string }>(
    // Each customer's candidates through the primary key, one look-up each (OFFSET 0 keeps the
    // subquery from being flattened): as `= ANY` or a join, a page of customers was guessed to
    // match a tenth of the table and planned as a scan of it.
    `SELECT DISTINCT page.customer_id, m.candidate_id
       FROM unnest($1::text[]) AS page(customer_id)
       CROSS JOIN LATERAL (SELECT candidate_id FROM read_models.merge_candidates
                            WHERE customer_id = page.customer_id OFFSET 0) m`,
    [rows.map((r) => r.customer_id)],
  );
  return rows.map((r) => ({
    id: r.customer_id,
    displayName: r.display_name,
    firstChannel: r.first_channel,
    createdAt: iso(r.created_at) ?? '',
    lastInteractionAt: iso(r.last_interaction_at),
    interactionCount: Number(r.interaction_count),
    mergedInto: r.merged_into,
    erased: r.erased_at !== null,
    identifiers: identifiers.filter((i) => i.customer_id === r.customer_id).map(({ kind, value }) => ({ kind, value })),
    mergeCandidates: candidates.filter((c) => c.customer_id === r.customer_id).map((c) => c.candidate_id),
  }));
}

export const customerColumns =
  'customer_id, display_name, first_channel, created_at, last_interaction_at, interaction_count, merged_into, erased_at';

export async function findCustomer(db: SqlExecutor, customerId: string): Promise<CustomerView | undefined> {
  const rows = await db.query<CustomerRow>(
    `SELECT ${customerColumns} FROM read_models.customers WHERE customer_id = $1`,
    [customerId],
  );
  return (await customerViews(db, rows))[0];
}

export async function lookupCustomer(db: SqlExecutor, kind: string, value: string): Promise<CustomerView | undefined> {
  const [row] = await db.query<{ customer_id: string }>(
    'SELECT customer_id FROM read_models.customer_identifiers WHERE kind = $1 AND value = $2',
    [kind, value],
  );
  return row ? findCustomer(db, row.customer_id) : undefined;
}

export interface TimelineCursor {
  readonly occurredAt: string;
  readonly interactionId: string;
}

/** Newest first; the cursor is the last entry of the previous page. */
export async function timelinePage(
  db: SqlExecutor,
  customerId: string,
  options: { limit: number; after?: TimelineCursor; asOf?: Date },
): Promise<TimelineEntry[]> {
  const rows = await db.query<{
    interaction_id: string;
    occurred_at: Date;
    channel: string;
    direction: string;
    conversation_id: string;
    contact_kind: string;
    contact_value: string;
    summary: string;
    body_text: string;
    body_html: string | null;
    details: unknown;
  }>(
    `SELECT interaction_id, occurred_at, channel, direction, conversation_id, contact_kind, contact_value, summary,
            body_text, body_html, details
       FROM read_models.timeline
      WHERE customer_id = $1
        AND ($2::timestamptz IS NULL OR (occurred_at, interaction_id) < ($2::timestamptz, $3::text))
        AND ($5::timestamptz IS NULL OR recorded_at <= $5::timestamptz)
      ORDER BY occurred_at DESC, interaction_id DESC LIMIT $4`,
    [
      customerId,
      options.after?.occurredAt ?? null,
      options.after?.interactionId ?? '',
      options.limit,
      options.asOf ?? null,
    ],
  );
  return rows.map((r) => ({
    interactionId: r.interaction_id,
    occurredAt: iso(r.occurred_at) ?? '',
    channel: r.channel,
    direction: r.direction,
    conversationId: r.conversation_id,
    contact: { kind: r.contact_kind, value: r.contact_value },
    summary: r.summary,
    text: r.body_text,
    html: r.body_html,
    details: r.details,
  }));
}
