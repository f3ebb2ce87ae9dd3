// Predictive customer lifetime value: BG/NBD purchases times Gamma–Gamma spend, discounted per
// month, as lifetimes' customer_lifetime_value computes it.
import type { PurchaseModelParameters } from './bg-nbd.likelihood.ts';
import { bgNbdExpectedTransactions, bgNbdProbabilityAlive } from './bg-nbd.predictions.ts';
import { assertUniqueCustomers, type CustomerHistory } from './customer-summary.ts';
import { type GammaGammaParameters, gammaGammaExpectedAverageValue } from './gamma-gamma.ts';

export interface PredictiveClvOptions {
  /** BG/NBD's parameters, or those of its limit when the fit ran there (`BgNbdFit.parameters` either way). */
  readonly bgNbd: PurchaseModelParameters;
  readonly gammaGamma: GammaGammaParameters;
  /** Months ahead, a whole number >= 1 (12: a year). */
  readonly horizonMonths: number;
  /** Discount rate per month (0.01 ≈ 12.7% a year). */
  readonly monthlyDiscountRate: number;
  /** Model time units in a month: 365.25 / 12 / 7 ≈ 4.348 for weeks (the default), 30.4375 for days. */
  readonly periodsPerMonth?: number;
}

export interface PredictiveValue {
  readonly customerId: string;
  readonly probabilityAlive: number;
  /** Purchases expected over the whole horizon. */
  readonly expectedPurchases: number;
  /** E[M]: expected spend per purchase. */
  readonly expectedAverageValue: number;
  /** Σₖ E[M] · (E[Y(k·f)] − E[Y((k−1)·f)]) / (1 + d)ᵏ, k = 1 … horizonMonths. */
  readonly clv: number;
}

export const WEEKS_PER_MONTH = 365.25 / 12 / 7;

/**
 * A negative mₓ (refunds above spend) is taken as 0: the Gamma–Gamma model has no negative
 * spend, and that customer's value per purchase then shrinks toward the population's.
 */
export function predictClv(customers: readonly CustomerHistory[], options: PredictiveClvOptions): PredictiveValue[] {
  assertUniqueCustomers(customers);
  const { bgNbd, gammaGamma, horizonMonths, monthlyDiscountRate } = options;
  const periodsPerMonth = options.periodsPerMonth ?? WEEKS_PER_MONTH;
  if (!(Number.isInteger(horizonMonths) && horizonMonths >= 1))
    throw new RangeError(`horizonMonths must be a whole number >= 1, got ${horizonMonths}`);
  if (!(Number.isFinite(monthlyDiscountRate) && monthlyDiscountRate >= 0))
    throw new RangeError(`monthlyDiscountRate must be >= 0, got ${monthlyDiscountRate}`);
  if (!(Number.isFinite(periodsPerMonth) && periodsPerMonth > 0))
    throw new RangeError(`periodsPerMonth must be positive, got ${periodsPerMonth}`);
  return customers.map((customer) => {
    const expectedAverageValue = gammaGammaExpectedAverageValue(gammaGamma, {
      x: customer.x,
      meanValue: Math.max(customer.meanValue, 0),
    });
    let clv = 0;
    let before = 0;
    for (let month = 1; month <= horizonMonths; month++) {
      const upTo = bgNbdExpectedTransactions(bgNbd, customer, month * periodsPerMonth);
      clv += (expectedAverageValue * (upTo - before)) / (1 + monthlyDiscountRate) ** month;
      before = upTo;
    }
    return {
      customerId: customer.customerId,
      probabilityAlive: bgNbdProbabilityAlive(bgNbd, customer),
      expectedPurchases: before,
      expectedAverageValue,
      clv,
    };
  });
}
