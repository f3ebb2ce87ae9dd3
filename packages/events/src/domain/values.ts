import { z } from 'zod';

export const channels = ['email', 'webform', 'phone', 'chat', 'social', 'generic'] as const;
export const Channel = z.enum(channels);
export type Channel = z.infer<typeof Channel>;

/**
 * How a customer is recognised. `email` is case-folded, `phone` is E.164, `handle` is
 * `<network>:<id>` (e.g. `telegram:12345`, `widget:visitor-id`, `facebook:psid`).
 */
export const CustomerIdentifier = z.object({
  kind: z.enum(['email', 'phone', 'handle']),
  value: z.string().min(1).max(512),
});
export type CustomerIdentifier = z.infer<typeof CustomerIdentifier>;

export const CustomerId = z.string().uuid();

/** Who made a decision that changed a customer: a configured policy or a named agent. */
export const DecidedBy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('policy'), policy: z.string().min(1) }),
  z.object({ kind: z.literal('agent'), agentId: z.string().min(1) }),
]);
export type DecidedBy = z.infer<typeof DecidedBy>;

/** Who caused an event: a signed-in user, a process of the hub (or an integration's token), or the customer. */
export const Actor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), userId: z.string().min(1) }),
  z.object({ kind: z.literal('system'), process: z.string().min(1) }),
  z.object({ kind: z.literal('customer') }),
]);
export type Actor = z.infer<typeof Actor>;
