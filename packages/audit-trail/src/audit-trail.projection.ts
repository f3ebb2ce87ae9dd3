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

/** The audit trail, for `runProjection`: reads every stream (any event may name an actor). */
export const auditTrailProjection: ProjectionDefinition = {
  name: AUDIT_TRAIL_PROJECTION,
  readModel: { schema: 'read_models', tables: ['audit_trail', 'audit_conversations'] },
  apply: applyAuditEvent,
};
