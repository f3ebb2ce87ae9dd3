import type { Decider } from '@hub/decider';
import { HubError } from '@hub/errors';
import { CaseNumber, type CaseStatus } from '@hub/events';
import type { CaseCommand, CaseEvent, OpenCase } from './case.commands.ts';
import { caseLifecycles, nextStatuses } from './case.lifecycle.ts';
import { type CaseState, evolveCase, initialCaseState, type OpenedCase } from './case.state.ts';

export const CASE_NOTE_MAX_LENGTH = 10_000;
export const CASE_SUBJECT_MAX_LENGTH = 500;
export const CASE_CONVERSATIONS_MAX = 100;

const invalid = (detail: string, context?: Record<string, unknown>) => new HubError('INVALID_INPUT', detail, context);

const conflict = (state: OpenedCase, detail: string, context: Record<string, unknown> = {}): HubError =>
  new HubError('CASE_CONFLICT', detail, { caseId: state.caseId, status: state.status, ...context });

function requireInstant(value: Date, field: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalid(`${field} is not a valid time`);
  return value.toISOString();
}

function requireId(value: string, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 128) {
    throw invalid(`${field} must be an id of 1 to 128 characters`, { field });
  }
  return value;
}

/** Trimmed text of 1 to `max` characters; `null` allowed only when `optional`. */
function requireText(value: string | null, field: string, max: number, optional: boolean): string | null {
  const text = value?.trim() ?? '';
  if (text === '') {
    if (optional) return null;
    throw invalid(`${field} is required`, { field });
  }
  if (text.length > max) throw invalid(`${field} is at most ${max} characters`, { field });
  return text;
}

function open(command: OpenCase, state: CaseState): CaseEvent[] {
  if (state.exists) {
    throw new HubError('ALREADY_EXISTS', `case ${state.caseNumber} already exists`, { caseId: state.caseId });
  }
  if (!CaseNumber.safeParse(command.caseNumber).success) throw invalid('a case number reads C-<year>-<number>');
  const lifecycle = caseLifecycles[command.caseKind];
  if (!lifecycle) throw invalid('kind must be information-request, complaint or return');
  const subject = requireText(command.subject, 'subject', CASE_SUBJECT_MAX_LENGTH, false) as string;
  const description = requireText(command.description, 'description', CASE_NOTE_MAX_LENGTH, true);
  const orderReference = requireText(command.orderReference, 'orderReference', 200, true);
  // A return is of something bought: without the order it cannot be checked, approved or refunded.
  if (command.caseKind === 'return' && orderReference === null) {
    throw invalid('a return needs the order reference it returns', { field: 'orderReference' });
  }
  const conversationIds = [...new Set(command.conversationIds.map((id) => requireId(id, 'conversationId')))];
  if (conversationIds.length > CASE_CONVERSATIONS_MAX) {
    throw invalid(`a case links at most ${CASE_CONVERSATIONS_MAX} conversations`);
  }
  return [
    {
      type: 'CaseOpened',
      data: {
        caseId: requireId(command.caseId, 'caseId'),
        caseNumber: command.caseNumber,
        kind: command.caseKind,
        customerId: command.customerId,
        subject,
        description,
        orderReference,
        ownerId: command.ownerId === null ? null : requireId(command.ownerId, 'ownerId'),
        conversationIds,
        status: lifecycle.initial,
        actor: command.actor,
        at: requireInstant(command.now, 'now'),
      },
    },
  ];
}

function changeStatus(state: OpenedCase, to: CaseStatus, reason: string | null, command: CaseCommand): CaseEvent[] {
  const text = requireText(reason, 'reason', 1024, true);
  if (state.status === to) return [];
  const allowed = nextStatuses(state.kind, state.status);
  if (!allowed.includes(to)) {
    const options = allowed.length === 0 ? 'nothing: it is closed' : allowed.join(' or ');
    throw conflict(state, `a ${state.kind} that is ${state.status} can go to ${options}, not ${to}`, {
      to,
      allowed,
    });
  }
  return [
    {
      type: 'CaseStatusChanged',
      data: {
        caseId: state.caseId,
        from: state.status,
        to,
        reason: text,
        actor: command.actor,
        at: requireInstant(command.now, 'now'),
      },
    },
  ];
}

function decideOnExisting(command: Exclude<CaseCommand, OpenCase>, state: OpenedCase): CaseEvent[] {
  const { caseId } = state;
  const at = requireInstant(command.now, 'now');
  const { actor } = command;
  // A closed case is the record of what was done: only notes are added to it.
  if (state.status === 'closed' && command.kind !== 'AddCaseNote' && command.kind !== 'ChangeCaseStatus') {
    throw conflict(state, 'the case is closed: only notes can be added');
  }
  switch (command.kind) {
    case 'ChangeCaseStatus':
      return changeStatus(state, command.status, command.reason, command);
    case 'AssignCaseOwner': {
      const ownerId = command.ownerId === null ? null : requireId(command.ownerId, 'ownerId');
      if (state.ownerId === ownerId) return [];
      return [{ type: 'CaseOwnerAssigned', data: { caseId, ownerId, previousOwnerId: state.ownerId, actor, at } }];
    }
    case 'LinkConversation': {
      const conversationId = requireId(command.conversationId, 'conversationId');
      if (state.conversationIds.includes(conversationId)) return [];
      if (state.conversationIds.length >= CASE_CONVERSATIONS_MAX) {
        throw conflict(state, `a case links at most ${CASE_CONVERSATIONS_MAX} conversations`);
      }
      return [{ type: 'CaseConversationLinked', data: { caseId, conversationId, actor, at } }];
    }
    case 'UnlinkConversation': {
      const conversationId = requireId(command.conversationId, 'conversationId');
      if (!state.conversationIds.includes(conversationId)) return [];
      return [{ type: 'CaseConversationUnlinked', data: { caseId, conversationId, actor, at } }];
    }
    case 'AddCaseNote': {
      const noteId = requireId(command.noteId, 'noteId');
      const text = requireText(command.text, 'text', CASE_NOTE_MAX_LENGTH, false) as string;
      // The same note sent again (a retried request) is written once.
      if (state.noteIds.includes(noteId)) return [];
      return [{ type: 'CaseNoteAdded', data: { caseId, noteId, text, actor, at } }];
    }
    default:
      return command satisfies never;
  }
}

/** The Case aggregate: stream `case-<id>`. */
export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  initialState: initialCaseState,
  decide(command, state) {
    if (command.kind === 'OpenCase') return open(command, state);
    if (!state.exists) throw new HubError('NOT_FOUND', 'no such case');
    return decideOnExisting(command, state);
  },
  evolve: evolveCase,
};
