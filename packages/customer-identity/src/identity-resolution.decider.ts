import type { CustomerIdentifier } from '@hub/events';

export type MergePolicy = 'review' | 'auto';

export interface ResolutionInput {
  /** The interaction's identifiers, primary first. */
  readonly identifiers: readonly CustomerIdentifier[];
  /** Who owns each identifier today, by `identifierKey`. */
  readonly owners: ReadonlyMap<string, string>;
  /** The id a new customer gets: derived from the interaction, so a retry makes the same one. */
  readonly newCustomerId: string;
  readonly policy: MergePolicy;
}

export interface Resolution {
  readonly customerId: string;
  readonly isNewCustomer: boolean;
  /** Identifiers no customer owns yet: they become this customer's. */
  readonly identifiersToLink: readonly CustomerIdentifier[];
  /** Other customers owning identifiers of this interaction: evidence they are the same person. */
  readonly otherOwners: readonly string[];
  /** Under the auto policy, the customers merged into `customerId`. */
  readonly mergedIds: readonly string[];
}

export const identifierKey = (identifier: CustomerIdentifier): string => `${identifier.kind}:${identifier.value}`;

/**
 * Who this interaction is from. The owner of the first identifier found, primary first, is the
 * customer; unknown identifiers become theirs; other owners are merge candidates, merged only
 * when the policy says so (wrong automatic merges are what helpdesk users complain of most).
 * An owner equal to `newCustomerId` means an earlier attempt of this same interaction claimed the
 * identifiers and stopped: it is still a new customer.
 */
export function resolveIdentity(input: ResolutionInput): Resolution {
  const owned = input.identifiers
    .map((identifier) => input.owners.get(identifierKey(identifier)))
    .filter((owner): owner is string => owner !== undefined && owner !== input.newCustomerId);
  const customers = [...new Set(owned)];
  const customerId = customers[0] ?? input.newCustomerId;
  const otherOwners = customers.slice(1);
  return {
    customerId,
    isNewCustomer: customers.length === 0,
    identifiersToLink: input.identifiers.filter((identifier) => {
      const owner = input.owners.get(identifierKey(identifier));
      return owner === undefined || owner === input.newCustomerId;
    }),
    otherOwners,
    mergedIds: input.policy === 'auto' ? otherOwners : [],
  };
}
