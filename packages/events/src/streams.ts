/** Each customer's history is one stream; the id is the customer's UUID. */
export const customerStream = (customerId: string): string => `customer-${customerId}`;
