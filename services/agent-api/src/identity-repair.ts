import {
  type CountryCode,
  type CustomerCommand,
  type CustomerDirectory,
  type CustomerEvent,
  customerDecider,
  emptyCustomerDirectory,
  identifierKey,
  isCustomerEvent,
  type MergePolicy,
  planIdentityRepair,
  type RepairAction,
  recordCustomerEvent,
} from '@hub/customer-identity';
import { handleCommand, loadAggregate } from '@hub/decider';
import type { EventStore } from '@hub/event-store';
import { customerStream, decodeEvent, type EventContext, type GlobalPosition } from '@hub/events';
import type { IdentityIndex } from '@hub/identity-index';
import { uuidV5 } from '@hub/interactions';
import type { Logger } from '@hub/logger';
import { PERSONAL_DATA_OF } from '@hub/personal-data';

export interface IdentityRepairDependencies {
  /** The sealing store: the repair reads identifiers as the timeline does. */
  readonly store: EventStore;
  readonly index: Pick<IdentityIndex, 'claim' | 'repoint'>;
  /** `HUB_MERGE_POLICY`: `review` offers merge candidates, `auto` merges. */
  readonly policy: MergePolicy;
  /** `HUB_PHONE_REGION`, as the intake normalises national numbers. */
  readonly defaultPhoneRegion: CountryCode | undefined;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly pageSize?: number;
  /** How often progress is logged (5 s). */
  readonly progressEveryMs?: number;
}

export interface IdentityRepairResult {
  readonly events: number;
  readonly customers: number;
  readonly splitIdentifiers: number;
  readonly unnormalisable: number;
  readonly linked: number;
  readonly offered: number;
  readonly merged: number;
  /** Actions not applied: the normalised identifier was claimed by another customer meanwhile. */
  readonly skipped: number;
}

const ACTOR = 'system:identity-repair';

/**
 * `pnpm customers:repair-identities`: finds customers split by identifiers recorded before every
 * intake normalised them, and offers them as merge candidates (or merges them under the `auto`
 * policy) through the customer decider, never by rewriting history. Reads every customer stream
 * once, plans (`planIdentityRepair`), then applies each decision with ids derived from it, so a
 * run interrupted half-way and run again writes nothing twice; a second run finds nothing to do.
 */
export async function repairCustomerIdentities(deps: IdentityRepairDependencies): Promise<IdentityRepairResult> {
  const logger = deps.logger.child({ component: 'identity-repair' });
  const progress = throttle(deps.progressEveryMs ?? 5_000);
  const { directory, events } = await readCustomers(deps, (n, customers) =>
    progress(() => logger.info({ events: n, customers }, 'reading customer streams')),
  );
  const plan = planIdentityRepair(directory, { policy: deps.policy, defaultRegion: deps.defaultPhoneRegion });
  logger.info(
    {
      events,
      customers: directory.customers.size,
      splitIdentifiers: plan.splitIdentifiers,
      unnormalisable: plan.unnormalisable,
      actions: plan.actions.length,
      policy: deps.policy,
    },
    'customer streams read; applying the repair',
  );
  const counts = { linked: 0, offered: 0, merged: 0, skipped: 0 };
  for (const [done, action] of plan.actions.entries()) {
    const outcome = await apply(deps, action);
    counts[outcome] += outcome === 'offered' && action.kind === 'offer' ? action.candidateIds.length : 1;
    progress(() => logger.info({ done: done + 1, of: plan.actions.length, ...counts }, 'repairing identities'));
  }
  const result = {
    events,
    customers: directory.customers.size,
    splitIdentifiers: plan.splitIdentifiers,
    unnormalisable: plan.unnormalisable,
    ...counts,
  };
  logger.info(result, 'identity repair done');
  return result;
}

