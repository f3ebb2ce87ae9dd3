import {
  identifierKey,
  isReplayOfErased,
  type MergePolicy,
  type Resolution,
  resolveIdentity,
} from '@hub/customer-identity';
import { HubError, isHubError } from '@hub/errors';
import type { AppendResult, EventStore } from '@hub/event-store';
import type { Channel, CustomerIdentifier } from '@hub/events';
import type { IdentifierClaim, IdentityIndex } from '@hub/identity-index';
import { type NormalizedInteraction, uuidV5 } from '@hub/interactions';
import type { Logger } from '@hub/logger';
import { contactEvents, interactionEvents, type StreamAppend } from './interaction-events.ts';

export interface RecordOutcome {
  /** Empty when the interaction was dropped as an old copy of an erased person's data. */
  readonly customerId: string;
  /** Nothing was written: this interaction was recorded before (a redelivery), or erased since. */
  readonly alreadyRecorded: boolean;
  /** Nothing was written: it names an erased identifier and was received before that erasure. */
  readonly erased?: true;
}

export interface InteractionToRecord {
  readonly interaction: NormalizedInteraction;
  /** Names the raw payload the interaction was parsed from, for erasure. */
  readonly rawPayloadId?: string | undefined;
  /** When the hub received it (ISO 8601); the interaction's own time when unknown. */
  readonly receivedAt?: string | undefined;
}

export interface InteractionRecorder {
  record(interaction: NormalizedInteraction, rawPayloadId?: string, receivedAt?: string): Promise<RecordOutcome>;
  /**
   * Records interactions in order, with the outcome recording them one by one would have, but
   * with one identity look-up, one claim and one multi-stream append per run of them. A run ends
   * before an interaction that merges customers, which is recorded on its own.
   */
  recordAll(items: readonly InteractionToRecord[]): Promise<RecordOutcome[]>;
  /**
   * Who a contact outside the interaction log is (an order's buyer), by the very resolution an
   * interaction gets: a known identifier's owner (the survivor after a merge), else a new customer
   * registered as the writer registers one, its identifiers claimed and linked; merges and merge
   * candidates by the same policy. Every id derives from `sourceId`, so a retry writes nothing twice.
   */
  resolveContact(contact: ContactToResolve): Promise<RecordOutcome>;
}

export interface ContactToResolve {
  /** Deterministic and unique to the source: `order:<orderId>`. */
  readonly sourceId: string;
  /** Normalised (`normalizeIdentifier`), the strongest first. */
  readonly identifiers: readonly CustomerIdentifier[];
  readonly occurredAt: string;
  readonly channel: Channel;
  readonly displayName: string | null;
}

const POLICY_NAMES: Record<MergePolicy, string> = {
  review: 'review-shared-identifiers',
  auto: 'auto-merge-shared-identifiers',
};

interface Plan {
  readonly item: InteractionToRecord;
  readonly resolution: Resolution;
  readonly claims: IdentifierClaim[];
}

/** The id a new customer gets: derived from the interaction, so a retry makes the same one. */
const provisionalCustomerId = (interaction: NormalizedInteraction) => uuidV5(`customer:${interaction.id}`);

/**
 * What to claim. An identifier held by this interaction's own provisional id was claimed by an
 * earlier try that stopped before appending: the claim takes it over for the customer it resolves to now.
 */
const claimsOf = (
  resolution: Resolution,
  owners: ReadonlyMap<string, string>,
  provisionalId: string,
): IdentifierClaim[] =>
  resolution.identifiersToLink.map((identifier: CustomerIdentifier) => ({
    customerId: resolution.customerId,
    identifier,
    ...(owners.get(identifierKey(identifier)) === provisionalId ? { takingOverFrom: provisionalId } : {}),
  }));

const lostAny = (claims: readonly IdentifierClaim[], owners: ReadonlyMap<string, string>) =>
  claims.some((c) => owners.get(identifierKey(c.identifier)) !== c.customerId);

