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
  /**
   * Identifiers that are only the sender's word (an unsigned widget `identify`): evidence for an
   * agent, never who the interaction is from, never linked, never merged on.
   */
  readonly unverified?: readonly CustomerIdentifier[];
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
 * identifiers and stopped: it is still a new customer. Unverified identifiers only add candidates.
 */
export function resolveIdentity(input: ResolutionInput): Resolution {
  const unverified = new Set((input.unverified ?? []).map(identifierKey));
  const isClaim = (identifier: CustomerIdentifier) => unverified.has(identifierKey(identifier));
  const ownerOf = (identifier: CustomerIdentifier) => {
    const owner = input.owners.get(identifierKey(identifier));
    return owner === input.newCustomerId ? undefined : owner;
  };
  const ownersOf = (identifiers: readonly CustomerIdentifier[]) => [
    ...new Set(identifiers.map(ownerOf).filter((owner): owner is string => owner !== undefined)),
  ];
  const vouched = input.identifiers.filter((identifier) => !isClaim(identifier));
  const customers = ownersOf(vouched);
  const customerId = customers[0] ?? input.newCustomerId;
  const mergeable = customers.slice(1);
  // A claimed identifier's owner is a candidate an agent looks at; the claim itself links nothing:
  // an address typed into a chat would otherwise pull the real owner's later mail to the typist.
  const claimedOwners = ownersOf(input.identifiers.filter(isClaim));
  const otherOwners = [...new Set([...mergeable, ...claimedOwners])].filter((owner) => owner !== customerId);
  return {
    customerId,
    isNewCustomer: customers.length === 0,
    identifiersToLink: vouched.filter((identifier) => ownerOf(identifier) === undefined),
    otherOwners,
    mergedIds: input.policy === 'auto' ? mergeable : [],
  };
}
