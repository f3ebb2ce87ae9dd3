import { handleCommand, loadAggregate } from '@hub/decider';
import type { EventStore } from '@hub/event-store';
import { cannedResponsesStream, type DomainEvent } from '@hub/events';
import {
  type CannedResponse,
  type CannedResponsesCommand,
  type CannedResponsesEvent,
  cannedResponsesDecider,
} from './canned-responses.decider.ts';

const isCannedEvent = (event: DomainEvent): event is CannedResponsesEvent => event.type.startsWith('CannedResponse');

/** Every canned response now, and the stream's revision (what an editor saw). */
export async function listCannedResponses(
  store: EventStore,
): Promise<{ readonly responses: readonly CannedResponse[]; readonly revision: number }> {
  const { state, revision } = await loadAggregate(store, cannedResponsesStream, cannedResponsesDecider, isCannedEvent);
  return { responses: [...state.responses.values()], revision };
}

/** Decides a change to the canned responses and appends it, naming who made it; answers the new revision. */
export async function changeCannedResponses(
  store: EventStore,
  command: CannedResponsesCommand,
  context: { readonly eventId: () => string; readonly now: Date },
): Promise<{ readonly revision: number; readonly changed: boolean }> {
  const result = await handleCommand({
    store,
    streamId: cannedResponsesStream,
    decider: cannedResponsesDecider,
    command,
    isEvent: isCannedEvent,
    eventContext: () => ({ id: context.eventId(), occurredAt: context.now, metadata: { actor: command.actor } }),
  });
  return { revision: result.revision, changed: result.events.length > 0 };
}
