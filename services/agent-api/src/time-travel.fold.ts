import {
  type CustomerIdentifier,
  comparePositions,
  type DomainEvent,
  decodeEvent,
  type RecordedEvent,
} from '@hub/events';
import type { TimelineEntry } from '@hub/timeline';

/** One customer's row as the timeline projection would have had it at the instant. */
export interface CustomerAt {
  readonly id: string;
  displayName: string | null;
  firstChannel: string | null;
  createdAt: Date;
  mergedInto: string | null;
  erased: boolean;
}

interface IdentifierAt extends CustomerIdentifier {
  owner: string;
  /** Whose stream linked it: whose key sealed it, so whose erasure removes it. */
  readonly origin: string;
}

interface EntryAt extends TimelineEntry {
  owner: string;
  readonly origin: string;
}

/** A merge candidate as the writer detected it: `customerId`'s interaction also named `candidateId`. */
export interface CandidateAt {
  readonly customerId: string;
  readonly candidateId: string;
  readonly interactionId: string;
  readonly detectedAt: string;
}

/** What the customers' streams, cut at an instant, say: the timeline read model of those customers then. */
export interface CustomersAt {
  customer(id: string): CustomerAt | undefined;
  /** The customer that stood for `id` then: itself, or the survivor it was merged into (followed to the end). */
  survivorOf(id: string): string;
  /** The survivor and everyone merged into it then, the survivor first. */
  groupOf(survivorId: string): string[];
  identifiersOf(id: string): { kind: string; value: string }[];
  /** The customer's timeline then, newest first (by when it happened, then by id). */
  timelineOf(id: string): TimelineEntry[];
  /** Merge candidates the group's own streams recorded, newest first. */
  candidatesOf(ids: readonly string[]): CandidateAt[];
}

const identifierKey = (i: CustomerIdentifier) => `${i.kind}\u0000${i.value}`;

/** Only what had been recorded by the instant: the store's recorded time, not the event's own. */
export const recordedBy = (history: readonly RecordedEvent[], asOf: Date): RecordedEvent[] =>
  history.filter((event) => event.recordedAt.getTime() <= asOf.getTime());

const newestFirst = (a: TimelineEntry, b: TimelineEntry) =>
  Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.interactionId < b.interactionId ? 1 : -1);

/**
 * Folds customer streams (each already cut at the instant) in the store's global order, applying
 * each event as `@hub/timeline`'s projection does (interactions to the survivor of a merge, a
 * merge moving rows, an unmerge giving back what its event lists, an erasure purging). Then
 * `erasedNow` (customers erased since, whenever) is applied to the past too: their interactions,
 * identifiers and names are left out, so a past view shows nothing an erasure destroyed.
 */
