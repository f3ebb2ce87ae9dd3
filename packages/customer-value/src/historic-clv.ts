// Historic customer value: what a customer has brought in, net of what was given back.
import { assertUniqueCustomers } from './customer-summary.ts';

export interface CustomerSpend {
  readonly customerId: string;
  /** ISO 4217 code; every customer of one call must share it (conversion is the caller's). */
  readonly currency: string;
  /** Sum of order amounts. */
  readonly ordered: number;
  /** Sum of refunds and returns, as a positive amount. */
  readonly refunded: number;
}

export interface HistoricValue {
  readonly customerId: string;
  readonly currency: string;
  readonly ordered: number;
  readonly refunded: number;
  /** ordered − refunded; negative when more was refunded than ordered in the period. */
  readonly netValue: number;
}

/**
 * Net value per customer. Amounts are added as given: pass minor units (cents) as integers to
 * keep the arithmetic exact.
 */
export function historicValues(customers: readonly CustomerSpend[]): HistoricValue[] {
  assertUniqueCustomers(customers);
  const currency = customers[0]?.currency;
  return customers.map((customer) => {
    if (customer.currency !== currency)
      throw new RangeError(`customer ${customer.customerId} is in ${customer.currency}, others in ${currency}`);
    if (!(Number.isFinite(customer.ordered) && customer.ordered >= 0))
      throw new RangeError(`ordered of ${customer.customerId} must be a finite amount >= 0`);
    if (!(Number.isFinite(customer.refunded) && customer.refunded >= 0))
      throw new RangeError(`refunded of ${customer.customerId} must be a finite amount >= 0`);
    return { ...customer, netValue: customer.ordered - customer.refunded };
  });
}
