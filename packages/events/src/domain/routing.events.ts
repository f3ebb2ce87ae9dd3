import { z } from 'zod';
import { Channel } from './values.ts';

/** Whether an agent takes new conversations: only `available` agents are auto-assigned. */
export const Presence = z.enum(['available', 'busy', 'away']);
export type Presence = z.infer<typeof Presence>;

const UserId = z.string().min(1).max(128);
const ChangedBy = z.object({ userId: UserId });

export const AgentPresenceChanged = z.object({ userId: UserId, presence: Presence, changedBy: ChangedBy });

/** A team works the inboxes given to it; `maxOpenPerAgent` caps auto-assignment, not agents' own picks. */
export const TeamCreated = z.object({
  teamId: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  maxOpenPerAgent: z.number().int().min(1).max(1000),
  changedBy: ChangedBy,
});
export const TeamMemberAdded = z.object({ teamId: z.string(), userId: UserId, changedBy: ChangedBy });
export const TeamMemberRemoved = z.object({ teamId: z.string(), userId: UserId, changedBy: ChangedBy });
export const TeamCapChanged = z.object({
  teamId: z.string(),
  maxOpenPerAgent: z.number().int().min(1).max(1000),
  changedBy: ChangedBy,
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
  changedBy: ChangedBy,
});
export const InboxTeamChanged = z.object({ inboxId: z.string(), teamId: z.string().nullable(), changedBy: ChangedBy });
