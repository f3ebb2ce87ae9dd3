import {
  assignWalletTiers,
  predictClv,
  type RfmScore,
  scoreRfm,
  toCustomerHistory,
  type WalletTier,
  type WalletTierReason,
} from '@hub/customer-value';
import { summaryOf, type ValueFit } from './value-fit.ts';
import { type CustomerPurchases, money } from './value-population.ts';

// Each customer's RFM scores and segment, historic value and, when the models could be fitted,
// predictive CLV and share-of-wallet tier: pure, over a population read as of one instant.

export interface PredictionSettings {
  readonly horizonMonths: number;
  /** Per month. */
  readonly monthlyDiscountRate: number;
}

export interface CustomerValue {
  readonly customerId: string;
  readonly rfm: RfmScore;
  readonly ordered: number;
  readonly refunded: number;
  /** Historic value: ordered − refunded. */
  readonly netValue: number;
  readonly predictive: {
    readonly clv: number;
    readonly probabilityAlive: number;
    readonly expectedPurchases: number;
    readonly expectedAverageValue: number;
  } | null;
  readonly tier: { readonly tier: WalletTier; readonly reason: WalletTierReason } | null;
}

/** In the population's order (by customer id). */
export function valueCustomers(
  population: readonly CustomerPurchases[],
  asOf: Date,
  fit: ValueFit | null,
  settings: PredictionSettings,
): CustomerValue[] {
  const rfm = scoreRfm(population.map(summaryOf), asOf);
  const predictions =
    fit?.status === 'fitted' && population.length > 0
      ? predictClv(
          population.map((customer) => toCustomerHistory(summaryOf(customer), asOf)),
          {
            bgNbd: fit.bgNbd.parameters,
            gammaGamma: fit.gammaGamma.parameters,
            horizonMonths: settings.horizonMonths,
            monthlyDiscountRate: settings.monthlyDiscountRate,
          },
        )
      : null;
  const tiers = predictions
    ? assignWalletTiers(
        predictions.map((p, i) => ({
          customerId: p.customerId,
          historicValue: (population[i] as CustomerPurchases).ordered - (population[i] as CustomerPurchases).refunded,
          predictiveClv: p.clv,
          probabilityAlive: p.probabilityAlive,
        })),
      )
    : null;
  return population.map((customer, i) => {
    const predicted = predictions?.[i];
    const tier = tiers?.[i];
    return {
      customerId: customer.customerId,
      rfm: rfm[i] as RfmScore,
      ordered: customer.ordered,
      refunded: customer.refunded,
      netValue: money(customer.ordered - customer.refunded),
      predictive: predicted
        ? {
            clv: money(predicted.clv),
            probabilityAlive: predicted.probabilityAlive,
            expectedPurchases: predicted.expectedPurchases,
            expectedAverageValue: money(predicted.expectedAverageValue),
          }
        : null,
      tier: tier ? { tier: tier.tier, reason: tier.reason } : null,
    };
  });
}
