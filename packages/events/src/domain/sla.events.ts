import { z } from 'zod';

/** The promises a service-level policy makes to a customer, in the order a conversation meets them. */
export const slaTargets = ['first-response', 'next-response', 'resolution'] as const;
export const SlaTarget = z.enum(slaTargets);
export type SlaTarget = z.infer<typeof SlaTarget>;

const Instant = z.iso.datetime({ offset: true });

/**
 * A conversation missed one of its policy's targets. Recorded once per missed target (once per
 * customer wait for next-response), also by a checker that restarted after the due time.
 */
export const SlaBreached = z.object({
  conversationId: z.string().min(1),
  policyId: z.string().min(1),
  target: SlaTarget,
  /** When the target fell due: the first instant the conversation was late. */
  dueAt: Instant,
  /** When the hub saw the breach; later than `dueAt` by the checker's delay or downtime. */
  breachedAt: Instant,
});
