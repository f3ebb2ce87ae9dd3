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

interface CustomerRow {
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

/** A customer's row with its identifiers and merge candidates, as `customerViewColumns` reads them. */
export interface CustomerViewRow extends CustomerRow {
  identifiers: { kind: string; value: string }[];
  merge_candidates: string[];
}

/**
 * The columns of a customer view, of the customers row `c`: the row, its identifiers and its merge
 * candidates, each list by a look-up of its own through the customer's index (a correlated
 * subquery on one key, which needs no statistics to be planned on the index), so that a customer,
 * or a page of them, is read in one statement.
 */
export const customerViewColumns = `c.customer_id, c.display_name, c.first_channel, c.created_at, c.last_interaction_at,
  c.interaction_count, c.merged_into, c.erased_at,
  coalesce((SELECT json_agg(json_build_object('kind', i.kind, 'value', i.value) ORDER BY i.kind, i.value)
              FROM read_models.customer_identifiers i WHERE i.customer_id = c.customer_id), '[]'::json) AS identifiers,
  ARRAY(SELECT DISTINCT m.candidate_id FROM read_models.merge_candidates m
         WHERE m.customer_id = c.customer_id ORDER BY m.candidate_id) AS merge_candidates`;

export const customerView = (r: CustomerViewRow): CustomerView => ({
  id: r.customer_id,
  displayName: r.display_name,
  firstChannel: r.first_channel,
  createdAt: iso(r.created_at) ?? '',
  lastInteractionAt: iso(r.last_interaction_at),
  interactionCount: Number(r.interaction_count),
  mergedInto: r.merged_into,
  erased: r.erased_at !== null,
  identifiers: r.identifiers,
  mergeCandidates: r.merge_candidates,
});

export async function findCustomer(db: SqlExecutor, customerId: string): Promise<CustomerView | undefined> {
  const [row] = await db.query<CustomerViewRow>(
    `SELECT ${customerViewColumns} FROM read_models.customers c WHERE c.customer_id = $1`,
    [customerId],
  );
  return row ? customerView(row) : undefined;
}

export async function lookupCustomer(db: SqlExecutor, kind: string, value: string): Promise<CustomerView | undefined> {
  const [row] = await db.query<CustomerViewRow>(
    `SELECT ${customerViewColumns}
       FROM read_models.customer_identifiers x JOIN read_models.customers c ON c.customer_id = x.customer_id
      WHERE x.kind = $1 AND x.value = $2`,
    [kind, value],
  );
  return row ? customerView(row) : undefined;
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
