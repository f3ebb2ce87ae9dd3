import { type CustomerCommand, type CustomerEvent, customerDecider, isCustomerEvent } from '@hub/customer-identity';
import { handleCommand, loadAggregate } from '@hub/decider';
import type { EventStore } from '@hub/event-store';
import { customerStream, type DecidedBy, type EventContext } from '@hub/events';
import type { IdentityIndex } from '@hub/identity-index';
import { uuidV5 } from '@hub/interactions';
import { PERSONAL_DATA_OF } from '@hub/personal-data';

export interface MergeDependencies {
  readonly store: EventStore;
  readonly index: Pick<IdentityIndex, 'repoint' | 'reassign'>;
  readonly now: () => Date;
}

export interface AgentDecision {
  readonly agentId: string;
  /**
   * The survivor's revision the agent saw when deciding. When the survivor changed since, nothing
   * is written and WRONG_EXPECTED_REVISION (409) carries its current state.
   */
  readonly seenRevision?: number | undefined;
}

const load = (store: EventStore, customerId: string) =>
  loadAggregate(store, customerStream(customerId), customerDecider(customerId), isCustomerEvent);

/**
 * Decides and appends one side of a decision. Ids derive from the decision, so a retry (or the
 * same request racing itself) finds its events already there instead of writing them twice.
 */
function decideOn(
  deps: MergeDependencies,
  customerId: string,
  command: CustomerCommand,
  decision: { key: string; side: string; actor: string; seenRevision?: number | undefined },
) {
  const eventContext = (_event: CustomerEvent, index: number): EventContext => ({
    id: uuidV5(`${decision.key}:${decision.side}:${index}`),
    occurredAt: deps.now(),
    correlationId: uuidV5(decision.key),
    // Each side is sealed with its own customer's key: erasing one never opens the other.
    metadata: { [PERSONAL_DATA_OF]: customerId, actor: decision.actor },
  });
  return handleCommand({
    store: deps.store,
    streamId: customerStream(customerId),
    decider: customerDecider(customerId),
    command,
    isEvent: isCustomerEvent,
    eventContext,
    ...(decision.seenRevision === undefined ? {} : { seenRevision: decision.seenRevision }),
  });
}

/** The agent's seen revision holds while the survivor still has to change: a retry of a done decision is not stale. */
const seenUnlessDone = (done: boolean, seen: number | undefined) => (done ? undefined : seen);

/**
 * An agent decides two customers are one person: `mergedId`'s history joins `survivorId`'s. Both
 * sides' rules are checked before either is written; then the survivor (at the revision the agent
 * saw), then the merged customer, each at the revision read; then the identity index follows.
 */
export async function mergeCustomers(
  deps: MergeDependencies,
  survivorId: string,
  mergedId: string,
  request: AgentDecision,
) {
  const decidedBy: DecidedBy = { kind: 'agent', agentId: request.agentId };
  const absorb: CustomerCommand = { kind: 'AbsorbMerge', mergedId, evidence: [], decidedBy };
  const mergeInto: CustomerCommand = { kind: 'MergeInto', survivorId, evidence: [], decidedBy };
  const [survivor, merged] = [await load(deps.store, survivorId), await load(deps.store, mergedId)];
  customerDecider(survivorId).decide(absorb, survivor.state);
  customerDecider(mergedId).decide(mergeInto, merged.state);

  const key = `merge:${survivorId}:${mergedId}:${merged.revision}`;
  const actor = `agent:${request.agentId}`;
  const done = survivor.state.mergedIds.includes(mergedId);
  const seenRevision = seenUnlessDone(done, request.seenRevision);
  const survivorResult = await decideOn(deps, survivorId, absorb, { key, side: 'survivor', actor, seenRevision });
  await decideOn(deps, mergedId, mergeInto, { key, side: 'merged', actor });
  await deps.index.repoint(mergedId, survivorId);
  return { revision: survivorResult.revision };
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
  request: AgentDecision & { reason: string },
) {
  const decidedBy: DecidedBy = { kind: 'agent', agentId: request.agentId };
  const leave: CustomerCommand = { kind: 'Unmerge', side: 'restored', survivorId, reason: request.reason, decidedBy };
  const [survivor, restored] = [await load(deps.store, survivorId), await load(deps.store, restoredId)];
  // The restored side decides what goes back; the survivor records the same.
  const [decided] = customerDecider(restoredId).decide(leave, restored.state);
  const returned =
    decided?.type === 'CustomersUnmerged' ? decided.data : { identifiers: [], interactionIds: [] as string[] };
  const release: CustomerCommand = {
    kind: 'Unmerge',
    side: 'survivor',
    restoredId,
    returned,
    reason: request.reason,
    decidedBy,
  };
  customerDecider(survivorId).decide(release, survivor.state);

  const key = `unmerge:${survivorId}:${restoredId}:${restored.revision}`;
  const actor = `agent:${request.agentId}`;
  const done = !survivor.state.mergedIds.includes(restoredId);
  const seenRevision = seenUnlessDone(done, request.seenRevision);
  const survivorResult = await decideOn(deps, survivorId, release, { key, side: 'survivor', actor, seenRevision });
  const restoredResult = await decideOn(deps, restoredId, leave, { key, side: 'restored', actor });
  const [undone] = restoredResult.events;
  const given = undone?.type === 'CustomersUnmerged' ? undone.data : returned;
  await deps.index.reassign(restoredId, given.identifiers);
  return {
    identifiers: given.identifiers.length,
    interactions: given.interactionIds.length,
    revision: survivorResult.revision,
  };
}
