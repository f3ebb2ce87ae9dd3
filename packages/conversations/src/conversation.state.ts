import type { Channel, ConversationPriority, ConversationStatus } from '@hub/events';
import type { ConversationEvent } from './conversation.commands.ts';

export type CsatState =
  | { readonly state: 'not-requested' }
  | { readonly state: 'requested'; readonly resolution: number; readonly requestedAt: string }
  | {
      readonly state: 'recorded';
      readonly resolution: number;
      readonly rating: number;
      readonly comment: string | null;
      readonly recordedAt: string;
    };

/** What the rules need to know of a conversation; instants are ISO strings as in the events. */
export interface OpenedConversation {
  readonly exists: true;
  readonly conversationId: string;
  readonly customerId: string;
  readonly channel: Channel;
  readonly inboxId: string;
  readonly subject: string | null;
  readonly openedAt: string;
  readonly status: ConversationStatus;
  readonly snoozedUntil: string | null;
  readonly priority: ConversationPriority;
  readonly labels: readonly string[];
  readonly assignee: { readonly agentId: string | null; readonly teamId: string | null };
  readonly threadKeys: readonly string[];
  /** Interactions already attached, so a redelivered message is not counted twice. */
  readonly interactionIds: readonly string[];
  readonly noteIds: readonly string[];
  readonly messageCount: number;
  readonly firstInboundAt: string | null;
  readonly lastInboundAt: string | null;
  readonly lastOutboundAt: string | null;
  /** The first outbound message at or after the first inbound one. */
  readonly firstResponseAt: string | null;
  /** The oldest inbound message no outbound message has followed yet; null when nobody waits. */
  readonly waitingSince: string | null;
  readonly resolvedAt: string | null;
  /** How many times it was resolved: a CSAT request belongs to one resolution. */
  readonly resolutions: number;
  readonly csat: CsatState;
}

export type ConversationState = { readonly exists: false } | OpenedConversation;

export const initialConversationState: ConversationState = { exists: false };

const later = (a: string | null, b: string): string => (a === null || Date.parse(b) > Date.parse(a) ? b : a);
const earlier = (a: string | null, b: string): string => (a === null || Date.parse(b) < Date.parse(a) ? b : a);
const isAtOrAfter = (a: string, b: string): boolean => Date.parse(a) >= Date.parse(b);

function addMessage(
  state: OpenedConversation,
  event: Extract<ConversationEvent, { type: 'ConversationMessageAdded' }>['data'],
): OpenedConversation {
  const at = event.occurredAt;
  const base = {
    ...state,
    threadKeys: [...new Set([...state.threadKeys, ...event.threadKeys])],
    interactionIds: [...state.interactionIds, event.interactionId],
    messageCount: state.messageCount + 1,
  };
  if (event.direction === 'inbound') {
    // Answered already when an outbound message came after it (messages may arrive late).
    const answered = state.lastOutboundAt !== null && isAtOrAfter(state.lastOutboundAt, at);
    return {
      ...base,
      firstInboundAt: earlier(state.firstInboundAt, at),
      lastInboundAt: later(state.lastInboundAt, at),
      waitingSince: answered ? state.waitingSince : earlier(state.waitingSince, at),
    };
  }
  const answersFirst =
    state.firstResponseAt === null && state.firstInboundAt !== null && isAtOrAfter(at, state.firstInboundAt);
  // A reply answers everything before it. If the customer wrote again after it (a late-recorded
  // reply), they still wait, counted from their latest message: the one the reply cannot have read.
  const stillWaiting = state.lastInboundAt !== null && !isAtOrAfter(at, state.lastInboundAt);
  return {
    ...base,
    lastOutboundAt: later(state.lastOutboundAt, at),
    firstResponseAt: answersFirst ? at : state.firstResponseAt,
    waitingSince: stillWaiting ? state.lastInboundAt : null,
  };
}

/** Folds one conversation event; pure. */
export function evolveConversation(state: ConversationState, event: ConversationEvent): ConversationState {
  if (event.type === 'ConversationOpened') {
    const { conversationId, customerId, channel, inboxId, subject, threadKeys, openedAt } = event.data;
    return {
      exists: true,
      conversationId,
      customerId,
      channel,
      inboxId,
      subject,
      openedAt,
      status: 'open',
      snoozedUntil: null,
      priority: 'none',
      labels: [],
      assignee: { agentId: null, teamId: null },
      threadKeys: [...new Set(threadKeys)],
      interactionIds: [],
      noteIds: [],
      messageCount: 0,
      firstInboundAt: null,
      lastInboundAt: null,
      lastOutboundAt: null,
      firstResponseAt: null,
      waitingSince: null,
      resolvedAt: null,
      resolutions: 0,
      csat: { state: 'not-requested' },
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'ConversationMessageAdded':
      return addMessage(state, event.data);
    case 'ConversationStatusChanged': {
      const { status, snoozedUntil, at } = event.data;
      const resolving = status === 'resolved' && state.status !== 'resolved';
      return {
        ...state,
        status,
        snoozedUntil,
        resolvedAt: status === 'resolved' ? (resolving ? at : state.resolvedAt) : null,
        resolutions: resolving ? state.resolutions + 1 : state.resolutions,
      };
    }
    case 'ConversationReopened':
      return { ...state, status: 'open', snoozedUntil: null, resolvedAt: null };
    case 'ConversationPriorityChanged':
      return { ...state, priority: event.data.priority };
    case 'ConversationLabelAdded':
      return { ...state, labels: [...state.labels, event.data.label] };
    case 'ConversationLabelRemoved':
      return { ...state, labels: state.labels.filter((label) => label !== event.data.label) };
    case 'ConversationNoteAdded':
      return { ...state, noteIds: [...state.noteIds, event.data.noteId] };
    case 'ConversationAssigned':
      return { ...state, assignee: { agentId: event.data.agentId, teamId: event.data.teamId } };
    case 'CsatRequested':
      return { ...state, csat: { state: 'requested', resolution: state.resolutions, requestedAt: event.data.at } };
    case 'CsatRecorded': {
      const resolution = state.csat.state === 'not-requested' ? state.resolutions : state.csat.resolution;
      const { rating, comment, at } = event.data;
      return { ...state, csat: { state: 'recorded', resolution, rating, comment, recordedAt: at } };
    }
    case 'SlaBreached':
      return state;
    default:
      return event satisfies never;
  }
}
