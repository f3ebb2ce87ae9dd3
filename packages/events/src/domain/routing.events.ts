import { z } from 'zod';
import { Actor, Channel } from './values.ts';

/** Whether an agent takes new conversations: only `available` agents are auto-assigned. */
export const Presence = z.enum(['available', 'busy', 'away']);
export type Presence = z.infer<typeof Presence>;

const UserId = z.string().min(1).max(128);

export const AgentPresenceChanged = z.object({ userId: UserId, presence: Presence, actor: Actor });

/** A team works the inboxes given to it; `maxOpenPerAgent` caps auto-assignment, not agents' own picks. */
export const TeamCreated = z.object({
  teamId: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  maxOpenPerAgent: z.number().int().min(1).max(1000),
  actor: Actor,
});
export const TeamMemberAdded = z.object({ teamId: z.string(), userId: UserId, actor: Actor });
export const TeamMemberRemoved = z.object({ teamId: z.string(), userId: UserId, actor: Actor });
export const TeamCapChanged = z.object({
  teamId: z.string(),
  maxOpenPerAgent: z.number().int().min(1).max(1000),
  actor: Actor,
});

/**
 * An inbox is where conversations arrive: a channel endpoint or several (a mailbox address, a
 * Telegram bot, a Page, a widget), worked by one team.
 */
export const InboxCreated = z.object({
  inboxId: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  channel: Channel,
  endpoints: z.array(z.string().min(1).max(512)).max(100),
  teamId: z.string().nullable(),
  actor: Actor,
});
export const InboxTeamChanged = z.object({ inboxId: z.string(), teamId: z.string().nullable(), actor: Actor });
