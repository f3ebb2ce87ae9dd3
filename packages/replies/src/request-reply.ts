import { handleCommand } from '@hub/decider';
import type { EventStore } from '@hub/event-store';
import { type Actor, replyStream } from '@hub/events';
import { type ReplyRequest, type ReplyState, replyDecider } from './reply.decider.ts';

/**
 * Records an agent's reply: the event first, delivery afterwards by the outbox worker. Asking
 * twice with the same replyId records it once (the event id is the reply's). Its recipient and
 * words are sealed with the customer's key (`personalDataOf`) by the hub's sealing store.
 */
export async function requestReply(store: EventStore, reply: ReplyRequest, now: Date): Promise<void> {
  await handleCommand({
    store,
    streamId: replyStream(reply.replyId),
    decider: replyDecider,
    command: { kind: 'request', reply },
    eventContext: () => ({
      id: reply.replyId,
      occurredAt: now,
      metadata: { actor: reply.actor, personalDataOf: reply.customerId },
    }),
  });
}

/**
 * An agent's word that a reply whose outcome was unknown (OUTCOME_UNKNOWN) did reach the customer.
 * A reply already recorded sent stays as it is. To send it again, request a new reply instead.
 */
export async function confirmReplySent(
  store: EventStore,
  replyId: string,
  confirmation: {
    readonly providerMessageId: string;
    readonly actor: string;
    readonly eventId: string;
    readonly now: Date;
    /** The reply's revision the agent judged by: if it moved since (a colleague acted), 409. */
    readonly seenRevision?: number;
  },
): Promise<void> {
  await handleCommand({
    store,
    streamId: replyStream(replyId),
    decider: replyDecider,
    ...(confirmation.seenRevision === undefined ? {} : { seenRevision: confirmation.seenRevision }),
    command: { kind: 'recordSent', providerMessageId: confirmation.providerMessageId, sentAt: confirmation.now },
    eventContext: () => ({
      id: confirmation.eventId,
      occurredAt: confirmation.now,
      metadata: { actor: confirmation.actor },
    }),
  });
}

/**
 * An agent sends a failed reply again: one new attempt of the same reply (a double click is
 * refused with REPLY_CONFLICT, so it is never two). After an unknown outcome the agent must say the
 * customer did not get it (`customerDidNotReceive`), or confirm it arrived with `confirmReplySent`.
 */
export async function retryReply(
  store: EventStore,
  replyId: string,
  retry: {
    readonly actor: Actor;
    readonly customerDidNotReceive: boolean;
    readonly eventId: string;
    readonly now: Date;
    /** The reply's revision the agent judged by: if it moved since (a colleague acted), 409. */
    readonly seenRevision?: number;
  },
): Promise<ReplyState> {
  const result = await handleCommand({
    store,
    streamId: replyStream(replyId),
    decider: replyDecider,
    ...(retry.seenRevision === undefined ? {} : { seenRevision: retry.seenRevision }),
    command: { kind: 'retry', actor: retry.actor, at: retry.now, customerDidNotReceive: retry.customerDidNotReceive },
    eventContext: () => ({ id: retry.eventId, occurredAt: retry.now, metadata: { actor: retry.actor } }),
  });
  return result.state;
}
