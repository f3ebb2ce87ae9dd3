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
  /** How many messages the capped word-index query read (`matchingSql`). */
  matched?: number;
}

const columns = 'interaction_id, customer_id, channel, direction, occurred_at, conversation_id, subject, body, words';
const hitColumns = 'interaction_id, customer_id, channel, direction, occurred_at, conversation_id, subject, body';

// The plans are chosen here, not left to statistics (which may not exist yet): PostgreSQL without
// them picks the same plan for a word in every message and a word in one, and either choice is
// slow for the other. Only the filters given are in the statement, each a comparison an index can
// bound its reads with (an `$n IS NULL OR …` cannot).

/** The statement's parameters, and its conditions on the filters given. */
function statement(filter: MessageSearchFilter) {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const words = `words @@ ${p(tsqueryOf(filter.query))}::tsquery`;
  const limit = p(filter.limit);
  const conditions: string[] = [];
  if (filter.customerId !== undefined) {
    const id = p(filter.customerId);
    conditions.push(
      `customer_id = coalesce((SELECT survivor_id FROM read_models.message_search_merges WHERE merged_id = ${id}), ${id})`,
    );
  }
  if (filter.channel !== undefined) conditions.push(`channel = ${p(filter.channel)}`);
  // Bounds as row comparisons (no id is below ''): plain `occurred_at >= $a AND occurred_at < $b`
  // is estimated without statistics at 0.5% of the table, too few rows to walk the time index
  // for, so PostgreSQL read and sorted the whole range instead; a row comparison is estimated as
  // one open bound, and the walk stops when the page is full.
  if (filter.from !== undefined)
    conditions.push(`(occurred_at, interaction_id) >= (${p(filter.from)}::timestamptz, '')`);
  if (filter.to !== undefined) conditions.push(`(occurred_at, interaction_id) < (${p(filter.to)}::timestamptz, '')`);
  if (filter.after !== undefined)
    conditions.push(
      `(occurred_at, interaction_id) < (${p(filter.after.occurredAt)}::timestamptz, ${p(filter.after.interactionId)}::text)`,
    );
  const where = conditions.length > 0 ? conditions.join(' AND ') : 'true';
  return { params, p, words, limit, where };
}

/**
 * Newest first through an index in that order, the words checked row by row: a common word fills
 * its page after a few rows and the scan stops there. At most `window` rows are read (the LIMIT
 * keeps the subquery whole, so the planner can neither merge it away nor sort by another plan).
 */
function newestSql(filter: MessageSearchFilter, window: number | undefined) {
  const { params, p, words, limit, where } = statement(filter);
  const sql = `
  SELECT ${hitColumns}
    FROM (SELECT ${columns} FROM read_models.message_search WHERE ${where}
           ORDER BY occurred_at DESC, interaction_id DESC
           ${window === undefined ? '' : `LIMIT ${p(window)}`} OFFSET 0) newest
   WHERE ${words}
   ORDER BY occurred_at DESC, interaction_id DESC
   LIMIT ${limit}`;
  return { sql, params };
}

/**
 * Every message with the words, through the GIN index, then sorted: for rarer words. MATERIALIZED,
 * so the planner cannot merge it back and walk the time index instead. With `cap`, at most that
 * many are read, and `matched` says how many were: the page is whole only when it is below the cap.
 */
function matchingSql(filter: MessageSearchFilter, cap?: number) {
  const { params, p, words, limit, where } = statement(filter);
  const sql = `
  WITH candidates AS MATERIALIZED (
    SELECT ${hitColumns} FROM read_models.message_search WHERE ${words} AND ${where}
    ${cap === undefined ? '' : `LIMIT ${p(cap)}`})
  SELECT ${hitColumns}, (SELECT count(*) FROM candidates)::int AS matched FROM candidates
   ORDER BY occurred_at DESC, interaction_id DESC
   LIMIT ${limit}`;
  return { sql, params };
}

/** How many of the newest messages are read before the word index is asked instead. */
export const RECENT_WINDOW = 5_000;
/** How many messages with a reference are read through the word index before the newest are asked instead. */
export const REFERENCE_CAP = 1_000;

/**
 * A term with a digit (an order number, a phone, a tracking code) is in few messages: walking the
 * newest 5,000 to learn that cost ten times the word index's answer.
 */
const looksRare = (filter: MessageSearchFilter) => filter.query.terms.some((term) => /\p{N}/u.test(term));

/** Messages whose subject or text has every term, newest first, a page at a time. */
export async function searchMessages(db: SqlExecutor, filter: MessageSearchFilter): Promise<MessageHit[]> {
  if (filter.query.terms.length === 0) return [];
  const rows = await pageOf(db, filter);
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

async function pageOf(db: SqlExecutor, filter: MessageSearchFilter): Promise<HitRow[]> {
  const query = async ({ sql, params }: { sql: string; params: unknown[] }) => db.query<HitRow>(sql, params);
  // A customer has few messages: all of them are read, newest first, through its index.
  if (filter.customerId !== undefined) return query(newestSql(filter, undefined));
  if (looksRare(filter)) {
    const rare = await query(matchingSql(filter, REFERENCE_CAP));
    if ((rare[0]?.matched ?? 0) < REFERENCE_CAP) return rare;
  }
  const recent = await query(newestSql(filter, RECENT_WINDOW));
  if (recent.length >= filter.limit) return recent;
  // Fewer hits than a page among the newest: the word is rare there; ask the word index.
  return query(matchingSql(filter));
}
