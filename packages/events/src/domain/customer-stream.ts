import type { DomainEvent, DomainEventOf, DomainEventType } from './event-catalogue.ts';

/** The event types of a customer's own stream (`customer-<id>`): what its decider and the timeline fold. */
export const customerEventTypes = [
  'CustomerRegistered',
  'CustomerIdentifierLinked',
  'CustomerIdentifierUnlinked',
  'InteractionRecorded',
  'MergeCandidateDetected',
  'CustomersMerged',
  'CustomersUnmerged',
  'CustomerErased',
] as const satisfies readonly DomainEventType[];

export type CustomerEvent = DomainEventOf<(typeof customerEventTypes)[number]>;

const customerTypes: ReadonlySet<string> = new Set(customerEventTypes);

export const isCustomerEvent = (event: Pick<DomainEvent, 'type'>): event is CustomerEvent =>
  customerTypes.has(event.type);
