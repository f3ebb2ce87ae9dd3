import { z } from 'zod';
import { Actor, CustomerId } from './values.ts';

// A case is one customer-service matter (an information request, a complaint, a return) in its own
// stream `case-<id>`, with a human-readable number allocated from `numbering-cases-<year>`. Times
// are ISO 8601 instants in the bodies because `evolve` sees no envelope.

const Instant = z.string().datetime({ offset: true });

export const caseKinds = ['information-request', 'complaint', 'return'] as const;
export const CaseKind = z.enum(caseKinds);
export type CaseKind = z.infer<typeof CaseKind>;

/** Every status of every kind; which ones a kind goes through is the decider's rule. */
export const caseStatuses = [
  'new',
  'answered',
  'investigating',
  'resolved',
  'rejected',
  'requested',
  'approved',
  'refused',
  'item-received',
  'refunded',
  'closed',
] as const;
export const CaseStatus = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** `C-2026-000042`: the year the case was opened and its place in that year. */
export const CaseNumber = z.string().regex(/^C-\d{4}-\d{6,}$/);

/** One number of a year, given to one case: the numbering stream's revision n holds number n + 1. */
export const CaseNumberAllocated = z.object({
  year: z.number().int().min(2000).max(9999),
  number: z.number().int().min(1),
  caseNumber: CaseNumber,
  caseId: z.string().min(1),
  at: Instant,
});

export const CaseOpened = z.object({
  caseId: z.string().min(1),
  caseNumber: CaseNumber,
  kind: CaseKind,
  customerId: CustomerId,
  subject: z.string().min(1).max(500),
  description: z.string().max(10_000).nullable(),
  /** Required for a return; optional otherwise. */
  orderReference: z.string().min(1).max(200).nullable(),
  ownerId: z.string().min(1).nullable(),
  conversationIds: z.array(z.string().min(1)).max(100),
  status: CaseStatus,
  actor: Actor,
  at: Instant,
});

export const CaseStatusChanged = z.object({
  caseId: z.string().min(1),
  from: CaseStatus,
  to: CaseStatus,
  reason: z.string().max(1024).nullable(),
  actor: Actor,
  at: Instant,
});

export const CaseOwnerAssigned = z.object({
  caseId: z.string().min(1),
  ownerId: z.string().min(1).nullable(),
  previousOwnerId: z.string().min(1).nullable(),
  actor: Actor,
  at: Instant,
});

export const CaseConversationLinked = z.object({
  caseId: z.string().min(1),
  conversationId: z.string().min(1),
  actor: Actor,
  at: Instant,
});

export const CaseConversationUnlinked = z.object({
  caseId: z.string().min(1),
  conversationId: z.string().min(1),
  actor: Actor,
  at: Instant,
});

/** An agent's note on the case: personal data, sealed with the customer's key. */
export const CaseNoteAdded = z.object({
  caseId: z.string().min(1),
  noteId: z.string().min(1),
  text: z.string().min(1).max(10_000),
  actor: Actor,
  at: Instant,
});