export function foldCustomers(
  histories: ReadonlyMap<string, readonly RecordedEvent[]>,
  erasedNow: ReadonlySet<string>,
): CustomersAt {
  const customers = new Map<string, CustomerAt>();
  const identifiers = new Map<string, IdentifierAt>();
  const entries = new Map<string, EntryAt>();
  const candidates: CandidateAt[] = [];
  const ensure = (id: string, at: Date): CustomerAt => {
    let row = customers.get(id);
    if (!row) {
      row = { id, displayName: null, firstChannel: null, createdAt: at, mergedInto: null, erased: false };
      customers.set(id, row);
    }
    return row;
  };
  const erase = (id: string, byOrigin: boolean) => {
    const gone = (row: { owner: string; origin: string }) => row.owner === id || (byOrigin && row.origin === id);
    for (const [key, entry] of entries) if (gone(entry)) entries.delete(key);
    for (const [key, identifier] of identifiers) if (gone(identifier)) identifiers.delete(key);
    const row = customers.get(id);
    if (row) Object.assign(row, { displayName: null, erased: true });
  };

  const seen = new Set<string>();
  const events = [...histories.values()]
    .flat()
    .filter((event) => !seen.has(event.id) && seen.add(event.id))
    .sort((a, b) => comparePositions(a.position, b.position));
  for (const recorded of events) apply(recorded);
  for (const id of erasedNow) erase(id, true);

  function apply(recorded: RecordedEvent) {
    const event = decodeEvent(recorded) as DomainEvent;
    const at = recorded.occurredAt;
    switch (event.type) {
      case 'CustomerRegistered': {
        const row = ensure(event.data.customerId, at);
        row.displayName ??= event.data.displayName;
        row.firstChannel ??= event.data.firstChannel;
        if (at < row.createdAt) row.createdAt = at;
        return;
      }
      case 'CustomerIdentifierLinked': {
        const { customerId, identifier } = event.data;
        ensure(customerId, at);
        identifiers.set(identifierKey(identifier), { ...identifier, owner: customerId, origin: customerId });
        return;
      }
      case 'CustomerIdentifierUnlinked': {
        const key = identifierKey(event.data.identifier);
        if (identifiers.get(key)?.owner === event.data.customerId) identifiers.delete(key);
        return;
      }
      case 'InteractionRecorded': {
        const d = event.data;
        const row = ensure(d.customerId, at);
        if (entries.has(d.interactionId)) return;
        entries.set(d.interactionId, {
          interactionId: d.interactionId,
          occurredAt: at.toISOString(),
          channel: d.details.channel,
          direction: d.direction,
          conversationId: d.conversationId,
          contact: { kind: d.contact.kind, value: d.contact.value },
          summary: d.summary,
          text: d.text,
          html: d.html,
          details: d.details,
          owner: row.mergedInto ?? d.customerId,
          origin: d.customerId,
        });
        return;
      }
      case 'MergeCandidateDetected':
        for (const candidateId of event.data.candidateIds) {
          const { customerId, evidence } = event.data;
          candidates.push({
            customerId,
            candidateId,
            interactionId: evidence.interactionId,
            detectedAt: at.toISOString(),
          });
        }
        return;
      case 'CustomersMerged': {
        const { survivorId, mergedId } = event.data;
        for (const row of [...entries.values(), ...identifiers.values()])
          if (row.owner === mergedId) row.owner = survivorId;
        const merged = customers.get(mergedId);
        if (merged) merged.mergedInto = survivorId;
        return;
      }
      case 'CustomersUnmerged': {
        const { survivorId, restoredId } = event.data;
        const returned = new Set(event.data.interactionIds);
        for (const entry of entries.values())
          if (entry.owner === survivorId && returned.has(entry.interactionId)) entry.owner = restoredId;
        for (const identifier of event.data.identifiers) {
          const row = identifiers.get(identifierKey(identifier));
          if (row) row.owner = restoredId;
        }
        const restored = customers.get(restoredId);
        if (restored) restored.mergedInto = null;
        return;
      }
      case 'CustomerErased':
        erase(event.data.customerId, false);
        return;
      default:
        // Customer streams hold customer events only; anything else changes no customer.
        return;
    }
  }

  const survivorOf = (id: string): string => {
    let current = id;
    for (let hops = 0; hops < 20; hops += 1) {
      const next = customers.get(current)?.mergedInto;
      if (!next) break;
      current = next;
    }
    return current;
  };

  return {
    customer: (id) => customers.get(id),
    survivorOf,
    groupOf: (survivorId) => [
      survivorId,
      ...[...customers.values()]
        .filter((row) => row.id !== survivorId && survivorOf(row.id) === survivorId)
        .map((row) => row.id)
        .sort(),
    ],
    identifiersOf: (id) =>
      [...identifiers.values()]
        .filter((row) => row.owner === id)
        .map((row) => ({ kind: row.kind, value: row.value }))
        .sort((a, b) => (a.kind === b.kind ? (a.value < b.value ? -1 : 1) : a.kind < b.kind ? -1 : 1)),
    timelineOf: (id) =>
      [...entries.values()]
        .filter((entry) => entry.owner === id)
        .map(({ owner: _owner, origin: _origin, ...entry }) => entry)
        .sort(newestFirst),
    candidatesOf: (ids) =>
      candidates
        .filter((c) => ids.includes(c.customerId) && !erasedNow.has(c.customerId) && !erasedNow.has(c.candidateId))
        .sort((a, b) => Date.parse(b.detectedAt) - Date.parse(a.detectedAt)),
  };
}
