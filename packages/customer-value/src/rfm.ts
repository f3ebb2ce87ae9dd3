// RFM: recency, frequency and monetary value per customer, quintile scores over the customers
// given, and a named segment.
import {
  assertSummary,
  assertUniqueCustomers,
  type CustomerPurchaseSummary,
  type Instant,
  toEpochMs,
  wholeDaysBetween,
} from './customer-summary.ts';
import { scoreQuintiles } from './quintile-scores.ts';
import { frequencyMonetaryScore, type RfmSegment, segmentOf } from './rfm-segments.ts';

export interface RfmScore {
  readonly customerId: string;
  /** Whole days from the last purchase to the as-of instant. */
  readonly recencyDays: number;
  /** Purchases in all. */
  readonly frequency: number;
  readonly monetary: number;
  readonly recencyScore: number;
  readonly frequencyScore: number;
  readonly monetaryScore: number;
  /** ⌊(F + M) / 2⌋, the column of the segment grid. */
  readonly frequencyMonetaryScore: number;
  /** "R F M" digits, e.g. "545". */
  readonly code: string;
  readonly segment: RfmSegment;
}

/**
 * Scores every customer against the others given (so the population is the caller's choice:
 * all customers, one market...). Output is in input order.
 */
export function scoreRfm(customers: readonly CustomerPurchaseSummary[], asOf: Instant): RfmScore[] {
  assertUniqueCustomers(customers);
  const asOfMs = toEpochMs(asOf, 'asOf');
  const recency = customers.map((customer) => wholeDaysBetween(assertSummary(customer, asOfMs).last, asOfMs));
  const r = scoreQuintiles(recency, false);
  const f = scoreQuintiles(customers.map((customer) => customer.purchases));
  const m = scoreQuintiles(customers.map((customer) => customer.monetary));
  return customers.map((customer, i) => {
    const recencyScore = r[i] as number;
    const frequencyScore = f[i] as number;
    const monetaryScore = m[i] as number;
    const fm = frequencyMonetaryScore(frequencyScore, monetaryScore);
    return {
      customerId: customer.customerId,
      recencyDays: recency[i] as number,
      frequency: customer.purchases,
      monetary: customer.monetary,
      recencyScore,
      frequencyScore,
      monetaryScore,
      frequencyMonetaryScore: fm,
      code: `${recencyScore}${frequencyScore}${monetaryScore}`,
      segment: segmentOf(recencyScore, fm),
    };
  });
}
