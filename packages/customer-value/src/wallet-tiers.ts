// Share-of-wallet tiers: where to invest effort, from what a customer has brought (historic
// value) and what they are expected to bring (predictive CLV, probability alive).
import { assertUniqueCustomers } from './customer-summary.ts';
import { scoreQuintiles } from './quintile-scores.ts';

export type WalletTier = 'invest-high' | 'invest-medium' | 'invest-none';

/** Which rule placed the customer; stable ids that user interfaces translate. */
export type WalletTierReason =
  | 'likely-lapsed'
  | 'top-potential'
  | 'top-value-with-potential'
  | 'good-potential'
  | 'proven-value'
  | 'low-potential';

export interface CustomerValueAndPotential {
  readonly customerId: string;
  /** Historic net value. */
  readonly historicValue: number;
  /** Predictive CLV over the chosen horizon. */
  readonly predictiveClv: number;
  readonly probabilityAlive: number;
}

export interface WalletTierOptions {
  /** Below this P(alive) a customer is taken as gone, whatever the rest. Default 0.3. */
  readonly minProbabilityAlive?: number;
}

export interface WalletTierAssignment {
  readonly customerId: string;
  readonly tier: WalletTier;
  readonly reason: WalletTierReason;
  /** Quintile score 1–5 of historic value among the customers given. */
  readonly valueScore: number;
  /** Quintile score 1–5 of predictive CLV among the customers given. */
  readonly potentialScore: number;
}

/**
 * Rules, first match wins (scores as in RFM: 1 + ⌊5 · share of customers strictly below⌋):
 * 1. P(alive) < minProbabilityAlive → invest-none (likely-lapsed);
 * 2. potential 5 → invest-high (top-potential);
 * 3. value 5 and potential >= 3 → invest-high (top-value-with-potential);
 * 4. potential >= 4 → invest-medium (good-potential);
 * 5. value >= 4 → invest-medium (proven-value);
 * 6. otherwise → invest-none (low-potential).
 */
export function assignWalletTiers(
  customers: readonly CustomerValueAndPotential[],
  options?: WalletTierOptions,
): WalletTierAssignment[] {
  assertUniqueCustomers(customers);
  const minProbabilityAlive = options?.minProbabilityAlive ?? 0.3;
  for (const customer of customers)
    if (!(customer.probabilityAlive >= 0 && customer.probabilityAlive <= 1))
      throw new RangeError(`probabilityAlive of ${customer.customerId} must lie in [0, 1]`);
  const value = scoreQuintiles(customers.map((customer) => customer.historicValue));
  const potential = scoreQuintiles(customers.map((customer) => customer.predictiveClv));
  return customers.map((customer, i) => {
    const valueScore = value[i] as number;
    const potentialScore = potential[i] as number;
    const [tier, reason] = decideTier(customer.probabilityAlive < minProbabilityAlive, valueScore, potentialScore);
    return { customerId: customer.customerId, tier, reason, valueScore, potentialScore };
  });
}

function decideTier(lapsed: boolean, valueScore: number, potentialScore: number): [WalletTier, WalletTierReason] {
  if (lapsed) return ['invest-none', 'likely-lapsed'];
  if (potentialScore === 5) return ['invest-high', 'top-potential'];
  if (valueScore === 5 && potentialScore >= 3) return ['invest-high', 'top-value-with-potential'];
  if (potentialScore >= 4) return ['invest-medium', 'good-potential'];
  if (valueScore >= 4) return ['invest-medium', 'proven-value'];
  return ['invest-none', 'low-potential'];
}
