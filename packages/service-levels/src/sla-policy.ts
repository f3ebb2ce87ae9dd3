import { z } from 'zod';
import { parseOrRefuse } from './validation.ts';

/** A conversation's priority, as the conversation aggregate names it. */
export const conversationPriorities = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export const ConversationPriority = z.enum(conversationPriorities);
export type ConversationPriority = z.infer<typeof ConversationPriority>;

const BusinessMinutes = z.number().int().positive();

export const SlaPolicy = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  /** The business calendar its targets are counted in. */
  calendarId: z.string().min(1),
  /** Empty lists match any inbox / any priority; both empty make a default policy. */
  appliesTo: z.object({
    inboxIds: z.array(z.string().min(1)).default([]),
    priorities: z.array(ConversationPriority).default([]),
  }),
  /** Business minutes; a target left out is not promised. */
  targets: z
    .object({
      firstResponse: BusinessMinutes.optional(),
      nextResponse: BusinessMinutes.optional(),
      resolution: BusinessMinutes.optional(),
    })
    .refine((targets) => Object.values(targets).some((minutes) => minutes !== undefined), {
      message: 'a policy promises at least one target',
    }),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/** Validates a policy; refuses it (INVALID_INPUT) with every problem listed. */
export const parseSlaPolicy = (input: unknown): SlaPolicy => parseOrRefuse(SlaPolicy, input, 'The SLA policy');

export interface ConversationRouting {
  readonly inboxId: string | null;
  readonly priority: ConversationPriority;
}

/**
 * How closely a policy fits a conversation, or null when it does not apply. Priority outranks
 * inbox: an urgent conversation is urgent in whichever inbox it landed.
 */
function specificity(policy: SlaPolicy, conversation: ConversationRouting): number | null {
  const { inboxIds, priorities } = policy.appliesTo;
  const byInbox = inboxIds.length > 0;
  const byPriority = priorities.length > 0;
  if (byInbox && (conversation.inboxId === null || !inboxIds.includes(conversation.inboxId))) return null;
  if (byPriority && !priorities.includes(conversation.priority)) return null;
  return (byPriority ? 2 : 0) + (byInbox ? 1 : 0);
}

/**
 * The policy a conversation is held to: inbox and priority both named > priority named > inbox
 * named > default (neither named). Among equally specific policies the first listed wins, so the
 * order an administrator gives is the tie-break. Null when none applies.
 */
export function choosePolicy(policies: readonly SlaPolicy[], conversation: ConversationRouting): SlaPolicy | null {
  let chosen: SlaPolicy | null = null;
  let best = -1;
  for (const policy of policies) {
    const fit = specificity(policy, conversation);
    if (fit !== null && fit > best) {
      chosen = policy;
      best = fit;
    }
  }
  return chosen;
}
