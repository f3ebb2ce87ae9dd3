import type { RecordedEvent } from '@hub/events';
import type { ProjectionDefinition } from '@hub/projections';
import type { SqlExecutor } from '@hub/sql';
import { actionOf } from './action-of.ts';

export const AUDIT_TRAIL_PROJECTION = 'audit-trail';

/**
 * Files one event under its actor, its conversation and its customer, in the caller's transaction.
 * Idempotent (keyed by the event's global position), so a replay from an older checkpoint is harmless.
 */
export async function applyAuditEvent(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
  if (recorded.type === 'ConversationOpened') {
    const data = recorded.data as { conversationId?: unknown; customerId?: unknown };
    if (typeof data.conversationId === 'string' && typeof data.customerId === 'string')
      await tx.query(
        `INSERT INTO audit_conversations (conversation_id, customer_id) VALUES ($1, $2)
         ON CONFLICT (conversation_id) DO NOTHING`,
        [data.conversationId, data.customerId],
      );
  }
  const action = actionOf(recorded);
  if (!action) return;
  await tx.query(
    `INSERT INTO audit_trail (commit_position, prepare_position, stream_id, revision, event_type, actor_kind, actor_id,
                              conversation_id, customer_id, details, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
             COALESCE($9, (SELECT customer_id FROM audit_conversations WHERE conversation_id = $8)), $10::jsonb, $11)
     ON CONFLICT DO NOTHING`,
    [
      recorded.position.commit.toString(),
      recorded.position.prepare.toString(),
      recorded.streamId,
      recorded.revision,
      recorded.type,
      action.actor.kind,
      action.actor.id,
      action.conversationId,
      action.customerId,
      JSON.stringify(action.details),
      recorded.recordedAt.toISOString(),
    ],
  );
}

/** A page at once, as `applyAuditEvent` would one by one: two statements however long the page. */
export async function applyAuditPage(tx: SqlExecutor, page: readonly RecordedEvent[]): Promise<void> {
  const opened = page.flatMap((recorded) => {
    if (recorded.type !== 'ConversationOpened') return [];
    const data = recorded.data as { conversationId?: unknown; customerId?: unknown };
    return typeof data.conversationId === 'string' && typeof data.customerId === 'string'
      ? [{ conversationId: data.conversationId, customerId: data.customerId }]
      : [];
  });
  if (opened.length > 0) {
    await tx.query(
      `INSERT INTO audit_conversations (conversation_id, customer_id)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (conversation_id) DO NOTHING`,
      [opened.map((o) => o.conversationId), opened.map((o) => o.customerId)],
    );
  }
  const filed = page.flatMap((recorded) => {
    const action = actionOf(recorded);
    return action ? [{ recorded, action }] : [];
  });
  if (filed.length === 0) return;
  await tx.query(
    `INSERT INTO audit_trail (commit_position, prepare_position, stream_id, revision, event_type, actor_kind, actor_id,
                              conversation_id, customer_id, details, recorded_at)
     SELECT a.commit_position, a.prepare_position, a.stream_id, a.revision, a.event_type, a.actor_kind, a.actor_id,
            a.conversation_id,
            COALESCE(a.customer_id, (SELECT customer_id FROM audit_conversations c WHERE c.conversation_id = a.conversation_id)),
            a.details::jsonb, a.recorded_at
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::timestamptz[])
         AS a(commit_position, prepare_position, stream_id, revision, event_type, actor_kind, actor_id, conversation_id,
              customer_id, details, recorded_at)
     ON CONFLICT DO NOTHING`,
    [
      filed.map(({ recorded }) => recorded.position.commit.toString()),
      filed.map(({ recorded }) => recorded.position.prepare.toString()),
      filed.map(({ recorded }) => recorded.streamId),
      filed.map(({ recorded }) => recorded.revision),
      filed.map(({ recorded }) => recorded.type),
      filed.map(({ action }) => action.actor.kind),
      filed.map(({ action }) => action.actor.id),
      filed.map(({ action }) => action.conversationId),
      filed.map(({ action }) => action.customerId),
      filed.map(({ action }) => JSON.stringify(action.details)),
      filed.map(({ recorded }) => recorded.recordedAt.toISOString()),
    ],
  );
}

/** The audit trail, for `runProjection`: reads every stream (any event may name an actor). */
export const auditTrailProjection: ProjectionDefinition = {
  name: AUDIT_TRAIL_PROJECTION,
  readModel: { schema: 'read_models', tables: ['audit_trail', 'audit_conversations'] },
  apply: applyAuditEvent,
  applyPage: applyAuditPage,
};
