import type { SqlExecutor } from '@hub/sql';
import { highlightSnippet, plainSnippet } from './message-snippet.ts';
import { type MessageQuery, tsqueryOf } from './message-words.ts';

/** Where the previous page ended: the last message's time and id (newest first). */
export interface MessageSearchCursor {
  readonly occurredAt: string;
  readonly interactionId: string;
}

export interface MessageSearchFilter {
  readonly query: MessageQuery;
  /** A customer's messages, a merged customer's found under its survivor. */
  readonly customerId?: string;
  readonly channel?: string;
  /** Inclusive lower and exclusive upper bound of `occurredAt`. */
  readonly from?: Date;
  readonly to?: Date;
  readonly after?: MessageSearchCursor;
  readonly limit: number;
}

export interface MessageHit {
  readonly interactionId: string;
  /** Who the message belongs to now: the survivor when its customer was merged. */
  readonly customerId: string;
  readonly channel: string;
  readonly direction: string;
  readonly occurredAt: string;
  /** Null until the conversation linker has filed the message. */
  readonly conversationId: string | null;
  readonly subject: string;
  /** HTML-escaped text around the first match, matched words in `<mark>…</mark>`. */
  readonly snippet: string;
}

interface HitRow {
  interaction_id: string;
  customer_id: string;
  channel: string;
  direction: string;
  occurred_at: Date;
  conversation_id: string | null;
  subject: string;
  body: string;
}

// Every condition is a parameter; a missing filter is NULL and drops out. The customer filter
// names the survivor of a merged customer, as the rows do.
const searchSql = `
  SELECT interaction_id, customer_id, channel, direction, occurred_at, conversation_id, subject, body
    FROM read_models.message_search
   WHERE words @@ $1::tsquery
     AND ($2::text IS NULL OR customer_id = coalesce(
           (SELECT survivor_id FROM read_models.message_search_merges WHERE merged_id = $2), $2))
     AND ($3::text IS NULL OR channel = $3)
     AND ($4::timestamptz IS NULL OR occurred_at >= $4)
     AND ($5::timestamptz IS NULL OR occurred_at < $5)
     AND ($6::timestamptz IS NULL OR (occurred_at, interaction_id) < ($6, $7::text))
   ORDER BY occurred_at DESC, interaction_id DESC
   LIMIT $8`;

/** Messages whose subject or text has every term, newest first, a page at a time. */
export async function searchMessages(db: SqlExecutor, filter: MessageSearchFilter): Promise<MessageHit[]> {
  if (filter.query.terms.length === 0) return [];
  const rows = await db.query<HitRow>(searchSql, [
    tsqueryOf(filter.query),
    filter.customerId ?? null,
    filter.channel ?? null,
    filter.from ?? null,
    filter.to ?? null,
    filter.after?.occurredAt ?? null,
    filter.after?.interactionId ?? null,
    filter.limit,
  ]);
  return rows.map((row) => ({
    interactionId: row.interaction_id,
    customerId: row.customer_id,
    channel: row.channel,
    direction: row.direction,
    occurredAt: new Date(row.occurred_at).toISOString(),
    conversationId: row.conversation_id,
    subject: row.subject,
    snippet:
      highlightSnippet(row.body, filter.query) ?? highlightSnippet(row.subject, filter.query) ?? plainSnippet(row.body),
  }));
}
