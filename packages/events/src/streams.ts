/** Each customer's history is one stream; the id is the customer's UUID. */
export const customerStream = (customerId: string): string => `customer-${customerId}`;

/** Each user's account history (role, activation, password changes) is one stream. */
export const userStream = (userId: string): string => `user-${userId}`;
