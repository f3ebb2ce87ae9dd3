import { HubError } from '@hub/errors';
import type { SqlExecutor } from '@hub/sql';

export const conversationStatuses = ['open', 'pending', 'snoozed', 'resolved'] as const;
export const slaStates = ['ok', 'due-soon', 'breached'] as const;

export interface InboxFilter {
  /** Default: open. */
  readonly status?: (typeof conversationStatuses)[number] | 'all';
  /** `me` is the viewer; `unassigned` is nobody; anything else an agent's id. */
  readonly assignee?: string;
  readonly teamId?: string;
  readonly inboxId?: string;
  readonly label?: string;
  readonly channel?: string;
  readonly slaState?: (typeof slaStates)[number];
  readonly customerId?: string;
}

export interface InboxQuery extends InboxFilter {
  readonly viewerId: string;
  /** `last-activity` (newest first, the default) or `sla-due` (soonest due first; none last). */
  readonly sort?: 'last-activity' | 'sla-due';
  readonly limit?: number;
  readonly cursor?: string;
}

export interface InboxConversation {
  readonly id: string;
  readonly customerId: string;
  readonly inboxId: string;
  readonly channel: string;
  readonly subject: string | null;
  readonly status: string;
  readonly snoozedUntil: string | null;
  readonly priority: string;
  readonly labels: string[];
  readonly assigneeId: string | null;
  readonly teamId: string | null;
  readonly openedAt: string;
  readonly lastActivityAt: string;
  readonly waitingSince: string | null;
  readonly firstResponseAt: string | null;
  readonly messageCount: number;
  /** Send it back as the revision you saw with any change to the conversation. */
  readonly revision: number;
  readonly sla: { readonly dueAt: string | null; readonly state: string | null };
  readonly csatRating: number | null;
}

/** A row of the inbox list: the conversation, who it is with and what was said last. */
export interface InboxListItem extends InboxConversation {
  /** The customer's name as the timeline knows it (null when none was given, or erased). */
  readonly customerName: string | null;
  /** The summary of the conversation's latest message (null before any, or once erased). */
  readonly preview: string | null;
}

