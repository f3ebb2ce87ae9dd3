import { type DomainEvent, decodeEvent, type RecordedEvent } from '@hub/events';
import type { ProjectionDefinition } from '@hub/projections';
import type { SqlExecutor } from '@hub/sql';

export const CONVERSATIONS_PROJECTION = 'conversations';

const conversationTypes = [
  'ConversationOpened',
  'ConversationMessageAdded',
  'ConversationStatusChanged',
  'ConversationReopened',
  'ConversationPriorityChanged',
  'ConversationLabelAdded',
  'ConversationLabelRemoved',
  'ConversationNoteAdded',
  'ConversationAssigned',
  'CsatRequested',
  'CsatRecorded',
  'SlaBreached',
] as const satisfies readonly DomainEvent['type'][];
type ConversationEvent = Extract<DomainEvent, { type: (typeof conversationTypes)[number] }>;
const isConversationType = (type: string): boolean => (conversationTypes as readonly string[]).includes(type);

/** The SLA checker recomputes the clock of a row marked so (see `conversationsDueForSlaCheck`). */
const SLA_STALE = "sla_check_at = '-infinity'";

const priorityRank = { urgent: 0, high: 1, medium: 2, low: 3, none: 4 } as const;

/**
 * Moves the conversation's row to this event, once: a replay from an older checkpoint finds the
 * row at a later revision and changes nothing. `set` is the SQL of the columns this event changes.
 */
async function updateRow(tx: SqlExecutor, recorded: RecordedEvent, set: string, params: readonly unknown[]) {
  const fields = set ? `${set}, revision = $2` : 'revision = $2';
  await tx.query(`UPDATE conversations SET ${fields} WHERE conversation_id = $1 AND revision < $2`, [
    conversationIdOf(recorded),
    recorded.revision,
    ...params,
  ]);
}

const conversationIdOf = (recorded: RecordedEvent) => recorded.streamId.slice('conversation-'.length);

async function addItem(
  tx: SqlExecutor,
  recorded: RecordedEvent,
  item: { kind: string; interactionId?: string | null; actor: unknown; at: string; data: unknown },
) {
  await tx.query(
    `INSERT INTO conversation_items (conversation_id, revision, kind, interaction_id, actor, at, data)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb) ON CONFLICT DO NOTHING`,
    [
      conversationIdOf(recorded),
      recorded.revision,
      item.kind,
      item.interactionId ?? null,
      JSON.stringify(item.actor),
      item.at,
      JSON.stringify(item.data),
    ],
  );
}

/**
 * Applies one conversation event to the inbox row and the conversation's history, in the caller's
 * transaction (which also moves the checkpoint). Idempotent, so a replay is harmless.
 */