async function readCustomers(
  deps: IdentityRepairDependencies,
  onPage: (events: number, customers: number) => void,
): Promise<{ directory: CustomerDirectory; events: number }> {
  const directory = emptyCustomerDirectory();
  const pageSize = deps.pageSize ?? 1_000;
  let after: GlobalPosition | undefined;
  let events = 0;
  for (;;) {
    const page = await deps.store.readAll({
      maxCount: pageSize,
      filter: { streamPrefix: customerStream('') },
      ...(after ? { after } : {}),
    });
    for (const recorded of page) {
      const event = decodeEvent(recorded);
      if (isCustomerEvent(event)) recordCustomerEvent(directory, event);
    }
    events += page.length;
    onPage(events, directory.customers.size);
    const last = page.at(-1);
    if (!last || page.length < pageSize) return { directory, events };
    after = last.position;
  }
}

type Outcome = 'linked' | 'offered' | 'merged' | 'skipped';

async function apply(deps: IdentityRepairDependencies, action: RepairAction): Promise<Outcome> {
  switch (action.kind) {
    case 'link': {
      const { customerId, identifier } = action;
      // The identity index first: from here on the writer resolves the normalised spelling to them.
      const owners = await deps.index.claim([{ customerId, identifier }]);
      if (owners.get(identifierKey(identifier)) !== customerId) {
        deps.logger.warn({ customerId }, 'identity repair: the normalised identifier has another owner; not linked');
        return 'skipped';
      }
      await decide(deps, customerId, { kind: 'LinkIdentifier', identifier }, `link:${identifierKey(identifier)}`);
      return 'linked';
    }
    case 'offer': {
      const { customerId, candidateIds, evidence } = action;
      const command: CustomerCommand = { kind: 'RecordMergeCandidates', candidateIds, evidence };
      await decide(deps, customerId, command, `offer:${candidateIds.join(',')}`);
      return 'offered';
    }
    case 'merge': {
      const { survivorId, mergedId, evidence } = action;
      const decidedBy = { kind: 'policy' as const, policy: deps.policy };
      const absorb: CustomerCommand = { kind: 'AbsorbMerge', mergedId, evidence: [evidence], decidedBy };
      const mergeInto: CustomerCommand = { kind: 'MergeInto', survivorId, evidence: [evidence], decidedBy };
      // Both sides' rules hold before either is written, as for an agent's merge.
      const merged = await loadAggregate(
        deps.store,
        customerStream(mergedId),
        customerDecider(mergedId),
        isCustomerEvent,
      );
      customerDecider(mergedId).decide(mergeInto, merged.state);
      await decide(deps, survivorId, absorb, mergedId);
      await decide(deps, mergedId, mergeInto, survivorId);
      await deps.index.repoint(mergedId, survivorId);
      return 'merged';
    }
    default: {
      const unknown: never = action;
      throw new Error(`unknown repair action ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Decides one command on a customer's stream. Event ids derive from the decision and the revision
 * it was decided at: a rerun after a crash finds them written, a later repair (after an unmerge)
 * writes anew.
 */
async function decide(
  deps: IdentityRepairDependencies,
  customerId: string,
  command: CustomerCommand,
  detail: string,
): Promise<void> {
  const decider = customerDecider(customerId);
  const { revision } = await loadAggregate(deps.store, customerStream(customerId), decider, isCustomerEvent);
  const key = `identity-repair:${command.kind}:${customerId}:${detail}:${revision}`;
  const eventContext = (_event: CustomerEvent, index: number): EventContext => ({
    id: uuidV5(`${key}:${index}`),
    occurredAt: deps.now(),
    correlationId: uuidV5(key),
    metadata: { [PERSONAL_DATA_OF]: customerId, actor: ACTOR },
  });
  await handleCommand({
    store: deps.store,
    streamId: customerStream(customerId),
    decider,
    command,
    isEvent: isCustomerEvent,
    eventContext,
  });
}

function throttle(everyMs: number): (log: () => void) => void {
  let last = Date.now();
  return (log) => {
    if (Date.now() - last < everyMs) return;
    last = Date.now();
    log();
  };
}