interface ConversationRow {
  conversation_id: string;
  customer_id: string;
  inbox_id: string;
  channel: string;
  subject: string | null;
  status: string;
  snoozed_until: Date | null;
  priority: string;
  labels: string[];
  assignee_id: string | null;
  team_id: string | null;
  opened_at: Date;
  last_activity_at: Date;
  waiting_since: Date | null;
  first_response_at: Date | null;
  message_count: number;
  revision: number;
  sla_due_at: Date | null;
  sla_state: string | null;
  csat_rating: number | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const toInboxConversation = (r: ConversationRow): InboxConversation => ({
  id: r.conversation_id,
  customerId: r.customer_id,
  inboxId: r.inbox_id,
  channel: r.channel,
  subject: r.subject,
  status: r.status,
  snoozedUntil: iso(r.snoozed_until),
  priority: r.priority,
  labels: r.labels,
  assigneeId: r.assignee_id,
  teamId: r.team_id,
  openedAt: iso(r.opened_at) ?? '',
  lastActivityAt: iso(r.last_activity_at) ?? '',
  waitingSince: iso(r.waiting_since),
  firstResponseAt: iso(r.first_response_at),
  messageCount: r.message_count,
  revision: r.revision,
  sla: { dueAt: iso(r.sla_due_at), state: r.sla_state },
  csatRating: r.csat_rating,
});

/** The WHERE clause of a filter, with its parameters numbered from `first`. */
function whereOf(filter: InboxFilter, viewerId: string, first = 1): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${first + params.length - 1}`;
  };
  const status = filter.status ?? 'open';
  if (status !== 'all') clauses.push(`status = ${param(status)}`);
  if (filter.assignee === 'unassigned') clauses.push('assignee_id IS NULL');
  else if (filter.assignee === 'me') clauses.push(`assignee_id = ${param(viewerId)}`);
  else if (filter.assignee) clauses.push(`assignee_id = ${param(filter.assignee)}`);
  if (filter.teamId) clauses.push(`team_id = ${param(filter.teamId)}`);
  if (filter.inboxId) clauses.push(`inbox_id = ${param(filter.inboxId)}`);
  if (filter.channel) clauses.push(`channel = ${param(filter.channel)}`);
  if (filter.label) clauses.push(`labels @> ARRAY[${param(filter.label)}]::text[]`);
  if (filter.slaState) clauses.push(`sla_state = ${param(filter.slaState)}`);
  if (filter.customerId) clauses.push(`customer_id = ${param(filter.customerId)}`);
  return { sql: clauses.length > 0 ? clauses.join(' AND ') : 'true', params };
}

interface Cursor {
  readonly at: string | null;
  readonly id: string;
}
const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
function decodeCursor(text: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (typeof cursor.id !== 'string' || (cursor.at !== null && Number.isNaN(Date.parse(cursor.at)))) throw new Error();
    return cursor;
  } catch {
    throw new HubError('INVALID_INPUT', 'cursor is not one this hub gave out');
  }
}

/**
 * One page of the inbox: a keyset page (no OFFSET), so page 50 costs what page 1 does. Sorted by
 * last activity (newest first) or by SLA due time (soonest first, conversations without one last).
 */
export async function listInbox(
  db: SqlExecutor,
  query: InboxQuery,
): Promise<{ conversations: InboxListItem[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const where = whereOf(query, query.viewerId);
  const params = [...where.params];
  const next = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const bySla = query.sort === 'sla-due';
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  let after = '';
  if (cursor && bySla) {
    after =
      cursor.at === null
        ? ` AND sla_due_at IS NULL AND conversation_id > ${next(cursor.id)}`
        : ` AND (sla_due_at IS NULL OR (sla_due_at, conversation_id) > (${next(cursor.at)}::timestamptz, ${next(cursor.id)}))`;
  } else if (cursor) {
    after = ` AND (last_activity_at, conversation_id) < (${next(cursor.at)}::timestamptz, ${next(cursor.id)})`;
  }
  const order = bySla
    ? 'sla_due_at ASC NULLS LAST, conversation_id ASC'
    : 'last_activity_at DESC, conversation_id DESC';
  const rows = await db.query<ConversationRow>(
    `SELECT * FROM read_models.conversations WHERE ${where.sql}${after} ORDER BY ${order} LIMIT ${next(limit + 1)}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ at: iso(bySla ? last.sla_due_at : last.last_activity_at), id: last.conversation_id })
      : null;
  const labels = await labelsOf(db, page);
  const conversations = page.map((row) => ({
    ...toInboxConversation(row),
    customerName: labels.get(row.conversation_id)?.display_name ?? null,
    preview: labels.get(row.conversation_id)?.preview ?? null,
  }));
  return { conversations, nextCursor };
}

/**
 * Who each listed conversation is with and its latest message's summary, read from the timeline
 * for the page only (one statement; each row an index lookup), so the inbox rows need nothing the
 * conversation events do not carry.
 */
async function labelsOf(db: SqlExecutor, page: readonly ConversationRow[]) {
  if (page.length === 0) return new Map<string, { display_name: string | null; preview: string | null }>();
  const rows = await db.query<{ conversation_id: string; display_name: string | null; preview: string | null }>(
    `SELECT x.conversation_id, cu.display_name,
            (SELECT t.summary
               FROM read_models.conversation_items i
               JOIN read_models.timeline t ON t.interaction_id = i.interaction_id
              WHERE i.conversation_id = x.conversation_id AND i.kind = 'message'
              ORDER BY i.revision DESC LIMIT 1) AS preview
       FROM unnest($1::text[], $2::text[]) AS x(conversation_id, customer_id)
       LEFT JOIN read_models.customers cu ON cu.customer_id = x.customer_id`,
    [page.map((row) => row.conversation_id), page.map((row) => row.customer_id)],
  );
  return new Map(rows.map((row) => [row.conversation_id, row]));
}

