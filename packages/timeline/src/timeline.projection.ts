import { type CustomerEvent, customerEventTypes, type DomainEvent, decodeEvent, type RecordedEvent } from '@hub/events';
import type { ReadModelTables } from '@hub/projections';
import type { SqlExecutor } from '@hub/sql';
import { refreshSearchTexts } from './search-text.sql.ts';

export const TIMELINE_PROJECTION = 'timeline';

/**
 * The tables this projection fills, in `read_models`. Its statements name them unqualified, so a
 * rebuild can fill shadows of them (see @hub/projections); queries name them `read_models.<table>`.
 */
export const timelineReadModel: ReadModelTables = {
  schema: 'read_models',
  tables: ['customers', 'customer_identifiers', 'timeline', 'merge_candidates', 'customer_search_terms'],
};

/** The events this projection reads: a customer's own. */
type TimelineEvent = CustomerEvent;

/** The event types this projection reads; every other type passes through untouched. */
export const timelineEventTypes: ReadonlySet<DomainEvent['type']> = new Set(customerEventTypes);

const ensureCustomer = (tx: SqlExecutor, customerId: string, at: Date) =>
  tx.query('INSERT INTO customers (customer_id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [customerId, at]);

const refreshSearchText = (tx: SqlExecutor, customerId: string) => refreshSearchTexts(tx, [customerId]);

/**
 * Applies one event to the timeline read models, in the caller's transaction (which also moves the
 * checkpoint). Every statement is idempotent, so a replay from an older checkpoint is harmless.
 */
export async function applyTimelineEvent(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
  if (!timelineEventTypes.has(recorded.type as DomainEvent['type'])) return;
  const event = decodeEvent(recorded) as TimelineEvent;
  const at = recorded.occurredAt;
  switch (event.type) {
    case 'CustomerRegistered': {
      const { customerId, displayName, firstChannel } = event.data;
      await ensureCustomer(tx, customerId, at);
      await tx.query(
        `UPDATE customers SET display_name = coalesce(display_name, $2), first_channel = coalesce(first_channel, $3),
           created_at = least(created_at, $4) WHERE customer_id = $1`,
        [customerId, displayName, firstChannel, at],
      );
      return refreshSearchText(tx, customerId);
    }
    case 'CustomerIdentifierLinked': {
      const { customerId, identifier } = event.data;
      await ensureCustomer(tx, customerId, at);
      await tx.query(
        `INSERT INTO customer_identifiers (kind, value, customer_id) VALUES ($1, $2, $3)
         ON CONFLICT (kind, value) DO UPDATE SET customer_id = EXCLUDED.customer_id`,
        [identifier.kind, identifier.value, customerId],
      );
      return refreshSearchText(tx, customerId);
    }
    case 'CustomerIdentifierUnlinked': {
      const { customerId, identifier } = event.data;
      await tx.query('DELETE FROM customer_identifiers WHERE kind = $1 AND value = $2 AND customer_id = $3', [
        identifier.kind,
        identifier.value,
        customerId,
      ]);
      return refreshSearchText(tx, customerId);
    }
    case 'InteractionRecorded':
      return recordInteraction(tx, event.data, recorded);
    case 'MergeCandidateDetected': {
      for (const candidateId of event.data.candidateIds) {
        await tx.query('INSERT INTO merge_candidates VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
          event.data.customerId,
          candidateId,
          event.data.evidence.interactionId,
          at,
        ]);
      }
      return;
    }
    case 'CustomersMerged':
      return mergeCustomers(tx, event.data.survivorId, event.data.mergedId);
    case 'CustomersUnmerged':
      return unmergeCustomers(tx, event.data);
    case 'CustomerErased':
      return eraseCustomer(tx, event.data.customerId, at);
    default:
      return event satisfies never;
  }
}

type InteractionData = Extract<DomainEvent, { type: 'InteractionRecorded' }>['data'];

