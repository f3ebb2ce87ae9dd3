import { identifierKey, type Resolution } from '@hub/customer-identity';
import { isHubError } from '@hub/errors';
import type { AppendResult, EventStore } from '@hub/event-store';
import type { CustomerIdentifier } from '@hub/events';
import type { IdentifierClaim, IdentityIndex } from '@hub/identity-index';
import type { Logger } from '@hub/logger';
import type { StreamAppend } from './interaction-events.ts';
import type { RecordOutcome } from './interaction-recorder.ts';

/** What resolving a run of interactions (or of contacts) at once needs to know of one of them. */
export interface RunOf<Item> {
  identifiers(item: Item): readonly CustomerIdentifier[];
  provisionalId(item: Item): string;
  resolve(item: Item, owners: ReadonlyMap<string, string>, provisionalId: string): Resolution;
  appends(item: Item, resolution: Resolution): StreamAppend[];
  /** The item alone, as when it is not part of a run (with its retries). */
  one(item: Item): Promise<RecordOutcome>;
  /** Logged when a run falls back to one by one. */
  readonly fallback: { readonly what: string; readonly message: string };
}

interface Plan<Item> {
  readonly item: Item;
  readonly resolution: Resolution;
  readonly claims: IdentifierClaim[];
}

/**
 * What to claim. An identifier held by this item's own provisional id was claimed by an earlier
 * try that stopped before appending: the claim takes it over for the customer it resolves to now.
 */
export const claimsOf = (
  resolution: Resolution,
  owners: ReadonlyMap<string, string>,
  provisionalId: string,
): IdentifierClaim[] =>
  resolution.identifiersToLink.map((identifier: CustomerIdentifier) => ({
    customerId: resolution.customerId,
    identifier,
    ...(owners.get(identifierKey(identifier)) === provisionalId ? { takingOverFrom: provisionalId } : {}),
  }));

export const lostAny = (claims: readonly IdentifierClaim[], owners: ReadonlyMap<string, string>) =>
  claims.some((c) => owners.get(identifierKey(c.identifier)) !== c.customerId);

/**
 * Resolves items in order with the outcome resolving them one by one would give, a run at a time:
 * one look-up of the owners of all their identifiers, each resolved against those owners plus what
 * the run itself links, one claim, one multi-stream append. A run ends before an item that merges
 * customers, which goes alone; a run that loses a claim to another writer, or meets its events
 * recorded elsewhere, is done again one by one.
 */
export function runResolver(deps: { store: EventStore; index: IdentityIndex; log: Logger }) {
  const plan = async <Item>(items: readonly Item[], run: RunOf<Item>): Promise<Plan<Item>[]> => {
    const owners = await deps.index.owners(items.flatMap((item) => run.identifiers(item)));
    const known = new Map(owners);
    const plans: Plan<Item>[] = [];
    for (const item of items) {
      const provisionalId = run.provisionalId(item);
      const resolution = run.resolve(item, known, provisionalId);
      if (resolution.mergedIds.length > 0) break;
      plans.push({ item, resolution, claims: claimsOf(resolution, owners, provisionalId) });
      for (const identifier of resolution.identifiersToLink)
        known.set(identifierKey(identifier), resolution.customerId);
    }
    return plans;
  };

  /** Claims and appends a run at once; undefined when it must be done one by one instead. */
  const write = async <Item>(plans: readonly Plan<Item>[], run: RunOf<Item>): Promise<RecordOutcome[] | undefined> => {
    const claims = plans.flatMap((p) => p.claims);
    if (claims.length > 0 && lostAny(claims, await deps.index.claim(claims))) return undefined;
    // A known customer with nothing new to link has nothing to write (an empty entry would also
    // take the store's batch off its set-wise path).
    const appends = plans.map((p) => run.appends(p.item, p.resolution).filter((a) => a.events.length > 0));
    let results: AppendResult[];
    try {
      results = await deps.store.appendToStreams(
        appends.flat().map((a) => ({ ...a, expectedRevision: 'any' as const })),
      );
    } catch (error) {
      if (isHubError(error, 'DUPLICATE_EVENT_ID')) return undefined;
      throw error;
    }
    let next = 0;
    return plans.map((p, i) => {
      const start = next;
      next += appends[i]?.length ?? 0;
      const mine = results.slice(start, next);
      return { customerId: p.resolution.customerId, alreadyRecorded: mine.every((r) => r.alreadyAppended) };
    });
  };

  return async <Item>(items: readonly Item[], run: RunOf<Item>): Promise<RecordOutcome[]> => {
    const outcomes: RecordOutcome[] = [];
    for (let rest = items; rest.length > 0; ) {
      const plans = await plan(rest, run);
      const [first] = rest;
      if (plans.length === 0 && first !== undefined) {
        // The first one merges customers: alone, with the index repointed after it.
        outcomes.push(await run.one(first));
        rest = rest.slice(1);
        continue;
      }
      const written = await write(plans, run);
      if (written) outcomes.push(...written);
      else {
        deps.log.info({ [run.fallback.what]: plans.length }, run.fallback.message);
        for (const p of plans) outcomes.push(await run.one(p.item));
      }
      rest = rest.slice(plans.length);
    }
    return outcomes;
  };
}