export interface InboxCounts {
  readonly mine: number;
  readonly unassigned: number;
  readonly open: number;
  readonly pending: number;
  readonly snoozed: number;
  readonly breached: number;
}

/** The numbers beside each filter of the inbox, for the viewer, in one pass over what is not resolved. */
export async function inboxCounts(db: SqlExecutor, viewerId: string, teamId?: string): Promise<InboxCounts> {
  const [row] = await db.query<Record<keyof InboxCounts, string>>(
    `SELECT count(*) FILTER (WHERE status = 'open' AND assignee_id = $1)::text AS mine,
            count(*) FILTER (WHERE status = 'open' AND assignee_id IS NULL)::text AS unassigned,
            count(*) FILTER (WHERE status = 'open')::text AS open,
            count(*) FILTER (WHERE status = 'pending')::text AS pending,
            count(*) FILTER (WHERE status = 'snoozed')::text AS snoozed,
            count(*) FILTER (WHERE sla_state = 'breached')::text AS breached
       FROM read_models.conversations
      WHERE status IN ('open', 'pending', 'snoozed') AND ($2::text IS NULL OR team_id = $2)`,
    [viewerId, teamId ?? null],
  );
  const n = (key: keyof InboxCounts) => Number(row?.[key] ?? 0);
  return {
    mine: n('mine'),
    unassigned: n('unassigned'),
    open: n('open'),
    pending: n('pending'),
    snoozed: n('snoozed'),
    breached: n('breached'),
  };
}

export interface ConversationItem {
  readonly revision: number;
  readonly kind: string;
  readonly at: string;
  readonly actor: unknown;
  readonly interactionId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
  /** For messages: the interaction as the timeline shows it (text, sanitised html, details). */
  readonly message?: {
    readonly summary: string;
    readonly text: string;
    readonly html: string | null;
    readonly direction: string;
    readonly details: unknown;
  };
}

export interface ConversationView extends InboxConversation {
  readonly items: ConversationItem[];
}

/**
 * A conversation as an agent reads it: messages, notes, status, priority, label and assignment
 * changes inline, in the order they happened in its stream. Messages carry their text from the
 * timeline read model; one that is not projected there yet shows without it.
 */
export async function findConversation(db: SqlExecutor, conversationId: string): Promise<ConversationView | undefined> {
  const [row] = await db.query<ConversationRow>('SELECT * FROM read_models.conversations WHERE conversation_id = $1', [
    conversationId,
  ]);
  if (!row) return undefined;
  const items = await db.query<{
    revision: number;
    kind: string;
    at: Date;
    actor: unknown;
    interaction_id: string | null;
    data: Record<string, unknown>;
    summary: string | null;
    body_text: string | null;
    body_html: string | null;
    direction: string | null;
    details: unknown;
  }>(
    `SELECT i.revision, i.kind, i.at, i.actor, i.interaction_id, i.data,
            t.summary, t.body_text, t.body_html, t.direction, t.details
       FROM read_models.conversation_items i
       LEFT JOIN read_models.timeline t ON i.kind = 'message' AND t.interaction_id = i.interaction_id
      WHERE i.conversation_id = $1 ORDER BY i.revision`,
    [conversationId],
  );
  return {
    ...toInboxConversation(row),
    items: items.map((i) => ({
      revision: i.revision,
      kind: i.kind,
      at: iso(i.at) ?? '',
      actor: i.actor,
      interactionId: i.interaction_id,
      data: i.data,
      ...(i.kind === 'message' && i.body_text !== null
        ? {
            message: {
              summary: i.summary ?? '',
              text: i.body_text,
              html: i.body_html,
              direction: i.direction ?? '',
              details: i.details,
            },
          }
        : {}),
    })),
  };
}
