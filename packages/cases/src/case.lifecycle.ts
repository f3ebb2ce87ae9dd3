import type { CaseKind, CaseStatus } from '@hub/events';

// Each kind has its own lifecycle: where a case starts, and where each status may go next.
// `closed` is the end of every kind.

interface Lifecycle {
  readonly initial: CaseStatus;
  readonly next: Readonly<Partial<Record<CaseStatus, readonly CaseStatus[]>>>;
}

export const caseLifecycles: Readonly<Record<CaseKind, Lifecycle>> = {
  'information-request': {
    initial: 'new',
    next: { new: ['answered'], answered: ['closed'] },
  },
  complaint: {
    initial: 'new',
    next: {
      new: ['investigating'],
      investigating: ['resolved', 'rejected'],
      // A resolution the customer does not accept is investigated again.
      resolved: ['closed', 'investigating'],
      rejected: ['closed'],
    },
  },
  return: {
    initial: 'requested',
    next: {
      requested: ['approved', 'refused'],
      approved: ['item-received'],
      'item-received': ['refunded'],
      refunded: ['closed'],
      refused: ['closed'],
    },
  },
};

/** The statuses a case of this kind may move to from `status`. */
export const nextStatuses = (kind: CaseKind, status: CaseStatus): readonly CaseStatus[] =>
  caseLifecycles[kind].next[status] ?? [];

/** Every status a kind can be in. */
export const statusesOf = (kind: CaseKind): readonly CaseStatus[] => {
  const { initial, next } = caseLifecycles[kind];
  return [...new Set([initial, ...Object.keys(next), ...Object.values(next).flat()])] as CaseStatus[];
};
