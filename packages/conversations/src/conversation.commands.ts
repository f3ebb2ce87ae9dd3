import type { Actor, Channel, ConversationPriority, DomainEventOf } from '@hub/events';

// Commands are plain values built by the API or the writer after validating their input; the
// decider still checks every value it stores, so a caller's bug cannot write a bad event. `now` is
// the time the command is decided at, given by the caller: the rules never read a clock.

/** An interaction as a conversation sees it. */
export interface ConversationMessage {
  readonly interactionId: string;
  readonly channel: Channel;
  readonly occurredAt: Date;
  /** Keys of this message to index (see `threadKeysOf`). */
  readonly threadKeys: readonly string[];
}

/** The customer wrote: opens the conversation when it has no stream yet, joins it otherwise. */
export interface AttachInbound {
  readonly kind: 'AttachInbound';
  readonly conversationId: string;
  readonly customerId: string;
  readonly inboxId: string;
  readonly subject: string | null;
  readonly message: ConversationMessage;
  readonly now: Date;
}

/** We wrote or called: an agent's reply or a logged call; it may also start a conversation. */
export interface AttachOutbound {
  readonly kind: 'AttachOutbound';
  readonly conversationId: string;
  readonly customerId: string;
  readonly inboxId: string;
  readonly subject: string | null;
  readonly message: ConversationMessage;
  readonly actor: Actor;
  readonly now: Date;
}

export interface ChangeStatus {
  readonly kind: 'ChangeStatus';
  readonly status: 'open' | 'pending' | 'resolved';
  readonly reason: string | null;
  readonly actor: Actor;
  readonly now: Date;
}

export interface Snooze {
  readonly kind: 'Snooze';
  readonly until: Date;
  readonly reason: string | null;
  readonly actor: Actor;
  readonly now: Date;
}

/** Sent by the snooze scheduler; early or repeated wake-ups change nothing. */
export interface WakeUp {
  readonly kind: 'WakeUp';
  readonly now: Date;
}

export interface SetPriority {
  readonly kind: 'SetPriority';
  readonly priority: ConversationPriority;
  readonly actor: Actor;
  readonly now: Date;
}

export interface AddLabel {
  readonly kind: 'AddLabel';
  readonly label: string;
  readonly actor: Actor;
  readonly now: Date;
}

export interface RemoveLabel {
  readonly kind: 'RemoveLabel';
  readonly label: string;
  readonly actor: Actor;
  readonly now: Date;
}

export interface AddNote {
  readonly kind: 'AddNote';
  readonly noteId: string;
  readonly text: string;
  /** Handles agents are known by (without `@`, any case) -> user id; `@handle` in the text mentions them. */
  readonly knownHandles: Readonly<Record<string, string>>;
  readonly actor: Actor;
  readonly now: Date;
}

/** Gives the conversation to an agent and/or a team; both null unassigns it. */
export interface Assign {
  readonly kind: 'Assign';
  readonly agentId: string | null;
  readonly teamId: string | null;
  readonly actor: Actor;
  readonly now: Date;
}

export interface RequestCsat {
  readonly kind: 'RequestCsat';
  readonly actor: Actor;
  readonly now: Date;
}

export interface RecordCsat {
  readonly kind: 'RecordCsat';
  readonly rating: number;
  readonly comment: string | null;
  readonly actor: Actor;
  readonly now: Date;
}

export type ConversationCommand =
  | AttachInbound
  | AttachOutbound
  | ChangeStatus
  | Snooze
  | WakeUp
  | SetPriority
  | AddLabel
  | RemoveLabel
  | AddNote
  | Assign
  | RequestCsat
  | RecordCsat;

export type ConversationEvent =
  | DomainEventOf<'ConversationOpened'>
  | DomainEventOf<'ConversationMessageAdded'>
  | DomainEventOf<'ConversationStatusChanged'>
  | DomainEventOf<'ConversationReopened'>
  | DomainEventOf<'ConversationPriorityChanged'>
  | DomainEventOf<'ConversationLabelAdded'>
  | DomainEventOf<'ConversationLabelRemoved'>
  | DomainEventOf<'ConversationNoteAdded'>
  | DomainEventOf<'ConversationAssigned'>
  | DomainEventOf<'CsatRequested'>
  | DomainEventOf<'CsatRecorded'>
  /** Appended by the SLA checker on the conversation's stream; it changes none of these rules. */
  | DomainEventOf<'SlaBreached'>;
