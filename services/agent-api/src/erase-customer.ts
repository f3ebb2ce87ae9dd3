import { randomUUID } from 'node:crypto';
import { purgeCustomerCases } from '@hub/cases';
import { type CustomerCommand, customerDecider, isCustomerEvent } from '@hub/customer-identity';
import { handleCommand } from '@hub/decider';
import { isHubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { customerStream, type RecordedEvent } from '@hub/events';
import type { IdentityIndex } from '@hub/identity-index';
import { decodeInteractionMessage, interactionLogKey } from '@hub/interactions';
import { purgeCustomerMessages } from '@hub/message-search';
import type { KeyStore } from '@hub/personal-data';
import type { SqlExecutor } from '@hub/sql';
import { erasureScope, interactionConcerns, mergeRelations, rawBytesConcern } from './erasure-scope.ts';

export interface ErasureDependencies {
  readonly store: EventStore;
  readonly keys: KeyStore;
  readonly index: IdentityIndex;
  readonly readModels: SqlExecutor;
  readonly rawPayloads: {
    deletePayloads(payloadIds: readonly string[]): Promise<number>;
    purgeParseFailures(concerns: (body: Buffer) => boolean): Promise<number>;
  };
  readonly attachments: { deleteAttachments(sha256s: readonly string[]): Promise<number> };
  /** The dead letters kept in the database (the in-process log's); Kafka's expire by retention. */
  readonly deadLetters: { purge(concerns: (message: { key: string; value: Buffer }) => boolean): Promise<number> };
  /** The interaction log's keys: to open dead letters and to match their partition keys. */
  readonly logKeys: { readonly transport: Buffer; readonly partition: Buffer };
  readonly now: () => Date;
}

export interface ErasureReport {
  readonly erasedIds: string[];
  readonly attachments: number;
  readonly parseFailures: number;
  readonly deadLetters: number;
}

/** The customer and everyone merged with it, either way: after a merge they are one person. */
async function mergedGroup(store: EventStore, customerId: string): Promise<Map<string, RecordedEvent[]>> {
  const histories = new Map<string, RecordedEvent[]>();
  const pending = [customerId];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (histories.has(id)) continue;
    const history = await store.readStream(customerStream(id));
    histories.set(id, history);
    const { survivor, merged } = mergeRelations(id, history);
    pending.push(...(survivor ? [survivor] : []), ...merged);
  }
  return histories;
}

type Erase = Extract<CustomerCommand, { kind: 'Erase' }>;

/** Decides and appends CustomerErased on one customer's stream (no seen revision: a system retry decides again). */
const recordErasure = (store: EventStore, customerId: string, command: Erase, at: Date) =>
  handleCommand({
    store,
    streamId: customerStream(customerId),
    decider: customerDecider(customerId),
    command,
    isEvent: isCustomerEvent,
    eventContext: () => ({ id: randomUUID(), occurredAt: at, metadata: { actor: command.requestedBy } }),
  });

/**
 * Right to be forgotten, for the customer and every customer merged with it (its survivor, and
 * those merged into either). While their events still open, gathers what they hold; then the
 * customer decider decides (an unknown or already erased customer is refused, nothing destroyed)
 * and CustomerErased is recorded for each, naming who asked, which purges the read models; then
 * their identifiers move to a keyed-hash tombstone (old copies redriven later are dropped); their
 * data keys are destroyed, so every sealed field of theirs reads as redacted in every copy; and
 * their raw payloads, attachments, and the parse failures and dead letters that name them are
 * deleted.
 */
export async function eraseCustomer(
  deps: ErasureDependencies,
  customerId: string,
  request: { requestedBy: string; reason: string | null },
): Promise<ErasureReport> {
  const group = await mergedGroup(deps.store, customerId);
  // Merges the projection knows of but the stream may not (recorded before merges were told in both).
  const merged = await deps.readModels.query<{ customer_id: string }>(
    'SELECT customer_id FROM read_models.customers WHERE merged_into = $1',
    [customerId],
  );
  for (const { customer_id } of merged) {
    if (!group.has(customer_id)) group.set(customer_id, await deps.store.readStream(customerStream(customer_id)));
  }
  const scope = erasureScope(group);
  const at = deps.now();

  const erase: Erase = { kind: 'Erase', requestedBy: request.requestedBy, reason: request.reason };
  await recordErasure(deps.store, customerId, erase, at);
  for (const id of scope.customerIds) {
    if (id === customerId) continue;
    try {
      await recordErasure(deps.store, id, erase, at);
    } catch (error) {
      // Already erased (an earlier erasure stopped half way) or never recorded: nothing to decide.
      if (!isHubError(error, 'NOT_FOUND')) throw error;
    }
  }

  // First what lets the writer record them again (the index) and what opens their events (the keys).
  for (const id of scope.customerIds) {
    await deps.index.forget(id, { at, interactionIds: scope.interactionIds });
    await deps.keys.destroy(id);
  }
  await deps.rawPayloads.deletePayloads(scope.rawPayloadIds);
  const attachments = await deps.attachments.deleteAttachments(scope.attachmentIds);
  const parseFailures = await deps.rawPayloads.purgeParseFailures(rawBytesConcern(scope));
  const concerns = interactionConcerns(scope);
  const logKeys = new Set(scope.identifiers.map((i) => interactionLogKey(i, deps.logKeys.partition)));
  const deadLetters = await deps.deadLetters.purge((message) => {
    if (logKeys.has(message.key)) return true;
    try {
      return concerns(decodeInteractionMessage(message.value, deps.logKeys.transport).interaction);
    } catch {
      return false; // not an interaction message: nothing of the customer to find in it
    }
  });
  await purgeConversations(deps.readModels, scope.customerIds);
  // Their cases' rows (subjects, descriptions, notes); the case streams stay, sealed with the
  // destroyed keys, so a rebuild shows them redacted.
  await purgeCustomerCases(deps.readModels, scope.customerIds);
  // Their messages' text in the search index: gone now, not when the projection reaches the erasure.
  await purgeCustomerMessages(deps.readModels, [...scope.customerIds]);
  return { erasedIds: [...scope.customerIds], attachments, parseFailures, deadLetters };
}

/**
 * Their conversations' read rows (subjects, notes) and thread index. The conversation streams stay,
 * sealed with the destroyed keys: a rebuild of the inbox shows them redacted.
 */
async function purgeConversations(db: SqlExecutor, customerIds: readonly string[]): Promise<void> {
  const ids = [...customerIds];
  await db.query(
    `DELETE FROM read_models.conversation_items WHERE conversation_id IN
       (SELECT conversation_id FROM read_models.conversations WHERE customer_id = ANY($1::text[]))`,
    [ids],
  );
  await db.query(`DELETE FROM read_models.conversations WHERE customer_id = ANY($1::text[])`, [ids]);
  await db.query(
    `DELETE FROM workspace.thread_keys WHERE conversation_id IN
       (SELECT conversation_id FROM workspace.linked_conversations WHERE customer_id = ANY($1::text[]))`,
    [ids],
  );
  await db.query(`DELETE FROM workspace.linked_conversations WHERE customer_id = ANY($1::text[])`, [ids]);
}
