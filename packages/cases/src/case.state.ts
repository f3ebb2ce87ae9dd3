import type { CaseKind, CaseStatus } from '@hub/events';
import type { CaseEvent } from './case.commands.ts';

/** What the rules (and a 409's `current`) need to know of a case; instants are ISO strings. */
export interface OpenedCase {
  readonly exists: true;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly kind: CaseKind;
  readonly customerId: string;
  readonly status: CaseStatus;
  readonly ownerId: string | null;
  readonly orderReference: string | null;
  readonly conversationIds: readonly string[];
  readonly noteIds: readonly string[];
  readonly openedAt: string;
  readonly closedAt: string | null;
}

export type CaseState = { readonly exists: false } | OpenedCase;

export const initialCaseState: CaseState = { exists: false };

/** Folds one case event; pure. */
export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') {
    const d = event.data;
    return {
      exists: true,
      caseId: d.caseId,
      caseNumber: d.caseNumber,
      kind: d.kind,
      customerId: d.customerId,
      status: d.status,
      ownerId: d.ownerId,
      orderReference: d.orderReference,
      conversationIds: [...new Set(d.conversationIds)],
      noteIds: [],
      openedAt: d.at,
      closedAt: null,
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'CaseStatusChanged':
      return { ...state, status: event.data.to, closedAt: event.data.to === 'closed' ? event.data.at : null };
    case 'CaseOwnerAssigned':
      return { ...state, ownerId: event.data.ownerId };
    case 'CaseConversationLinked':
      return { ...state, conversationIds: [...state.conversationIds, event.data.conversationId] };
    case 'CaseConversationUnlinked':
      return { ...state, conversationIds: state.conversationIds.filter((id) => id !== event.data.conversationId) };
    case 'CaseNoteAdded':
      return { ...state, noteIds: [...state.noteIds, event.data.noteId] };
    default:
      return event satisfies never;
  }
}
