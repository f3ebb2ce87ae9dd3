// The per-customer purchase summary a read model hands over, and its conversion to model inputs.
import type { PurchaseHistory } from './purchase-history.ts';

/** An instant: a Date or an ISO 8601 string. */
export type Instant = Date | string;

export interface CustomerPurchaseSummary {
  readonly customerId: string;
  readonly firstPurchaseAt: Instant;
  readonly lastPurchaseAt: Instant;
  /** Purchases (orders) in all, the first one included: >= 1. */
  readonly purchases: number;
  /** Total spend, net of refunds, in one currency. */
  readonly monetary: number;
  /** Spend of the first purchase, when known: the Gamma–Gamma mean then leaves it out. */
  readonly firstPurchaseValue?: number;
}

export const DAY_MS = 86_400_000;

export function toEpochMs(instant: Instant, label: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`${label} is not a valid instant: ${String(instant)}`);
  return ms;
}

/** Whole days from `from` to `to` (floored), so purchases on the same day tie. */
export function wholeDaysBetween(fromMs: number, toMs: number): number {
  return Math.floor((toMs - fromMs) / DAY_MS);
}

export function assertSummary(summary: CustomerPurchaseSummary, asOfMs: number): { first: number; last: number } {
  const first = toEpochMs(summary.firstPurchaseAt, `firstPurchaseAt of ${summary.customerId}`);
  const last = toEpochMs(summary.lastPurchaseAt, `lastPurchaseAt of ${summary.customerId}`);
  if (!Number.isInteger(summary.purchases) || summary.purchases < 1)
    throw new RangeError(`purchases of ${summary.customerId} must be a whole number >= 1, got ${summary.purchases}`);
  if (!Number.isFinite(summary.monetary)) throw new RangeError(`monetary of ${summary.customerId} must be finite`);
  if (last < first) throw new RangeError(`${summary.customerId} has a last purchase before the first`);
  if (last > asOfMs) throw new RangeError(`${summary.customerId} has a purchase after the as-of instant`);
  return { first, last };
}

export function assertUniqueCustomers(customers: readonly { customerId: string }[]): void {
  const seen = new Set<string>();
  for (const { customerId } of customers) {
    if (seen.has(customerId)) throw new RangeError(`customer ${customerId} appears twice`);
    seen.add(customerId);
  }
}

export interface CustomerHistory extends PurchaseHistory {
  readonly customerId: string;
  /** mₓ: mean spend of the repeat purchases (0 when x = 0). */
  readonly meanValue: number;
}

/**
 * (x, tₓ, T, mₓ) of a summary as of an instant, times in periods of `periodDays` days (7: weeks)
 * counted in whole days, so customers with the same history on a day grid group together in the
 * fits. x = purchases − 1; mₓ leaves the first purchase out when its value is given (as the
 * Gamma–Gamma papers do), else it is the mean over all purchases.
 */
export function toCustomerHistory(summary: CustomerPurchaseSummary, asOf: Instant, periodDays = 7): CustomerHistory {
  if (!(periodDays > 0)) throw new RangeError(`periodDays must be positive, got ${periodDays}`);
  const asOfMs = toEpochMs(asOf, 'asOf');
  const { first, last } = assertSummary(summary, asOfMs);
  const x = summary.purchases - 1;
  const repeatSpend =
    summary.firstPurchaseValue === undefined
      ? (summary.monetary * x) / summary.purchases
      : summary.monetary - summary.firstPurchaseValue;
  return {
    customerId: summary.customerId,
    x,
    tx: x === 0 ? 0 : wholeDaysBetween(first, last) / periodDays,
    T: wholeDaysBetween(first, asOfMs) / periodDays,
    meanValue: x === 0 ? 0 : repeatSpend / x,
  };
}
