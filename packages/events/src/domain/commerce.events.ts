import { z } from 'zod';
import { Actor, CustomerId } from './values.ts';

// Commerce facts: the product reference list and each order's life (placed, lines returned,
// refunded), so customer value can be computed from the history. Money is a decimal string with up
// to 4 fraction digits ("12.50", "1200"), in the order's ISO 4217 currency: exact in every
// language and in PostgreSQL's numeric, with no per-currency minor-unit table to keep. None of
// these fields is personal data: the buyer is named by the customer id only (its identifiers were
// resolved and linked on the customer's own stream, sealed there).

const Instant = z.string().datetime({ offset: true });

/** A shop's own id for a product or an order: letters, digits and `._:-`, up to 100 characters. */
export const CommerceId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'letters, digits and ._:- only');

/** Non-negative, at most 15 integer and 4 fraction digits. */
export const Amount = z.string().regex(/^\d{1,15}(\.\d{1,4})?$/, 'a decimal amount such as 12.50');

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');

export const ProductDefined = z.object({
  productId: CommerceId,
  name: z.string().min(1).max(500),
  category: z.string().min(1).max(200).nullable(),
  actor: Actor,
  at: Instant,
});

export const ProductChanged = ProductDefined;

export const OrderLine = z.object({
  /** 1-based place of the line in the order; returns name lines by it. */
  line: z.number().int().min(1),
  productId: CommerceId,
  quantity: z.number().int().min(1).max(1_000_000),
  unitAmount: Amount,
  /** quantity x unitAmount. */
  amount: Amount,
});
export type OrderLine = z.infer<typeof OrderLine>;

export const OrderPlaced = z.object({
  orderId: CommerceId,
  customerId: CustomerId,
  placedAt: Instant,
  currency: Currency,
  lines: z.array(OrderLine).min(1).max(1000),
  /** The sum of the lines' amounts. */
  total: Amount,
  /** How it reached the hub. */
  source: z.enum(['api', 'csv']),
  actor: Actor,
});

export const ReturnedLine = z.object({
  line: z.number().int().min(1),
  productId: CommerceId,
  quantity: z.number().int().min(1),
  /** quantity x the line's unit amount. */
  amount: Amount,
});

export const OrderLinesReturned = z.object({
  orderId: CommerceId,
  customerId: CustomerId,
  /** The shop's id for this return: a retry with the same id records it once. */
  returnId: CommerceId,
  lines: z.array(ReturnedLine).min(1).max(1000),
  amount: Amount,
  at: Instant,
  actor: Actor,
});

export const OrderRefunded = z.object({
  orderId: CommerceId,
  customerId: CustomerId,
  refundId: CommerceId,
  amount: Amount,
  at: Instant,
  actor: Actor,
});
