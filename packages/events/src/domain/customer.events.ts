import { z } from 'zod';
import { Channel, CustomerId, CustomerIdentifier, DecidedBy } from './values.ts';

export const CustomerRegistered = z.object({
  customerId: CustomerId,
  displayName: z.string().max(256).nullable(),
  firstChannel: Channel,
});

export const CustomerIdentifierLinked = z.object({
  customerId: CustomerId,
  identifier: CustomerIdentifier,
  /** The interaction that revealed the identifier, when one did. */
  interactionId: z.string().nullable(),
});

export const CustomerIdentifierUnlinked = z.object({
  customerId: CustomerId,
  identifier: CustomerIdentifier,
  reason: z.string().max(1024),
});

/** Evidence that two customers are one person: identifiers seen together on one interaction. */
export const MergeEvidence = z.object({
  interactionId: z.string(),
  identifiers: z.array(CustomerIdentifier).min(2),
});

/** Identifiers of several customers met on one interaction; an agent decides (review policy). */
export const MergeCandidateDetected = z.object({
  customerId: CustomerId,
  candidateIds: z.array(CustomerId).min(1),
  evidence: MergeEvidence,
});

export const CustomersMerged = z.object({
  survivorId: CustomerId,
  mergedId: CustomerId,
  evidence: z.array(MergeEvidence),
  decidedBy: DecidedBy,
});

/** Undoes a merge: the history says which identifiers and interactions came from `restoredId`. */
export const CustomersUnmerged = z.object({
  survivorId: CustomerId,
  restoredId: CustomerId,
  identifiers: z.array(CustomerIdentifier),
  interactionIds: z.array(z.string()),
  reason: z.string().max(1024),
  decidedBy: DecidedBy,
});

/** Right to be forgotten: the customer's key is destroyed; only non-personal facts remain. */
export const CustomerErased = z.object({
  customerId: CustomerId,
  requestedBy: z.string().min(1),
  reason: z.string().max(1024).nullable(),
});