/**
 * Resolves who an interaction is from and appends it to that customer's stream. Claims come first,
 * so concurrent writers agree on one owner per identifier; the append is idempotent by event id,
 * so a redelivery (a writer killed between append and offset commit) records nothing twice.
 */
export function createInteractionRecorder(deps: {
  store: EventStore;
  index: IdentityIndex;
  policy: MergePolicy;
  logger: Logger;
}): InteractionRecorder {
  const log = deps.logger.child({ component: 'interaction-recorder' });
  const policyName = POLICY_NAMES[deps.policy];
  const resolve = (interaction: NormalizedInteraction, owners: ReadonlyMap<string, string>, provisionalId: string) =>
    resolveIdentity({
      identifiers: interaction.contact.identifiers,
      owners,
      newCustomerId: provisionalId,
      policy: deps.policy,
      // Someone's word is never enough: anyone can type a customer's email into a chat. What the
      // visitor named (all but the primary identifier, their own handle) is only evidence.
      ...(interaction.contact.unverifiedClaim ? { unverified: interaction.contact.identifiers.slice(1) } : {}),
    });

  /** The items that are old copies of erased data (a redrive, a replay): they are not recorded. */
  const erasedAmong = async (items: readonly InteractionToRecord[]): Promise<Set<InteractionToRecord>> => {
    const tombstones = await deps.index.erasures(
      items.flatMap((i) => i.interaction.contact.identifiers),
      items.map((i) => i.interaction.id),
    );
    if (tombstones.identifiers.size === 0 && tombstones.interactionIds.size === 0) return new Set();
    return new Set(
      items.filter(({ interaction, receivedAt }) => {
        const erased = isReplayOfErased({
          interactionId: interaction.id,
          identifiers: interaction.contact.identifiers,
          receivedAt: new Date(receivedAt ?? interaction.occurredAt),
          erasedIdentifiers: tombstones.identifiers,
          erasedInteractionIds: tombstones.interactionIds,
        });
        if (erased) log.info({ interactionId: interaction.id }, 'old copy of erased personal data: not recorded');
        return erased;
      }),
    );
  };
  const droppedAsErased: RecordOutcome = { customerId: '', alreadyRecorded: true, erased: true };

  const record = async (
    interaction: NormalizedInteraction,
    rawPayloadId?: string,
    receivedAt?: string,
  ): Promise<RecordOutcome> => {
    if ((await erasedAmong([{ interaction, receivedAt }])).size > 0) return droppedAsErased;
    const resolution = await resolveAndClaim(
      interaction.contact.identifiers,
      provisionalCustomerId(interaction),
      (o, id) => resolve(interaction, o, id),
    );
    return appendResolved(
      interaction.id,
      resolution,
      interactionEvents(interaction, resolution, policyName, rawPayloadId),
    );
  };

  /**
   * Resolves against the index and claims what is to be linked. Another writer may have claimed
   * one of them since we looked: then decide again with the owners as they are now (a bounded
   * number of times).
   */
  const resolveAndClaim = async (
    identifiers: readonly CustomerIdentifier[],
    provisionalId: string,
    decide: (owners: ReadonlyMap<string, string>, provisionalId: string) => Resolution,
  ): Promise<Resolution> => {
    let owners = await deps.index.owners(identifiers);
    let resolution = decide(owners, provisionalId);
    for (let attempt = 1; resolution.identifiersToLink.length > 0; attempt++) {
      const claims = claimsOf(resolution, owners, provisionalId);
      const claimed = await deps.index.claim(claims);
      if (!lostAny(claims, claimed)) break;
      if (attempt === 3) throw new HubError('IDENTITY_CONTENTION', 'identifiers keep changing owner; retrying later');
      owners = new Map([...owners, ...claimed]);
      resolution = decide(owners, provisionalId);
    }
    return resolution;
  };

  /** Appends a resolution's events (idempotent by id) and repoints the index after a merge. */
  const appendResolved = async (
    sourceId: string,
    resolution: Resolution,
    appends: readonly StreamAppend[],
  ): Promise<RecordOutcome> => {
    let alreadyRecorded = true;
    for (const { streamId, events } of appends) {
      try {
        const result = await deps.store.appendToStream(streamId, events, { expectedRevision: 'any' });
        alreadyRecorded &&= result.alreadyAppended;
      } catch (error) {
        // The interaction is already in another customer's stream (recorded before a merge moved it).
        if (!isHubError(error, 'DUPLICATE_EVENT_ID')) throw error;
        log.info({ interactionId: sourceId, streamId }, 'interaction already recorded elsewhere');
      }
    }
    for (const mergedId of resolution.mergedIds) await deps.index.repoint(mergedId, resolution.customerId);
    if (alreadyRecorded) log.debug({ interactionId: sourceId }, 'redelivered interaction: nothing written');
    return { customerId: resolution.customerId, alreadyRecorded };
  };

  const resolveContact = async (contact: ContactToResolve): Promise<RecordOutcome> => {
    const source = { ...contact, interactionId: null };
    const resolution = await resolveAndClaim(contact.identifiers, uuidV5(`customer:${contact.sourceId}`), (o, id) =>
      resolveIdentity({ identifiers: contact.identifiers, owners: o, newCustomerId: id, policy: deps.policy }),
    );
    return appendResolved(
      contact.sourceId,
      resolution,
      contactEvents({ ...source, id: contact.sourceId }, resolution, policyName),
    );
  };

  /** Resolves a run of interactions against the index as it is plus what the run itself links. */
  const plan = async (items: readonly InteractionToRecord[]): Promise<Plan[]> => {
    const owners = await deps.index.owners(items.flatMap((i) => i.interaction.contact.identifiers));
    const known = new Map(owners);
    const plans: Plan[] = [];
    for (const item of items) {
      const provisionalId = provisionalCustomerId(item.interaction);
      const resolution = resolve(item.interaction, known, provisionalId);
      if (resolution.mergedIds.length > 0) break;
      plans.push({ item, resolution, claims: claimsOf(resolution, owners, provisionalId) });
      for (const identifier of resolution.identifiersToLink)
        known.set(identifierKey(identifier), resolution.customerId);
    }
    return plans;
  };

  /** Claims and appends a run at once; undefined when it must be done one by one instead. */
  const write = async (plans: readonly Plan[]): Promise<RecordOutcome[] | undefined> => {
    const claims = plans.flatMap((p) => p.claims);
    if (claims.length > 0 && lostAny(claims, await deps.index.claim(claims))) return undefined;
    const appends = plans.map((p) =>
      interactionEvents(p.item.interaction, p.resolution, policyName, p.item.rawPayloadId),
    );
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

  const recordEach = async (items: readonly InteractionToRecord[]) => {
    const outcomes: RecordOutcome[] = [];
    for (const { interaction, rawPayloadId, receivedAt } of items)
      outcomes.push(await record(interaction, rawPayloadId, receivedAt));
    return outcomes;
  };

  return {
    record,
    resolveContact,
    async recordAll(all) {
      const erased = await erasedAmong(all);
      const items = all.filter((item) => !erased.has(item));
      const outcomes: RecordOutcome[] = [];
      for (let rest = items; rest.length > 0; ) {
        const plans = await plan(rest);
        if (plans.length === 0) {
          // The first interaction merges customers: alone, with the index repointed after it.
          outcomes.push(...(await recordEach(rest.slice(0, 1))));
          rest = rest.slice(1);
          continue;
        }
        const written = await write(plans);
        if (!written) {
          log.info(
            { interactions: plans.length },
            'a claim was lost to another writer or an interaction was recorded elsewhere; recording one by one',
          );
        }
        outcomes.push(...(written ?? (await recordEach(plans.map((p) => p.item)))));
        rest = rest.slice(plans.length);
      }
      if (erased.size === 0) return outcomes;
      let next = 0;
      return all.map((item) => (erased.has(item) ? droppedAsErased : (outcomes[next++] as RecordOutcome)));
    },
  };
}