export async function applyConversationEvent(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
  if (!isConversationType(recorded.type)) return;
  const event = decodeEvent(recorded) as ConversationEvent;
  switch (event.type) {
    case 'ConversationOpened': {
      const d = event.data;
      await tx.query(
        `INSERT INTO conversations
           (conversation_id, customer_id, inbox_id, channel, subject, status, opened_at, last_activity_at, revision,
            sla_check_at)
         VALUES ($1, $2, $3, $4, $5, 'open', $6, $6, $7, '-infinity') ON CONFLICT (conversation_id) DO NOTHING`,
        [d.conversationId, d.customerId, d.inboxId, d.channel, d.subject, d.openedAt, recorded.revision],
      );
      return addItem(tx, recorded, {
        kind: 'opened',
        interactionId: d.openedBy,
        actor: d.actor,
        at: d.openedAt,
        data: { channel: d.channel, inboxId: d.inboxId },
      });
    }
    case 'ConversationMessageAdded': {
      const d = event.data;
      if (d.direction === 'inbound') {
        await updateRow(
          tx,
          recorded,
          `last_inbound_at = greatest(last_inbound_at, $3), last_activity_at = greatest(last_activity_at, $3),
           waiting_since = coalesce(waiting_since, $3), message_count = message_count + 1, ${SLA_STALE}`,
          [d.occurredAt],
        );
      } else {
        await updateRow(
          tx,
          recorded,
          `last_outbound_at = greatest(last_outbound_at, $3), last_activity_at = greatest(last_activity_at, $3),
           first_response_at = CASE WHEN first_response_at IS NULL AND last_inbound_at IS NOT NULL THEN $3
                                    ELSE first_response_at END,
           waiting_since = NULL, message_count = message_count + 1, ${SLA_STALE}`,
          [d.occurredAt],
        );
      }
      return addItem(tx, recorded, {
        kind: 'message',
        interactionId: d.interactionId,
        actor: d.actor,
        at: d.occurredAt,
        data: { direction: d.direction, channel: d.channel },
      });
    }
    case 'ConversationStatusChanged': {
      const d = event.data;
      await updateRow(tx, recorded, `status = $3, snoozed_until = $4, ${SLA_STALE}`, [d.status, d.snoozedUntil]);
      return addItem(tx, recorded, {
        kind: 'status',
        actor: d.actor,
        at: d.at,
        data: { status: d.status, snoozedUntil: d.snoozedUntil, reason: d.reason },
      });
    }
    case 'ConversationReopened': {
      const d = event.data;
      await updateRow(tx, recorded, `status = 'open', snoozed_until = NULL, ${SLA_STALE}`, []);
      return addItem(tx, recorded, {
        kind: 'reopened',
        interactionId: d.interactionId,
        actor: d.actor,
        at: d.at,
        data: { from: d.from, reason: d.reason },
      });
    }
    case 'ConversationPriorityChanged': {
      const d = event.data;
      await updateRow(tx, recorded, `priority = $3, priority_rank = $4, ${SLA_STALE}`, [
        d.priority,
        priorityRank[d.priority],
      ]);
      return addItem(tx, recorded, { kind: 'priority', actor: d.actor, at: d.at, data: { priority: d.priority } });
    }
    case 'ConversationLabelAdded': {
      const d = event.data;
      await updateRow(
        tx,
        recorded,
        'labels = CASE WHEN $3 = ANY(labels) THEN labels ELSE array_append(labels, $3) END',
        [d.label],
      );
      return addItem(tx, recorded, { kind: 'label-added', actor: d.actor, at: d.at, data: { label: d.label } });
    }
    case 'ConversationLabelRemoved': {
      const d = event.data;
      await updateRow(tx, recorded, 'labels = array_remove(labels, $3)', [d.label]);
      return addItem(tx, recorded, { kind: 'label-removed', actor: d.actor, at: d.at, data: { label: d.label } });
    }
    case 'ConversationNoteAdded': {
      const d = event.data;
      await updateRow(tx, recorded, '', []);
      return addItem(tx, recorded, {
        kind: 'note',
        actor: d.actor,
        at: d.at,
        data: { noteId: d.noteId, text: d.text, mentions: d.mentions },
      });
    }
    case 'ConversationAssigned': {
      const d = event.data;
      await updateRow(tx, recorded, 'assignee_id = $3, team_id = $4', [d.agentId, d.teamId]);
      return addItem(tx, recorded, {
        kind: 'assignment',
        actor: d.actor,
        at: d.at,
        data: {
          agentId: d.agentId,
          teamId: d.teamId,
          previousAgentId: d.previousAgentId,
          previousTeamId: d.previousTeamId,
          assignment: d.kind,
        },
      });
    }
    case 'CsatRequested': {
      const d = event.data;
      await updateRow(tx, recorded, '', []);
      return addItem(tx, recorded, { kind: 'csat-requested', actor: d.actor, at: d.at, data: { channel: d.channel } });
    }
    case 'CsatRecorded': {
      const d = event.data;
      await updateRow(tx, recorded, 'csat_rating = $3', [d.rating]);
      return addItem(tx, recorded, {
        kind: 'csat',
        actor: d.actor,
        at: d.at,
        data: { rating: d.rating, comment: d.comment },
      });
    }
    case 'SlaBreached': {
      const d = event.data;
      await updateRow(tx, recorded, SLA_STALE, []);
      return addItem(tx, recorded, {
        kind: 'sla-breached',
        actor: { kind: 'system', process: 'sla' },
        at: d.breachedAt,
        data: { policyId: d.policyId, target: d.target, dueAt: d.dueAt },
      });
    }
    default:
      return event satisfies never;
  }
}

