import type { Resolution } from '@hub/customer-identity';
import {
  type Channel,
  type CustomerIdentifier,
  customerStream,
  type DomainEvent,
  type EventToAppend,
  encodeEvent,
} from '@hub/events';
import { conversationId, type NormalizedInteraction, uuidV5 } from '@hub/interactions';
import { PERSONAL_DATA_OF } from '@hub/personal-data';

/** Metadata key naming the raw payload an event was derived from (a sha256, not personal). */
export const RAW_PAYLOAD_ID = 'rawPayloadId';

export interface StreamAppend {
  readonly streamId: string;
  readonly events: EventToAppend[];
}

/**
 * The events one interaction produces, per customer stream. Every id derives from the interaction
 * id, so a redelivered message produces the very same events and the store drops them.
 */
export function interactionEvents(
  interaction: NormalizedInteraction,
  resolution: Resolution,
  policyName: string,
  rawPayloadId?: string,
): StreamAppend[] {
  const source: ContactSource = {
    id: interaction.id,
    occurredAt: interaction.occurredAt,
    channel: interaction.channel,
    identifiers: interaction.contact.identifiers,
    displayName: interaction.contact.displayName,
    interactionId: interaction.id,
  };
  return customerEvents(source, resolution, policyName, rawPayloadId, {
    type: 'InteractionRecorded',
    data: {
      interactionId: interaction.id,
      customerId: resolution.customerId,
      direction: interaction.direction,
      conversationId: conversationId(interaction.channel, interaction.threadKey),
      contact: interaction.contact.identifiers[0] ?? { kind: 'handle', value: 'unknown:unknown' },
      summary: interaction.summary,
      text: interaction.text,
      html: interaction.html,
      details: interaction.details,
    },
  });
}

/**
 * Who a customer was recognised from, when it is not an interaction (an order's buyer): `id` is
 * the source's own deterministic id (`order:<orderId>`), from which every event id derives.
 */
export interface ContactSource {
  readonly id: string;
  readonly occurredAt: string;
  readonly channel: Channel;
  readonly identifiers: readonly CustomerIdentifier[];
  readonly displayName: string | null;
  /** The interaction that revealed the identifiers; null for other sources. */
  readonly interactionId: string | null;
}

/** The customer events of a resolution without an interaction: registration, links, candidates, merges. */
export const contactEvents = (source: ContactSource, resolution: Resolution, policyName: string): StreamAppend[] =>
  customerEvents(source, resolution, policyName);

function customerEvents(
  source: ContactSource,
  resolution: Resolution,
  policyName: string,
  rawPayloadId?: string,
  recorded?: DomainEvent,
): StreamAppend[] {
  const { customerId } = resolution;
  const context = (type: string, n = 0) => ({
    id: uuidV5(`${source.id}:${type}:${n}`),
    occurredAt: new Date(source.occurredAt),
    correlationId: source.id,
    metadata: {
      [PERSONAL_DATA_OF]: customerId,
      channel: source.channel,
      ...(rawPayloadId ? { [RAW_PAYLOAD_ID]: rawPayloadId } : {}),
    },
  });
  const evidence = { interactionId: source.id, identifiers: [...source.identifiers] };
  const own: DomainEvent[] = [];
  if (resolution.isNewCustomer) {
    own.push({
      type: 'CustomerRegistered',
      data: { customerId, displayName: source.displayName, firstChannel: source.channel },
    });
  }
  for (const identifier of resolution.identifiersToLink) {
    own.push({
      type: 'CustomerIdentifierLinked',
      data: { customerId, identifier, interactionId: source.interactionId },
    });
  }
  if (recorded) own.push(recorded);
  if (resolution.otherOwners.length > 0 && resolution.mergedIds.length === 0) {
    own.push({
      type: 'MergeCandidateDetected',
      data: { customerId, candidateIds: [...resolution.otherOwners], evidence },
    });
  }
  const decidedBy = { kind: 'policy' as const, policy: policyName };
  const merges = resolution.mergedIds.map((mergedId) => ({
    type: 'CustomersMerged' as const,
    data: { survivorId: customerId, mergedId, evidence: [evidence], decidedBy },
  }));
  own.push(...merges);

  // Ids leave the customer out, so a redelivery after a merge moved the customer still meets the
  // same InteractionRecorded id (and the store refuses it as a duplicate) instead of a second copy.
  const counters = new Map<string, number>();
  const encode = (event: DomainEvent, owner: string, scope = '') => {
    const n = counters.get(scope + event.type) ?? 0;
    counters.set(scope + event.type, n + 1);
    const base = context(`${scope}${event.type}`, n);
    return encodeEvent(event, { ...base, metadata: { ...base.metadata, [PERSONAL_DATA_OF]: owner } });
  };
  return [
    { streamId: customerStream(customerId), events: own.map((e) => encode(e, customerId)) },
    // The merged customer's own stream says where it went, sealed with its own key.
    ...resolution.mergedIds.map((mergedId, i) => ({
      streamId: customerStream(mergedId),
      events: [encode(merges[i] as DomainEvent, mergedId, `${mergedId}:`)],
    })),
  ];
}
