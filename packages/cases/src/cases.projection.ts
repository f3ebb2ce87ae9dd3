import { decodeEvent, type RecordedEvent } from '@hub/events';
import type { ProjectionDefinition } from '@hub/projections';
import type { SqlExecutor } from '@hub/sql';
import { isCaseEvent } from './case.commands.ts';

export const CASES_PROJECTION = 'cases';

const caseIdOf = (recorded: RecordedEvent) => recorded.streamId.slice('case-'.length);

/** Moves the row to this event, once: a replay finds the row at a later revision and changes nothing. */
async function updateRow(tx: SqlExecutor, recorded: RecordedEvent, at: string, set: string, params: unknown[]) {
  const fields = set ? `${set}, ` : '';
  await tx.query(
    `UPDATE cases SET ${fields}revision = $2, updated_at = greatest(updated_at, $3)
      WHERE case_id = $1 AND revision < $2`,
    [caseIdOf(recorded), recorded.revision, at, ...params],
  );
}

async function addItem(
  tx: SqlExecutor,
  recorded: RecordedEvent,
  kind: string,
  actor: unknown,
  at: string,
  data: unknown,
) {
  await tx.query(
    `INSERT INTO case_items (case_id, revision, kind, actor, at, data)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb) ON CONFLICT DO NOTHING`,
    [caseIdOf(recorded), recorded.revision, kind, JSON.stringify(actor), at, JSON.stringify(data)],
  );
}

/** Applies one case event to its row and history, in the caller's transaction; idempotent. */
export async function applyCaseEvent(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
  const event = decodeEvent(recorded);
  if (!isCaseEvent(event)) return;
  switch (event.type) {
    case 'CaseOpened': {
      const d = event.data;
      await tx.query(
        `INSERT INTO cases (case_id, case_number, kind, status, customer_id, owner_id, subject, description,
                            order_reference, conversation_ids, opened_at, updated_at, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11, $11, $12) ON CONFLICT (case_id) DO NOTHING`,
        [
          d.caseId,
          d.caseNumber,
          d.kind,
          d.status,
          d.customerId,
          d.ownerId,
          d.subject,
          d.description,
          d.orderReference,
          d.conversationIds,
          d.at,
          recorded.revision,
        ],
      );
      return addItem(tx, recorded, 'opened', d.actor, d.at, {
        kind: d.kind,
        status: d.status,
        ownerId: d.ownerId,
        conversationIds: d.conversationIds,
      });
    }
    case 'CaseStatusChanged': {
      const d = event.data;
      await updateRow(tx, recorded, d.at, `status = $4, closed_at = CASE WHEN $4 = 'closed' THEN $3::timestamptz END`, [
        d.to,
      ]);
      return addItem(tx, recorded, 'status', d.actor, d.at, { from: d.from, to: d.to, reason: d.reason });
    }
    case 'CaseOwnerAssigned': {
      const d = event.data;
      await updateRow(tx, recorded, d.at, 'owner_id = $4', [d.ownerId]);
      return addItem(tx, recorded, 'owner', d.actor, d.at, { ownerId: d.ownerId, previousOwnerId: d.previousOwnerId });
    }
    case 'CaseConversationLinked': {
      const d = event.data;
      await updateRow(
        tx,
        recorded,
        d.at,
        'conversation_ids = CASE WHEN $4 = ANY(conversation_ids) THEN conversation_ids ELSE array_append(conversation_ids, $4) END',
        [d.conversationId],
      );
      return addItem(tx, recorded, 'linked', d.actor, d.at, { conversationId: d.conversationId });
    }
    case 'CaseConversationUnlinked': {
      const d = event.data;
      await updateRow(tx, recorded, d.at, 'conversation_ids = array_remove(conversation_ids, $4)', [d.conversationId]);
      return addItem(tx, recorded, 'unlinked', d.actor, d.at, { conversationId: d.conversationId });
    }
    case 'CaseNoteAdded': {
      const d = event.data;
      await updateRow(tx, recorded, d.at, '', []);
      return addItem(tx, recorded, 'note', d.actor, d.at, { noteId: d.noteId, text: d.text });
    }
    default:
      return event satisfies never;
  }
}

/** The cases projection, for `runProjection` and `rebuildProjection`: reads only case streams. */
export const casesProjection: ProjectionDefinition = {
  name: CASES_PROJECTION,
  filter: { streamPrefix: 'case-' },
  // Its statements name these unqualified, so a rebuild can fill shadows of them.
  readModel: { schema: 'read_models', tables: ['cases', 'case_items'] },
  apply: applyCaseEvent,
};
