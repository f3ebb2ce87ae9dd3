import { isReplayOfErased, type MergePolicy, type Resolution, resolveIdentity } from '@hub/customer-identity';
import { HubError, isHubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import type { Channel, CustomerIdentifier } from '@hub/events';
import type { IdentityIndex } from '@hub/identity-index';
import { type NormalizedInteraction, uuidV5 } from '@hub/interactions';
import type { Logger } from '@hub/logger';
import { contactEvents, interactionEvents, type StreamAppend } from './interaction-events.ts';
import { claimsOf, lostAny, type RunOf, runResolver } from './resolution-runs.ts';

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
  /**
   * Resolves contacts in order (an import's buyers), with the customers resolving them one by one
   * would give, but, as `recordAll`, with one identity look-up, one claim and one multi-stream
   * append per run of them. A run ends before a contact that merges customers, resolved on its own.
   */
  resolveContacts(contacts: readonly ContactToResolve[]): Promise<RecordOutcome[]>;
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

/** The id a new customer gets: derived from the interaction, so a retry makes the same one. */
const provisionalCustomerId = (interaction: NormalizedInteraction) => uuidV5(`customer:${interaction.id}`);

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
    const resolution = await resolveAndClaim(contact.identifiers, contactRun.provisionalId(contact), (o, id) =>
      contactRun.resolve(contact, o, id),
    );
    return appendResolved(contact.sourceId, resolution, contactRun.appends(contact, resolution));
  };

  const inRuns = runResolver({ store: deps.store, index: deps.index, log });

  const interactionRun: RunOf<InteractionToRecord> = {
    identifiers: (item) => item.interaction.contact.identifiers,
    provisionalId: (item) => provisionalCustomerId(item.interaction),
    resolve: (item, owners, provisionalId) => resolve(item.interaction, owners, provisionalId),
    appends: (item, resolution) => interactionEvents(item.interaction, resolution, policyName, item.rawPayloadId),
    one: (item) => record(item.interaction, item.rawPayloadId, item.receivedAt),
    fallback: {
      what: 'interactions',
      message: 'a claim was lost to another writer or an interaction was recorded elsewhere; recording one by one',
    },
  };

  const contactRun: RunOf<ContactToResolve> = {
    identifiers: (contact) => contact.identifiers,
    provisionalId: (contact) => uuidV5(`customer:${contact.sourceId}`),
    resolve: (contact, owners, provisionalId) =>
      resolveIdentity({ identifiers: contact.identifiers, owners, newCustomerId: provisionalId, policy: deps.policy }),
    appends: (contact, resolution) =>
      contactEvents({ ...contact, interactionId: null, id: contact.sourceId }, resolution, policyName),
    one: (contact) => resolveContact(contact),
    fallback: {
      what: 'contacts',
      message: "a claim was lost to another writer or a contact's events were recorded elsewhere; resolving one by one",
    },
  };

  return {
    record,
    resolveContact,
    resolveContacts: (contacts) => inRuns(contacts, contactRun),
    async recordAll(all) {
      const erased = await erasedAmong(all);
      const outcomes = await inRuns(
        all.filter((item) => !erased.has(item)),
        interactionRun,
      );
      if (erased.size === 0) return outcomes;
      let next = 0;
      return all.map((item) => (erased.has(item) ? droppedAsErased : (outcomes[next++] as RecordOutcome)));
    },
  };
}
