/** Each customer's history is one stream; the id is the customer's UUID. */
export const customerStream = (customerId: string): string => `customer-${customerId}`;

/** Each reply's delivery is its own stream; the id is the reply's UUID. */
export const replyStream = (replyId: string): string => `reply-${replyId}`;