// One statement after the customer row exists: forward to the survivor of a merge, insert the
// entry once, count it. Round trips are what a projection spends its time on.
const recordInteractionSql = `
  WITH target AS (
    SELECT coalesce((SELECT merged_into FROM customers WHERE customer_id = $1), $1) AS id
  ), inserted AS (
    INSERT INTO timeline (interaction_id, customer_id, occurred_at, channel, direction, conversation_id,
      contact_kind, contact_value, summary, body_text, body_html, details, recorded_at)
    SELECT $2, target.id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13 FROM target
    ON CONFLICT (interaction_id) DO NOTHING RETURNING customer_id
  )
  UPDATE customers c SET interaction_count = c.interaction_count + 1,
    last_interaction_at = greatest(c.last_interaction_at, $3)
  FROM inserted WHERE c.customer_id = inserted.customer_id`;

async function recordInteraction(tx: SqlExecutor, data: InteractionData, recorded: RecordedEvent) {
  await ensureCustomer(tx, data.customerId, recorded.occurredAt);
  await tx.query(recordInteractionSql, [
    data.customerId,
    data.interactionId,
    recorded.occurredAt,
    data.details.channel,
    data.direction,
    data.conversationId,
    data.contact.kind,
    data.contact.value,
    data.summary,
    data.text,
    data.html,
    JSON.stringify(data.details),
    recorded.recordedAt,
  ]);
}

const recount = (tx: SqlExecutor, a: string, b: string) =>
  tx.query(
    `UPDATE customers s
        SET interaction_count = (SELECT count(*) FROM timeline t WHERE t.customer_id = s.customer_id),
            last_interaction_at = (SELECT max(occurred_at) FROM timeline t WHERE t.customer_id = s.customer_id)
      WHERE customer_id IN ($1, $2)`,
    [a, b],
  );

async function mergeCustomers(tx: SqlExecutor, survivorId: string, mergedId: string) {
  await tx.query('UPDATE timeline SET customer_id = $1 WHERE customer_id = $2', [survivorId, mergedId]);
  await tx.query('UPDATE customer_identifiers SET customer_id = $1 WHERE customer_id = $2', [survivorId, mergedId]);
  await recount(tx, survivorId, mergedId);
  await tx.query('UPDATE customers SET merged_into = $1 WHERE customer_id = $2', [survivorId, mergedId]);
  // The merged customer is found as the survivor, by its name too.
  await refreshSearchTexts(tx, [survivorId, mergedId]);
}

type UnmergeData = Extract<DomainEvent, { type: 'CustomersUnmerged' }>['data'];

/** What came from the restored customer goes back to it; what arrived after the merge stays. */
async function unmergeCustomers(tx: SqlExecutor, data: UnmergeData) {
  const { survivorId, restoredId } = data;
  await tx.query(
    `UPDATE timeline SET customer_id = $1
      WHERE customer_id = $2 AND interaction_id = ANY($3::text[])`,
    [restoredId, survivorId, data.interactionIds],
  );
  for (const identifier of data.identifiers) {
    await tx.query('UPDATE customer_identifiers SET customer_id = $1 WHERE kind = $2 AND value = $3', [
      restoredId,
      identifier.kind,
      identifier.value,
    ]);
  }
  await tx.query('UPDATE customers SET merged_into = NULL WHERE customer_id = $1', [restoredId]);
  await recount(tx, survivorId, restoredId);
  await refreshSearchTexts(tx, [survivorId, restoredId]);
}

async function eraseCustomer(tx: SqlExecutor, customerId: string, at: Date) {
  await tx.query('DELETE FROM timeline WHERE customer_id = $1', [customerId]);
  await tx.query('DELETE FROM customer_identifiers WHERE customer_id = $1', [customerId]);
  await tx.query('DELETE FROM merge_candidates WHERE customer_id = $1 OR candidate_id = $1', [customerId]);
  await tx.query(
    `UPDATE customers SET display_name = NULL, interaction_count = 0,
       last_interaction_at = NULL, erased_at = $2 WHERE customer_id = $1`,
    [customerId, at],
  );
  // Its terms go, and its name from the terms of a survivor it was merged into.
  await refreshSearchTexts(tx, [customerId]);
}
