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

/** Each case is one stream; the id is a UUID chosen by whoever opens it. */
export const caseStream = (caseId: string): string => `case-${caseId}`;

/** The case numbers of one year, one event per number: appended at its expected revision, so gap-free. */
export const caseNumberingStream = (year: number): string => `numbering-cases-${year}`;

/**
 * Every canned response in one stream: there are tens or hundreds, and a shortcut must be unique
 * among them, so the whole set is one consistency boundary.
 */
export const cannedResponsesStream = 'canned-responses';

/** The hub's business calendars and SLA policies, as administrators saved them: one stream. */
export const SERVICE_LEVEL_SETTINGS_STREAM = 'service-level-settings';

/** Commerce facts share one prefix, so one projection reads them all with one stream filter. */
export const COMMERCE_STREAM_PREFIX = 'commerce-';

/** Each order is one stream; the id is the shop's own order id. */
export const orderStream = (orderId: string): string => `${COMMERCE_STREAM_PREFIX}order-${orderId}`;

/** Each product of the reference list is one stream (a catalogue of thousands stays cheap to change). */
export const productStream = (productId: string): string => `${COMMERCE_STREAM_PREFIX}product-${productId}`;
