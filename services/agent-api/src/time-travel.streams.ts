import { type CaseEvent, type CaseSummary, evolveCase, initialCaseState, isCaseEvent } from '@hub/cases';
import {
  type ConversationEvent,
  type ConversationState,
  evolveConversation,
  initialConversationState,
} from '@hub/conversations';
import type { EventStore } from '@hub/event-store';
import { caseStream, conversationStream, customerStream, decodeEvent, type RecordedEvent } from '@hub/events';
import { recordedBy } from './time-travel.fold.ts';

/** A conversation as its stream, cut at the instant, folds by `@hub/conversations`' evolve. */
export interface ConversationAt {
  readonly state: ConversationState;
  /** The stream's revision then (-1 before it was opened). */
  readonly revision: number;
  /** The events recorded by then, decoded, with their stream envelope. */
  readonly events: readonly { recorded: RecordedEvent; event: ConversationEvent }[];
}

/** Folds a conversation's stream as recorded by `asOf` (all of it when `asOf` is undefined). */
export async function conversationAt(store: EventStore, conversationId: string, asOf?: Date): Promise<ConversationAt> {
  const history = await store.readStream(conversationStream(conversationId));
  const cut = asOf ? recordedBy(history, asOf) : history;
  const events = cut.map((recorded) => ({ recorded, event: decodeEvent(recorded) as ConversationEvent }));
  const state = events.reduce((s, { event }) => evolveConversation(s, event), initialConversationState);
  return { state, revision: cut.at(-1)?.revision ?? -1, events };
}

/** A case as its stream, cut at the instant, folds by `@hub/cases`' evolve; undefined before it was opened. */
export async function caseAt(
  store: EventStore,
  caseId: string,
  asOf?: Date,
): Promise<{ summary: CaseSummary; events: readonly CaseEvent[] } | undefined> {
  const history = await store.readStream(caseStream(caseId));
  const cut = asOf ? recordedBy(history, asOf) : history;
  const events = cut.map((recorded) => decodeEvent(recorded)).filter(isCaseEvent);
  const state = events.reduce(evolveCase, initialCaseState);
  const opened = events.find((event) => event.type === 'CaseOpened');
  if (!state.exists || opened?.type !== 'CaseOpened') return undefined;
  const updatedAt = events.map((event) => event.data.at).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  const summary: CaseSummary = {
    id: state.caseId,
    number: state.caseNumber,
    kind: state.kind,
    status: state.status,
    customerId: state.customerId,
    ownerId: state.ownerId,
    subject: opened.data.subject,
    orderReference: state.orderReference,
    conversationIds: [...state.conversationIds],
    openedAt: new Date(state.openedAt).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
    closedAt: state.closedAt === null ? null : new Date(state.closedAt).toISOString(),
    revision: cut.at(-1)?.revision ?? -1,
  };
  return { summary, events };
}

/**
 * Whether the customer was erased, whenever: its stream's last event says so (nothing is appended
 * to an erased customer's stream after its erasure).
 */
export async function isErased(store: EventStore, customerId: string): Promise<boolean> {
  const [last] = await store.readStream(customerStream(customerId), { direction: 'backwards', maxCount: 1 });
  return last?.type === 'CustomerErased';
}
