import type { CustomerEvent, CustomerIdentifier } from '@hub/events';
import { identifierKey } from './identity-resolution.decider.ts';

/** An identifier as a customer's own stream linked it, and the interaction that revealed it. */
export interface LinkedIdentifier {
  readonly customerId: string;
  readonly identifier: CustomerIdentifier;
  readonly interactionId: string | null;
}

export interface DirectoryCustomer {
  /** When the customer first appeared in the store, among all customers (0 first). */
  readonly order: number;
  erased: boolean;
  mergedInto: string | null;
  /** By `identifierKey`, as linked (spelled as the writer then stored them). */
  readonly identifiers: Map<string, LinkedIdentifier>;
}

/**
 * Every customer of the store with what the identity repair needs: identifiers as linked, merges,
 * erasures, and the pairs already offered as merge candidates. Filled event by event in store
 * order by `recordCustomerEvent`; mutable because it holds every customer (a copy per event would
 * make a pass over a hundred thousand customers quadratic).
 */
export interface CustomerDirectory {
  readonly customers: Map<string, DirectoryCustomer>;
  /** `a|b` with `a < b`: customers already offered to an agent as one person. */
  readonly offeredPairs: Set<string>;
}

export const emptyCustomerDirectory = (): CustomerDirectory => ({ customers: new Map(), offeredPairs: new Set() });

export const offeredPair = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

function customerIn(directory: CustomerDirectory, customerId: string): DirectoryCustomer {
  let customer = directory.customers.get(customerId);
  if (!customer) {
    customer = { order: directory.customers.size, erased: false, mergedInto: null, identifiers: new Map() };
    directory.customers.set(customerId, customer);
  }
  return customer;
}

/** Folds one event of a customer stream into the directory. */
export function recordCustomerEvent(directory: CustomerDirectory, event: CustomerEvent): void {
  switch (event.type) {
    case 'CustomerRegistered':
    case 'InteractionRecorded':
      customerIn(directory, event.data.customerId);
      return;
    case 'CustomerIdentifierLinked': {
      const { customerId, identifier, interactionId } = event.data;
      customerIn(directory, customerId).identifiers.set(identifierKey(identifier), {
        customerId,
        identifier,
        interactionId,
      });
      return;
    }
    case 'CustomerIdentifierUnlinked':
      customerIn(directory, event.data.customerId).identifiers.delete(identifierKey(event.data.identifier));
      return;
    case 'MergeCandidateDetected':
      for (const candidateId of event.data.candidateIds)
        directory.offeredPairs.add(offeredPair(event.data.customerId, candidateId));
      return;
    case 'CustomersMerged':
      customerIn(directory, event.data.survivorId);
      customerIn(directory, event.data.mergedId).mergedInto = event.data.survivorId;
      return;
    case 'CustomersUnmerged': {
      const restored = customerIn(directory, event.data.restoredId);
      if (restored.mergedInto === event.data.survivorId) restored.mergedInto = null;
      return;
    }
    case 'CustomerErased':
      customerIn(directory, event.data.customerId).erased = true;
      return;
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled customer event ${(unhandled as CustomerEvent).type}`);
    }
  }
}