/** A conversation's inbox row while a page is applied; times in ms since the epoch. */
interface RowImage {
  conversation_id: string;
  customer_id: string;
  inbox_id: string;
  channel: string;
  subject: string | null;
  status: string;
  snoozed_until: number | null;
  priority: string;
  priority_rank: number;
  labels: string[];
  assignee_id: string | null;
  team_id: string | null;
  opened_at: number;
  last_activity_at: number;
  last_inbound_at: number | null;
  last_outbound_at: number | null;
  waiting_since: number | null;
  first_response_at: number | null;
  message_count: number;
  revision: number;
  csat_rating: number | null;
  /** Not a column: an event of the page moved the SLA clock, so the checker must look again. */
  sla_stale?: boolean;
}

const ms = (value: Date | string | null): number | null => (value === null ? null : new Date(value).getTime());
/** greatest() of PostgreSQL: nulls are ignored. */
const latest = (a: number | null, b: number): number => (a === null || b > a ? b : a);
const timeColumns = [
  'snoozed_until',
  'opened_at',
  'last_activity_at',
  'last_inbound_at',
  'last_outbound_at',
  'waiting_since',
  'first_response_at',
] as const;

/**
 * What `applyConversationEvent` does to the row, on its image in memory: the same rules (the row
 * moves only to a later revision; an opening inserts it once), so a page can be written at once.
 */
function evolveRow(row: RowImage | undefined, recorded: RecordedEvent, event: ConversationEvent): RowImage | undefined {
  if (event.type === 'ConversationOpened') {
    if (row) return row;
    const d = event.data;
    const openedAt = ms(d.openedAt) as number;
    return {
      conversation_id: d.conversationId,
      customer_id: d.customerId,
      inbox_id: d.inboxId,
      channel: d.channel,
      subject: d.subject,
      status: 'open',
      snoozed_until: null,
      priority: 'none',
      priority_rank: priorityRank.none,
      labels: [],
      assignee_id: null,
      team_id: null,
      opened_at: openedAt,
      last_activity_at: openedAt,
      last_inbound_at: null,
      last_outbound_at: null,
      waiting_since: null,
      first_response_at: null,
      message_count: 0,
      revision: recorded.revision,
      csat_rating: null,
      sla_stale: true,
    };
  }
  if (!row || row.revision >= recorded.revision) return row;
  const next: RowImage = { ...row, revision: recorded.revision };
  // The events `applyConversationEvent` marks the SLA clock stale for.
  if (
    event.type === 'ConversationMessageAdded' ||
    event.type === 'ConversationStatusChanged' ||
    event.type === 'ConversationReopened' ||
    event.type === 'ConversationPriorityChanged' ||
    event.type === 'SlaBreached'
  )
    next.sla_stale = true;
  switch (event.type) {
    case 'ConversationMessageAdded': {
      const at = ms(event.data.occurredAt) as number;
      next.last_activity_at = latest(row.last_activity_at, at);
      next.message_count = row.message_count + 1;
      if (event.data.direction === 'inbound') {
        next.last_inbound_at = latest(row.last_inbound_at, at);
        next.waiting_since = row.waiting_since ?? at;
      } else {
        next.last_outbound_at = latest(row.last_outbound_at, at);
        if (row.first_response_at === null && row.last_inbound_at !== null) next.first_response_at = at;
        next.waiting_since = null;
      }
      return next;
    }
    case 'ConversationStatusChanged':
      next.status = event.data.status;
      next.snoozed_until = ms(event.data.snoozedUntil);
      return next;
    case 'ConversationReopened':
      next.status = 'open';
      next.snoozed_until = null;
      return next;
    case 'ConversationPriorityChanged':
      next.priority = event.data.priority;
      next.priority_rank = priorityRank[event.data.priority];
      return next;
    case 'ConversationLabelAdded':
      if (!row.labels.includes(event.data.label)) next.labels = [...row.labels, event.data.label];
      return next;
    case 'ConversationLabelRemoved':
      next.labels = row.labels.filter((label) => label !== event.data.label);
      return next;
    case 'ConversationAssigned':
      next.assignee_id = event.data.agentId;
      next.team_id = event.data.teamId;
      return next;
    case 'CsatRecorded':
      next.csat_rating = event.data.rating;
      return next;
    case 'ConversationNoteAdded':
    case 'CsatRequested':
    case 'SlaBreached':
      return next;
    default:
      return event satisfies never;
  }
}

