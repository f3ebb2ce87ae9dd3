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

/** The inbox projection, for `runProjection`: reads only conversation streams. */
export const conversationsProjection: ProjectionDefinition = {
  name: CONVERSATIONS_PROJECTION,
  filter: { streamPrefix: 'conversation-' },
  // Its statements name these unqualified, so a rebuild can fill shadows of them.
  readModel: { schema: 'read_models', tables: ['conversations', 'conversation_items'] },
  apply: applyConversationEvent,
};
