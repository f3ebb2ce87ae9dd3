import type { Actor, CaseKind, CaseStatus } from '@hub/events';
import type { CaseEvent, OpenCase } from './case.commands.ts';

// Shared facts of the case decider tests: one customer, one agent, one conversation.

export const caseId = '6a1f0c3e-0000-4000-8000-000000000042';
export const customerId = '0b5c0a4e-6f1e-4a57-9b0e-3f5b7f1d2c11';
export const conversationId = 'c0a80121-0000-4000-8000-000000000001';
export const sara: Actor = { kind: 'agent', userId: 'user-sara' };

export const at = (time: string): Date => new Date(`2026-12-05T${time}Z`);
export const iso = (time: string): string => at(time).toISOString();

export const openCommand = (caseKind: CaseKind, overrides: Partial<OpenCase> = {}): OpenCase => ({
  kind: 'OpenCase',
  caseId,
  caseNumber: 'C-2026-000042',
  caseKind,
  customerId,
  subject: 'Order 1001 arrived broken',
  description: 'The lid of the teapot is cracked.',
  orderReference: caseKind === 'return' ? 'ORD-1001' : null,
  ownerId: 'user-sara',
  conversationIds: [conversationId],
  actor: sara,
  now: at('09:00:00'),
  ...overrides,
});

export const opened = (caseKind: CaseKind): CaseEvent => ({
  type: 'CaseOpened',
  data: {
    caseId,
    caseNumber: 'C-2026-000042',
    kind: caseKind,
    customerId,
    subject: 'Order 1001 arrived broken',
    description: 'The lid of the teapot is cracked.',
    orderReference: caseKind === 'return' ? 'ORD-1001' : null,
    ownerId: 'user-sara',
    conversationIds: [conversationId],
    status: caseKind === 'return' ? 'requested' : 'new',
    actor: sara,
    at: iso('09:00:00'),
  },
});

export const moved = (from: CaseStatus, to: CaseStatus, time = '10:00:00'): CaseEvent => ({
  type: 'CaseStatusChanged',
  data: { caseId, from, to, reason: null, actor: sara, at: iso(time) },
});

export const changeTo = (status: CaseStatus, time = '10:00:00') => ({
  kind: 'ChangeCaseStatus' as const,
  status,
  reason: null,
  actor: sara,
  now: at(time),
});

/** The events of a case walked along `path` from its first status. */
export const walked = (caseKind: CaseKind, path: readonly CaseStatus[]): CaseEvent[] => {
  const events: CaseEvent[] = [opened(caseKind)];
  let from: CaseStatus = caseKind === 'return' ? 'requested' : 'new';
  for (const to of path) {
    events.push(moved(from, to));
    from = to;
  }
  return events;
};
