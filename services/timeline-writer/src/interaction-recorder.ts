import { identifierKey, type MergePolicy, resolveIdentity } from '@hub/customer-identity';
import { HubError, isHubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import type { IdentityIndex } from '@hub/identity-index';
import { type NormalizedInteraction, uuidV5 } from '@hub/interactions';
import type { Logger } from '@hub/logger';
import { interactionEvents } from './interaction-events.ts';

export interface RecordOutcome {
  readonly customerId: string;
  /** Nothing was written: this interaction was recorded before (a redelivery). */
  readonly alreadyRecorded: boolean;
}

export interface InteractionRecorder {
  /** `rawPayloadId` names the raw payload the interaction was parsed from, for erasure. */
  record(interaction: NormalizedInteraction, rawPayloadId?: string): Promise<RecordOutcome>;
}

const POLICY_NAMES: Record<MergePolicy, string> = {
  review: 'review-shared-identifiers',
  auto: 'auto-merge-shared-identifiers',
};

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
  return {
    async record(interaction, rawPayloadId) {
      const identifiers = interaction.contact.identifiers;
      const newCustomerId = uuidV5(`customer:${interaction.id}`);
      let owners = await deps.index.owners(identifiers);
      let resolution = resolveIdentity({ identifiers, owners, newCustomerId, policy: deps.policy });
      // Claim what is to be linked. Another writer may have claimed one of them since we looked:
      // then decide again with the owners as they are now (a bounded number of times).
      for (let attempt = 1; resolution.identifiersToLink.length > 0; attempt++) {
        const claimed = await deps.index.claim(resolution.customerId, resolution.identifiersToLink);
        const lost = resolution.identifiersToLink.some((i) => claimed.get(identifierKey(i)) !== resolution.customerId);
        if (!lost) break;
        if (attempt === 3) throw new HubError('IDENTITY_CONTENTION', 'identifiers keep changing owner; retrying later');
        owners = new Map([...owners, ...claimed]);
        resolution = resolveIdentity({ identifiers, owners, newCustomerId, policy: deps.policy });
      }
      let alreadyRecorded = true;
      for (const { streamId, events } of interactionEvents(
        interaction,
        resolution,
        POLICY_NAMES[deps.policy],
        rawPayloadId,
      )) {
        try {
          const result = await deps.store.appendToStream(streamId, events, { expectedRevision: 'any' });
          alreadyRecorded &&= result.alreadyAppended;
        } catch (error) {
          // The interaction is already in another customer's stream (recorded before a merge moved it).
          if (!isHubError(error, 'DUPLICATE_EVENT_ID')) throw error;
          log.info({ interactionId: interaction.id, streamId }, 'interaction already recorded elsewhere');
        }
      }
      for (const mergedId of resolution.mergedIds) await deps.index.repoint(mergedId, resolution.customerId);
      if (alreadyRecorded) log.debug({ interactionId: interaction.id }, 'redelivered interaction: nothing written');
      return { customerId: resolution.customerId, alreadyRecorded };
    },
  };
}
