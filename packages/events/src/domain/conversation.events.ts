import { z } from 'zod';
import { Actor, Channel, CustomerId } from './values.ts';

// A conversation is one matter a customer raised, answered by agents, in its own stream
// `conversation-<id>`. Times are ISO 8601 instants in the bodies because `evolve` sees no envelope:
// the state's response and waiting times are computed from them.

const Instant = z.string().datetime({ offset: true });

export const conversationStatuses = ['open', 'pending', 'snoozed', 'resolved'] as const;
export const ConversationStatus = z.enum(conversationStatuses);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const conversationPriorities = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export const ConversationPriority = z.enum(conversationPriorities);
export type ConversationPriority = z.infer<typeof ConversationPriority>;

/**
 * How a conversation is found again: `email:<message-id>`, `widget:<visitor>`, ... (see
 * @hub/conversations thread-matching). The I/O layer indexes them to find a message's conversation.
 */
const ThreadKeys = z.array(z.string().min(1).max(1024)).max(500);

export const ConversationOpened = z.object({
  conversationId: z.string().min(1),
  customerId: CustomerId,
  channel: Channel,
  inboxId: z.string().min(1),
  subject: z.string().max(1024).nullable(),
  threadKeys: ThreadKeys,
  /** The interaction that started it: the customer's first message or an agent's first contact. */
  openedBy: z.string().min(1),
  openedAt: Instant,
  actor: Actor,
});

/** A message of the thread, the customer's (inbound) or ours (outbound: a reply, a logged call). */
export const ConversationMessageAdded = z.object({
  conversationId: z.string().min(1),
  interactionId: z.string().min(1),
  direction: z.enum(['inbound', 'outbound']),
  channel: Channel,
  occurredAt: Instant,
  threadKeys: ThreadKeys,
  actor: Actor,
});

/** A person's (or a process's) choice of status; `snoozedUntil` is set only for `snoozed`. */
export const ConversationStatusChanged = z.object({
  conversationId: z.string().min(1),
  status: ConversationStatus,
  snoozedUntil: Instant.nullable(),
  actor: Actor,
  reason: z.string().max(1024).nullable(),
  at: Instant,
});

/** Back to open without an agent choosing it: the customer wrote again, or a snooze ran out. */
export const ConversationReopened = z.object({
  conversationId: z.string().min(1),
  from: z.enum(['pending', 'snoozed', 'resolved']),
  reason: z.enum(['inbound-message', 'snooze-expired']),
  /** The inbound message that reopened it; null when a snooze ran out. */
  interactionId: z.string().nullable(),
  actor: Actor,
  at: Instant,
});

export const ConversationPriorityChanged = z.object({
  conversationId: z.string().min(1),
  priority: ConversationPriority,
  actor: Actor,
  at: Instant,
});

const Label = z.string().min(1).max(64);

export const ConversationLabelAdded = z.object({
  conversationId: z.string().min(1),
  label: Label,
  actor: Actor,
  at: Instant,
});

export const ConversationLabelRemoved = z.object({
  conversationId: z.string().min(1),
  label: Label,
  actor: Actor,
  at: Instant,
});

/** An internal note: agents see it, the customer never does. `mentions` are user ids to notify. */
export const ConversationNoteAdded = z.object({
  conversationId: z.string().min(1),
  noteId: z.string().min(1),
  text: z.string().min(1).max(10_000),
  mentions: z.array(z.string().min(1)),
  actor: Actor,
  at: Instant,
});

export const ConversationAssigned = z.object({
  conversationId: z.string().min(1),
  agentId: z.string().min(1).nullable(),
  teamId: z.string().min(1).nullable(),
  /** The assignee before, so a transfer reads as from whom to whom. */
  previousAgentId: z.string().min(1).nullable(),
  previousTeamId: z.string().min(1).nullable(),
  kind: z.enum(['assignment', 'transfer', 'auto', 'unassignment']),
  actor: Actor,
  at: Instant,
});

/** A rating request sent on the conversation's channel after a resolution (a link, a widget prompt). */
export const CsatRequested = z.object({
  conversationId: z.string().min(1),
  channel: Channel,
  actor: Actor,
  at: Instant,
});

export const CsatRecorded = z.object({
  conversationId: z.string().min(1),
  rating: z.number().int().min(1).max(5),
  comment: z.string().max(2000).nullable(),
  actor: Actor,
  at: Instant,
});
