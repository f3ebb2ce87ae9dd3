import { identifierKey, toAsciiDigits } from '@hub/customer-identity';
import type { CustomerIdentifier, RecordedEvent } from '@hub/events';

/** Everything an erasure must reach, gathered from the erased customers' events while they still open. */
export interface ErasureScope {
  readonly customerIds: readonly string[];
  readonly interactionIds: readonly string[];
  readonly identifiers: readonly CustomerIdentifier[];
  readonly rawPayloadIds: readonly string[];
  readonly attachmentIds: readonly string[];
}

interface Relations {
  survivor: string | undefined;
  merged: Set<string>;
}

/**
 * Whom a customer is merged with now, from its own stream (both sides of a merge record it). The
 * stream, not the read model, because the projection may not have caught up with a merge yet.
 */
export function mergeRelations(customerId: string, history: readonly RecordedEvent[]): Relations {
  const relations: Relations = { survivor: undefined, merged: new Set() };
  for (const event of history) {
    const data = event.data as { survivorId?: string; mergedId?: string; restoredId?: string };
    if (event.type === 'CustomersMerged' && data.mergedId === customerId) relations.survivor = data.survivorId;
    if (event.type === 'CustomersMerged' && data.survivorId === customerId && data.mergedId)
      relations.merged.add(data.mergedId);
    if (event.type === 'CustomersUnmerged' && data.restoredId === customerId) relations.survivor = undefined;
    if (event.type === 'CustomersUnmerged' && data.survivorId === customerId && data.restoredId)
      relations.merged.delete(data.restoredId);
  }
  return relations;
}

/** Attachments are named by their sha256 wherever a channel's details describe files. */
function attachmentIdsIn(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) attachmentIdsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [name, inner] of Object.entries(value)) {
      if (name === 'sha256' && typeof inner === 'string' && /^[0-9a-f]{64}$/.test(inner)) found.add(inner);
      else attachmentIdsIn(inner, found);
    }
  }
}

/** What the customers' own events say they hold: identifiers, interactions, payloads, files. */
export function erasureScope(histories: ReadonlyMap<string, readonly RecordedEvent[]>): ErasureScope {
  const interactionIds = new Set<string>();
  const identifiers = new Map<string, CustomerIdentifier>();
  const rawPayloadIds = new Set<string>();
  const attachmentIds = new Set<string>();
  for (const [customerId, history] of histories) {
    for (const event of history) {
      const payloadId = event.metadata.rawPayloadId;
      if (typeof payloadId === 'string') rawPayloadIds.add(payloadId);
      const data = event.data as { customerId?: string; identifier?: CustomerIdentifier; interactionId?: string };
      if (data.customerId !== customerId) continue;
      if (event.type === 'CustomerIdentifierLinked' && data.identifier)
        identifiers.set(identifierKey(data.identifier), data.identifier);
      if (event.type === 'InteractionRecorded' && data.interactionId) {
        interactionIds.add(data.interactionId);
        attachmentIdsIn((event.data as { details?: unknown }).details, attachmentIds);
      }
    }
  }
  return {
    customerIds: [...histories.keys()],
    interactionIds: [...interactionIds],
    identifiers: [...identifiers.values()],
    rawPayloadIds: [...rawPayloadIds],
    attachmentIds: [...attachmentIds],
  };
}

/** Whether an interaction (a dead letter's) is the erased person's: theirs by id or by identifier. */
export function interactionConcerns(
  scope: ErasureScope,
): (interaction: { id: string; contact: { identifiers: readonly CustomerIdentifier[] } }) => boolean {
  const ids = new Set(scope.interactionIds);
  const keys = new Set(scope.identifiers.map(identifierKey));
  return (interaction) =>
    ids.has(interaction.id) || interaction.contact.identifiers.some((i) => keys.has(identifierKey(i)));
}

/**
 * Whether raw bytes nobody could parse name the erased person: an email address (any case), a
 * phone number's digits (separators ignored, with or without the country code), or a handle's
 * id. Generous on purpose: a parse failure wrongly deleted is a lesser harm than one kept.
 */
export function rawBytesConcern(scope: ErasureScope): (body: Buffer) => boolean {
  const texts: string[] = [];
  const digitRuns: string[] = [];
  for (const { kind, value } of scope.identifiers) {
    if (kind === 'email') texts.push(value.toLowerCase());
    if (kind === 'phone') digitRuns.push(value.replace(/\D/g, '').slice(-9));
    if (kind === 'handle') {
      const id = value.slice(value.indexOf(':') + 1).toLowerCase();
      if (id.length >= 5) texts.push(id);
    }
  }
  return (body) => {
    const text = toAsciiDigits(body.toString('utf8')).toLowerCase();
    if (texts.some((t) => text.includes(t))) return true;
    if (digitRuns.length === 0) return false;
    const digits = text.replace(/[\s\-().\u200c]/g, '');
    return digitRuns.some((run) => run.length >= 7 && digits.includes(run));
  };
}
