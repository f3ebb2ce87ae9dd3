import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { type CustomerIdentifier, customerStream, type DomainEvent, encodeEvent } from '@hub/events';
import type { IdentityIndex } from '@hub/identity-index';
import { PERSONAL_DATA_OF } from '@hub/personal-data';
import type { SqlExecutor } from '@hub/sql';
import { findCustomer } from '@hub/timeline';

export interface MergeDependencies {
  readonly store: EventStore;
  readonly index: IdentityIndex;
  readonly readModels: SqlExecutor;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** A merge or unmerge is told in both customers' streams, each sealed with its own key. */
async function recordInBoth(deps: MergeDependencies, event: DomainEvent, customerIds: readonly string[]) {
  for (const owner of customerIds) {
    await deps.store.appendToStream(customerStream(owner), [
      encodeEvent(event, { id: deps.newId(), occurredAt: deps.now(), metadata: { [PERSONAL_DATA_OF]: owner } }),
    ]);
  }
}

async function activeCustomer(deps: MergeDependencies, id: string) {
  const customer = await findCustomer(deps.readModels, id);
  if (!customer || customer.erased) throw new HubError('NOT_FOUND', `no customer ${id}`);
  return customer;
}

/** An agent decides two customers are one person: `mergedId`'s history joins `survivorId`'s. */
export async function mergeCustomers(deps: MergeDependencies, survivorId: string, mergedId: string, agentId: string) {
  if (survivorId === mergedId) throw new HubError('INVALID_INPUT', 'a customer cannot be merged into itself');
  const [survivor, merged] = [await activeCustomer(deps, survivorId), await activeCustomer(deps, mergedId)];
  if (survivor.mergedInto)
    throw new HubError('INVALID_INPUT', `customer ${survivorId} was merged into ${survivor.mergedInto}`);
  if (merged.mergedInto)
    throw new HubError('INVALID_INPUT', `customer ${mergedId} is already merged into ${merged.mergedInto}`);
  const data = { survivorId, mergedId, evidence: [], decidedBy: { kind: 'agent' as const, agentId } };
  await recordInBoth(deps, { type: 'CustomersMerged', data }, [mergedId, survivorId]);
  await deps.index.repoint(mergedId, survivorId);
}

/**
 * Undoes a merge. The restored customer's own stream says what came from it: the identifiers it
 * linked and the interactions recorded under it. Those go back; what arrived after the merge
 * stays with the survivor, where it was recorded.
 */
export async function unmergeCustomers(
  deps: MergeDependencies,
  survivorId: string,
  restoredId: string,
  request: { agentId: string; reason: string },
) {
  const restored = await activeCustomer(deps, restoredId);
  if (restored.mergedInto !== survivorId) {
    throw new HubError('NOT_FOUND', `customer ${restoredId} is not merged into ${survivorId}`);
  }
  const history = await deps.store.readStream(customerStream(restoredId));
  const identifiers: CustomerIdentifier[] = [];
  const interactionIds: string[] = [];
  for (const event of history) {
    const data = event.data as { customerId?: string; identifier?: CustomerIdentifier; interactionId?: string };
    if (data.customerId !== restoredId) continue;
    if (event.type === 'CustomerIdentifierLinked' && data.identifier) identifiers.push(data.identifier);
    if (event.type === 'InteractionRecorded' && data.interactionId) interactionIds.push(data.interactionId);
  }
  const data = {
    survivorId,
    restoredId,
    identifiers,
    interactionIds,
    reason: request.reason,
    decidedBy: { kind: 'agent' as const, agentId: request.agentId },
  };
  await recordInBoth(deps, { type: 'CustomersUnmerged', data }, [restoredId, survivorId]);
  await deps.index.reassign(restoredId, identifiers);
  return { identifiers: identifiers.length, interactions: interactionIds.length };
}