/** The history item `applyConversationEvent` adds for an event (one per event). */
function itemOf(recorded: RecordedEvent, event: ConversationEvent) {
  const item = (kind: string, actor: unknown, at: string, data: unknown, interactionId: string | null = null) => ({
    conversation_id: conversationIdOf(recorded),
    revision: recorded.revision,
    kind,
    interaction_id: interactionId,
    actor,
    at,
    data,
  });
  switch (event.type) {
    case 'ConversationOpened': {
      const d = event.data;
      return item('opened', d.actor, d.openedAt, { channel: d.channel, inboxId: d.inboxId }, d.openedBy);
    }
    case 'ConversationMessageAdded': {
      const d = event.data;
      return item('message', d.actor, d.occurredAt, { direction: d.direction, channel: d.channel }, d.interactionId);
    }
    case 'ConversationStatusChanged': {
      const d = event.data;
      return item('status', d.actor, d.at, { status: d.status, snoozedUntil: d.snoozedUntil, reason: d.reason });
    }
    case 'ConversationReopened': {
      const d = event.data;
      return item('reopened', d.actor, d.at, { from: d.from, reason: d.reason }, d.interactionId);
    }
    case 'ConversationPriorityChanged':
      return item('priority', event.data.actor, event.data.at, { priority: event.data.priority });
    case 'ConversationLabelAdded':
      return item('label-added', event.data.actor, event.data.at, { label: event.data.label });
    case 'ConversationLabelRemoved':
      return item('label-removed', event.data.actor, event.data.at, { label: event.data.label });
    case 'ConversationNoteAdded': {
      const d = event.data;
      return item('note', d.actor, d.at, { noteId: d.noteId, text: d.text, mentions: d.mentions });
    }
    case 'ConversationAssigned': {
      const d = event.data;
      return item('assignment', d.actor, d.at, {
        agentId: d.agentId,
        teamId: d.teamId,
        previousAgentId: d.previousAgentId,
        previousTeamId: d.previousTeamId,
        assignment: d.kind,
      });
    }
    case 'CsatRequested':
      return item('csat-requested', event.data.actor, event.data.at, { channel: event.data.channel });
    case 'CsatRecorded':
      return item('csat', event.data.actor, event.data.at, { rating: event.data.rating, comment: event.data.comment });
    case 'SlaBreached': {
      const d = event.data;
      return item('sla-breached', { kind: 'system', process: 'sla' }, d.breachedAt, {
        policyId: d.policyId,
        target: d.target,
        dueAt: d.dueAt,
      });
    }
    default:
      return event satisfies never;
  }
}

const rowColumns = `conversation_id text, customer_id text, inbox_id text, channel text, subject text, status text,
  snoozed_until timestamptz, priority text, priority_rank smallint, labels text[], assignee_id text, team_id text,
  opened_at timestamptz, last_activity_at timestamptz, last_inbound_at timestamptz, last_outbound_at timestamptz,
  waiting_since timestamptz, first_response_at timestamptz, message_count integer, revision integer,
  csat_rating smallint`;
