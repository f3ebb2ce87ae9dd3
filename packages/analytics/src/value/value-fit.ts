import {
  type BgNbdFit,
  bgNbdExpectedTransactions,
  type CustomerPurchaseSummary,
  fitBgNbd,
  fitGammaGamma,
  type GammaGammaFit,
  type PurchaseModelParameters,
  toCustomerHistory,
} from '@hub/customer-value';
import type { CustomerPurchases } from './value-population.ts';

// The BG/NBD and Gamma–Gamma fits of a population, or why there is none: pure, so the reader
// can cache it (a fit costs about a second at 100,000 customers).

export interface FitMinimums {
  /** Customers with a purchase before the fit's instant. */
  readonly customers: number;
  /** Of them, customers with a repeat purchase (x >= 1) and a positive mean spend. */
  readonly repeatCustomers: number;
}

/** Below these, a maximum-likelihood fit says more about the optimiser than about the customers. */
export const DEFAULT_FIT_MINIMUMS: FitMinimums = { customers: 20, repeatCustomers: 5 };

export type FitProblem = 'too-few-customers' | 'too-few-repeat-customers' | 'spend-model-unbounded' | 'fit-degenerate';

export type ValueFit =
  | {
      readonly status: 'fitted';
      readonly dataAsOf: string;
      readonly bgNbd: BgNbdFit;
      readonly gammaGamma: GammaGammaFit;
    }
  | {
      readonly status: 'insufficient-data';
      readonly dataAsOf: string;
      readonly reason: FitProblem;
      readonly customers: number;
      readonly repeatCustomers: number;
    };

export const summaryOf = (customer: CustomerPurchases): CustomerPurchaseSummary => ({
  customerId: customer.customerId,
  firstPurchaseAt: customer.firstPurchaseAt,
  lastPurchaseAt: customer.lastPurchaseAt,
  purchases: customer.purchases,
  monetary: customer.ordered - customer.refunded,
});

/** Times in weeks on a day grid (`toCustomerHistory`), spend net of refunds. */
export function fitValueModels(
  population: readonly CustomerPurchases[],
  dataAsOf: Date,
  minimums: FitMinimums = DEFAULT_FIT_MINIMUMS,
): ValueFit {
  const cut = dataAsOf.toISOString();
  const histories = population
    .filter((customer) => customer.lastPurchaseAt <= cut)
    .map((customer) => toCustomerHistory(summaryOf(customer), dataAsOf));
  const spends = histories.filter((h) => h.x >= 1 && h.meanValue > 0).map((h) => ({ x: h.x, meanValue: h.meanValue }));
  const short = (reason: FitProblem): ValueFit => ({
    status: 'insufficient-data',
    dataAsOf: cut,
    reason,
    customers: histories.length,
    repeatCustomers: spends.length,
  });
  if (histories.length < minimums.customers) return short('too-few-customers');
  if (spends.length < minimums.repeatCustomers) return short('too-few-repeat-customers');
  const bgNbd = fitBgNbd(histories);
  const gammaGamma = fitGammaGamma(spends);
  // q <= 1: the population's mean spend per purchase is infinite, no value can be expected.
  if (gammaGamma.parameters.q <= 1) return short('spend-model-unbounded');
  if (!predictsWithin(bgNbd.parameters)) return short('fit-degenerate');
  return { status: 'fitted', dataAsOf: cut, bgNbd, gammaGamma };
}

/** The longest horizon the API offers (120 months, in weeks). */
const LONGEST_HORIZON = 120 * (365.25 / 12 / 7);

/**
 * BG/NBD's own edge (a, b → ∞ or a → 0: no spread of drop-out probabilities in the data) is no
 * problem any more: `fitBgNbd` then fits the limit it runs to (`bgNbd.model` says which). What is
 * left is a fit whose expectation still cannot be computed (an edge of r or α). Probed once on
 * the slowest case, a new customer over the longest horizon, so a request never fails half-way
 * through its customers.
 */
function predictsWithin(parameters: PurchaseModelParameters): boolean {
  try {
    return Number.isFinite(bgNbdExpectedTransactions(parameters, { x: 0, tx: 0, T: 0 }, LONGEST_HORIZON));
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** The fit's instant for a request: 00:00 UTC of the as-of day (so one fit serves the whole day). */
export const fitInstantOf = (asOf: Date): Date => new Date(Math.floor(asOf.getTime() / 86_400_000) * 86_400_000);
