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

const columns = 'interaction_id, customer_id, channel, direction, occurred_at, conversation_id, subject, body, words';

// Every condition is a parameter; a missing one is NULL and drops out.
const filtersSql = `($2::text IS NULL OR channel = $2)
     AND ($3::timestamptz IS NULL OR occurred_at >= $3)
     AND ($4::timestamptz IS NULL OR occurred_at < $4)
     AND ($5::timestamptz IS NULL OR (occurred_at, interaction_id) < ($5, $6::text))`;

const pageSql = (candidates: string) => `
  WITH candidates AS MATERIALIZED (${candidates})
  SELECT interaction_id, customer_id, channel, direction, occurred_at, conversation_id, subject, body
    FROM candidates WHERE words @@ $1::tsquery
   ORDER BY occurred_at DESC, interaction_id DESC
   LIMIT $7`;

// The plans are chosen here, not left to statistics (which may not exist yet): PostgreSQL without
// them picks the same plan for a word in every message and a word in one, and either choice is
// slow for the other. The CTEs are MATERIALIZED so the planner cannot merge them back.

/** One customer's messages (a merged customer's are its survivor's), through its index. */
const customerSql = pageSql(`
    SELECT ${columns} FROM read_models.message_search
     WHERE customer_id = coalesce((SELECT survivor_id FROM read_models.message_search_merges WHERE merged_id = $8), $8)
       AND ${filtersSql}`);

/** The newest messages within the filters, in index order: a common word fills its page here. */
const recentSql = pageSql(`
    SELECT ${columns} FROM read_models.message_search
     WHERE ${filtersSql}
     ORDER BY occurred_at DESC, interaction_id DESC
     LIMIT $8`);

/** Every message with the words, through the GIN index, then sorted: for rarer words. */
const matchingSql = pageSql(`
    SELECT ${columns} FROM read_models.message_search
     WHERE words @@ $1::tsquery AND ${filtersSql}`);

/** How many of the newest messages are read before the word index is asked instead. */
export const RECENT_WINDOW = 5_000;

/** Messages whose subject or text has every term, newest first, a page at a time. */
export async function searchMessages(db: SqlExecutor, filter: MessageSearchFilter): Promise<MessageHit[]> {
  if (filter.query.terms.length === 0) return [];
  const params = [
    tsqueryOf(filter.query),
    filter.channel ?? null,
    filter.from ?? null,
    filter.to ?? null,
    filter.after?.occurredAt ?? null,
    filter.after?.interactionId ?? null,
    filter.limit,
  ];
  const rows = await pageOf(db, filter, params);
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

async function pageOf(db: SqlExecutor, filter: MessageSearchFilter, params: unknown[]): Promise<HitRow[]> {
  if (filter.customerId !== undefined) return db.query<HitRow>(customerSql, [...params, filter.customerId]);
  const recent = await db.query<HitRow>(recentSql, [...params, RECENT_WINDOW]);
  if (recent.length >= filter.limit) return recent;
  // Fewer hits than a page among the newest: the word is rare there; ask the word index.
  return db.query<HitRow>(matchingSql, params);
}