const rowColumnNames = rowColumns
  .split(',')
  .map((column) => column.trim().split(' ')[0])
  .join(', ');
const movedColumns = [
  'status',
  'snoozed_until',
  'priority',
  'priority_rank',
  'labels',
  'assignee_id',
  'team_id',
  'last_activity_at',
  'last_inbound_at',
  'last_outbound_at',
  'waiting_since',
  'first_response_at',
  'message_count',
  'revision',
  'csat_rating',
];

/**
 * A page of conversation events in three statements instead of two per event: read the rows the
 * page touches, move them in memory by the rules of `applyConversationEvent`, write back the ones
 * that changed (one upsert) and the history items (one insert). Same result as event by event.
 */
export async function applyConversationPage(tx: SqlExecutor, page: readonly RecordedEvent[]): Promise<void> {
  const events = page.flatMap((recorded) =>
    isConversationType(recorded.type) ? [{ recorded, event: decodeEvent(recorded) as ConversationEvent }] : [],
  );
  if (events.length === 0) return;
  const ids = [...new Set(events.map(({ recorded }) => conversationIdOf(recorded)))];
  const rows = new Map<string, RowImage>();
  for (const row of await tx.query<RowImage & Record<(typeof timeColumns)[number], Date | null>>(
    `SELECT ${movedColumns.join(', ')}, conversation_id, customer_id, inbox_id, channel, subject, opened_at
       FROM conversations WHERE conversation_id = ANY($1::text[])`,
    [ids],
  )) {
    const image = { ...row } as unknown as RowImage;
    for (const column of timeColumns) image[column] = ms(row[column]) as number;
    rows.set(row.conversation_id, image);
  }
  const changed = new Set<string>();
  for (const { recorded, event } of events) {
    const id = conversationIdOf(recorded);
    const before = rows.get(id);
    const after = evolveRow(before, recorded, event);
    if (after && after !== before) {
      rows.set(id, after);
      changed.add(id);
    }
  }
  if (changed.size > 0) {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    const written = [...changed].map((id) => {
      const row = rows.get(id) as RowImage;
      const json: Record<string, unknown> = { ...row, sla_stale: row.sla_stale === true };
      for (const column of timeColumns) json[column] = iso(row[column]);
      return json;
    });
    await tx.query(
      `INSERT INTO conversations AS c (${rowColumnNames}, sla_check_at)
       SELECT ${rowColumnNames}, CASE WHEN r.sla_stale THEN '-infinity'::timestamptz END
         FROM jsonb_to_recordset($1::jsonb) AS r(${rowColumns}, sla_stale boolean)
       ON CONFLICT (conversation_id) DO UPDATE SET ${movedColumns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
         sla_check_at = CASE WHEN EXCLUDED.sla_check_at = '-infinity' THEN EXCLUDED.sla_check_at ELSE c.sla_check_at END
       WHERE c.revision < EXCLUDED.revision`,
      [JSON.stringify(written)],
    );
  }
  await tx.query(
    `INSERT INTO conversation_items (conversation_id, revision, kind, interaction_id, actor, at, data)
     SELECT conversation_id, revision, kind, interaction_id, actor, at, data
       FROM jsonb_to_recordset($1::jsonb)
         AS r(conversation_id text, revision integer, kind text, interaction_id text, actor jsonb, at timestamptz, data jsonb)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(events.map(({ recorded, event }) => itemOf(recorded, event)))],
  );
}

/** The inbox projection, for `runProjection`: reads only conversation streams. */
export const conversationsProjection: ProjectionDefinition = {
  name: CONVERSATIONS_PROJECTION,
  filter: { streamPrefix: 'conversation-' },
  // Its statements name these unqualified, so a rebuild can fill shadows of them.
  readModel: { schema: 'read_models', tables: ['conversations', 'conversation_items'] },
  apply: applyConversationEvent,
  applyPage: applyConversationPage,
};
