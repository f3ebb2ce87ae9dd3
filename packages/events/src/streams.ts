/** Each customer's history is one stream; the id is the customer's UUID. */
export const customerStream = (customerId: string): string => `customer-${customerId}`;

/** Each conversation is one stream; the id is chosen by whoever opens it (a UUID). */
export const conversationStream = (conversationId: string): string => `conversation-${conversationId}`;
