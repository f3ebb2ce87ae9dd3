/** Each customer's history is one stream; the id is the customer's UUID. */
export const customerStream = (customerId: string): string => `customer-${customerId}`;

/** Each conversation is one stream; the id is chosen by whoever opens it (a UUID). */
export const conversationStream = (conversationId: string): string => `conversation-${conversationId}`;

/** A team's members and its cap on auto-assigned open conversations. */
export const teamStream = (teamId: string): string => `team-${teamId}`;

/** An inbox: its channel endpoints and the team that works it. */
export const inboxStream = (inboxId: string): string => `inbox-${inboxId}`;

/** An agent's presence changes: who was available when. */
export const agentPresenceStream = (userId: string): string => `agent-presence-${userId}`;

/** Each user's account history (role, activation, password changes) is one stream. */
export const userStream = (userId: string): string => `user-${userId}`;

/** Each reply's delivery is its own stream; the id is the reply's UUID. */
export const replyStream = (replyId: string): string => `reply-${replyId}`;

/** The hub's business calendars and SLA policies, as administrators saved them: one stream. */
export const SERVICE_LEVEL_SETTINGS_STREAM = 'service-level-settings';
