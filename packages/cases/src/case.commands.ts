import type { Actor, CaseKind, CaseStatus, DomainEventOf } from '@hub/events';

// Commands are plain values built by the API after validating its input; the decider still checks
// every value it stores. `now` is the time the command is decided at: the rules read no clock.

/** Opens a case under the number allocated for it (see `openCase`). */
export interface OpenCase {
  readonly kind: 'OpenCase';
  readonly caseId: string;
  readonly caseNumber: string;
  readonly caseKind: CaseKind;
  readonly customerId: string;
  readonly subject: string;
  readonly description: string | null;
  readonly orderReference: string | null;
  readonly ownerId: string | null;
  readonly conversationIds: readonly string[];
  readonly actor: Actor;
  readonly now: Date;
}

export interface ChangeCaseStatus {
  readonly kind: 'ChangeCaseStatus';
  readonly status: CaseStatus;
  readonly reason: string | null;
  readonly actor: Actor;
  readonly now: Date;
}

/** Gives the case to a user; null leaves it without an owner. */
export interface AssignCaseOwner {
  readonly kind: 'AssignCaseOwner';
  readonly ownerId: string | null;
  readonly actor: Actor;
  readonly now: Date;
}

export interface LinkConversation {
  readonly kind: 'LinkConversation';
  readonly conversationId: string;
  readonly actor: Actor;
  readonly now: Date;
}

export interface UnlinkConversation {
  readonly kind: 'UnlinkConversation';
  readonly conversationId: string;
  readonly actor: Actor;
  readonly now: Date;
}

export interface AddCaseNote {
  readonly kind: 'AddCaseNote';
  readonly noteId: string;
  readonly text: string;
  readonly actor: Actor;
  readonly now: Date;
}

export type CaseCommand =
  | OpenCase
  | ChangeCaseStatus
  | AssignCaseOwner
  | LinkConversation
  | UnlinkConversation
  | AddCaseNote;

export type CaseEvent =
  | DomainEventOf<'CaseOpened'>
  | DomainEventOf<'CaseStatusChanged'>
  | DomainEventOf<'CaseOwnerAssigned'>
  | DomainEventOf<'CaseConversationLinked'>
  | DomainEventOf<'CaseConversationUnlinked'>
  | DomainEventOf<'CaseNoteAdded'>;

const caseEventTypes: ReadonlySet<string> = new Set<CaseEvent['type']>([
  'CaseOpened',
  'CaseStatusChanged',
  'CaseOwnerAssigned',
  'CaseConversationLinked',
  'CaseConversationUnlinked',
  'CaseNoteAdded',
]);

export const isCaseEvent = (event: { type: string }): event is CaseEvent => caseEventTypes.has(event.type);
