import type { Decider } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { Actor, DomainEventOf, OrderLine } from '@hub/events';
import { canonicalAmount, fromUnits, lineAmount, sumAmounts, toUnits } from './money.ts';

export type OrderEvent =
  | DomainEventOf<'OrderPlaced'>
  | DomainEventOf<'OrderLinesReturned'>
  | DomainEventOf<'OrderRefunded'>;

export const isOrderEvent = (event: { type: string }): event is OrderEvent =>
  event.type === 'OrderPlaced' || event.type === 'OrderLinesReturned' || event.type === 'OrderRefunded';

export interface OrderLineInput {
  readonly productId: string;
  readonly quantity: number;
  readonly unitAmount: string;
}

export interface PlaceOrder {
  readonly kind: 'PlaceOrder';
  readonly orderId: string;
  readonly customerId: string;
  readonly placedAt: string;
  readonly currency: string;
  readonly lines: readonly OrderLineInput[];
  readonly source: 'api' | 'csv';
  readonly actor: Actor;
}

export interface ReturnOrderLines {
  readonly kind: 'ReturnOrderLines';
  readonly returnId: string;
  readonly lines: readonly { readonly line: number; readonly quantity: number }[];
  readonly at: string;
  readonly actor: Actor;
}

export interface RefundOrder {
  readonly kind: 'RefundOrder';
  readonly refundId: string;
  readonly amount: string;
  readonly at: string;
  readonly actor: Actor;
}

export type OrderCommand = PlaceOrder | ReturnOrderLines | RefundOrder;

export interface PlacedOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly placedAt: string;
  readonly currency: string;
  readonly lines: readonly OrderLine[];
  readonly total: string;
}

export interface OrderState {
  readonly order: PlacedOrder | null;
  /** Quantity returned so far, by line number. */
  readonly returned: Readonly<Record<number, number>>;
  /** Each recorded return's lines, by its id, to tell a retry from a different return. */
  readonly returns: Readonly<Record<string, string>>;
  readonly refunded: string;
  readonly refunds: Readonly<Record<string, string>>;
}

export const initialOrderState: OrderState = { order: null, returned: {}, returns: {}, refunded: '0.00', refunds: {} };

/** The content two placements of one order id must share to be the same order (not the buyer: see README). */
const sameOrder = (placed: PlacedOrder, command: PlaceOrder) =>
  Date.parse(placed.placedAt) === Date.parse(command.placedAt) &&
  placed.currency === command.currency &&
  placed.lines.length === command.lines.length &&
  placed.lines.every((line, i) => {
    const other = command.lines[i];
    return (
      other !== undefined &&
      line.productId === other.productId &&
      line.quantity === other.quantity &&
      toUnits(line.unitAmount) === toUnits(other.unitAmount)
    );
  });

/** Quantities by line, in line order: how a retry of one return is recognised. */
function returnFingerprint(lines: ReturnOrderLines['lines']): string {
  const byLine = new Map<number, number>();
  for (const { line, quantity } of lines) byLine.set(line, (byLine.get(line) ?? 0) + quantity);
  return [...byLine]
    .sort(([a], [b]) => a - b)
    .map(([line, quantity]) => `${line}x${quantity}`)
    .join(',');
}

function place(command: PlaceOrder, state: OrderState): OrderEvent[] {
  if (state.order) {
    if (sameOrder(state.order, command)) return [];
    throw new HubError(
      'ORDER_CONFLICT',
      `order ${command.orderId} was already placed with other content (time, currency or lines); nothing was written`,
      { orderId: command.orderId },
    );
  }
  const lines = command.lines.map((l, i) => ({
    line: i + 1,
    productId: l.productId,
    quantity: l.quantity,
    unitAmount: canonicalAmount(l.unitAmount),
    amount: lineAmount(l.unitAmount, l.quantity),
  }));
  const data = {
    orderId: command.orderId,
    customerId: command.customerId,
    placedAt: command.placedAt,
    currency: command.currency,
    lines,
    total: sumAmounts(lines.map((l) => l.amount)),
    source: command.source,
    actor: command.actor,
  };
  return [{ type: 'OrderPlaced', data }];
}

function returnLines(command: ReturnOrderLines, order: PlacedOrder, state: OrderState): OrderEvent[] {
  const fingerprint = returnFingerprint(command.lines);
  const earlier = state.returns[command.returnId];
  if (earlier !== undefined) {
    if (earlier === fingerprint) return [];
    throw new HubError('ORDER_CONFLICT', `return ${command.returnId} was already recorded with other lines`);
  }
  const asked = new Map<number, number>();
  for (const { line, quantity } of command.lines) asked.set(line, (asked.get(line) ?? 0) + quantity);
  const lines = [...asked].map(([number, quantity]) => {
    const bought = order.lines[number - 1];
    if (!bought) {
      throw new HubError('INVALID_INPUT', `order ${order.orderId} has no line ${number}`, { field: 'lines' });
    }
    const left = bought.quantity - (state.returned[number] ?? 0);
    if (quantity > left) {
      throw new HubError(
        'ORDER_CONFLICT',
        `line ${number} of order ${order.orderId}: ${quantity} to return but only ${left} of ${bought.quantity} bought are not returned yet`,
        { line: number, left },
      );
    }
    return { line: number, productId: bought.productId, quantity, amount: lineAmount(bought.unitAmount, quantity) };
  });
  const data = {
    orderId: order.orderId,
    customerId: order.customerId,
    returnId: command.returnId,
    lines,
    amount: sumAmounts(lines.map((l) => l.amount)),
    at: command.at,
    actor: command.actor,
  };
  return [{ type: 'OrderLinesReturned', data }];
}

function refund(command: RefundOrder, order: PlacedOrder, state: OrderState): OrderEvent[] {
  const amount = canonicalAmount(command.amount);
  const earlier = state.refunds[command.refundId];
  if (earlier !== undefined) {
    if (earlier === amount) return [];
    throw new HubError('ORDER_CONFLICT', `refund ${command.refundId} was already recorded with another amount`);
  }
  if (toUnits(amount) === 0n) throw new HubError('INVALID_INPUT', 'a refund is more than 0', { field: 'amount' });
  const left = toUnits(order.total) - toUnits(state.refunded);
  if (toUnits(amount) > left) {
    throw new HubError(
      'ORDER_CONFLICT',
      `order ${order.orderId}: refunding ${amount} ${order.currency} but only ${fromUnits(left)} of ${order.total} paid is not refunded yet`,
      { left: fromUnits(left) },
    );
  }
  const data = {
    orderId: order.orderId,
    customerId: order.customerId,
    refundId: command.refundId,
    amount,
    at: command.at,
    actor: command.actor,
  };
  return [{ type: 'OrderRefunded', data }];
}

/**
 * One order, in its own stream (`orderStream`): placed once (the same order again changes nothing,
 * the same id with other content is refused), lines returned no more than were bought, refunds no
 * more than was paid. Returns and refunds are separate facts: a return does not refund by itself.
 */
export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  initialState: initialOrderState,
  decide(command, state) {
    if (command.kind === 'PlaceOrder') return place(command, state);
    if (!state.order) throw new HubError('NOT_FOUND', 'no such order');
    switch (command.kind) {
      case 'ReturnOrderLines':
        return returnLines(command, state.order, state);
      case 'RefundOrder':
        return refund(command, state.order, state);
      default:
        return command satisfies never;
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'OrderPlaced': {
        const { orderId, customerId, placedAt, currency, lines, total } = event.data;
        return { ...state, order: { orderId, customerId, placedAt, currency, lines, total } };
      }
      case 'OrderLinesReturned': {
        const returned = { ...state.returned };
        for (const { line, quantity } of event.data.lines) returned[line] = (returned[line] ?? 0) + quantity;
        const returns = { ...state.returns, [event.data.returnId]: returnFingerprint(event.data.lines) };
        return { ...state, returned, returns };
      }
      case 'OrderRefunded':
        return {
          ...state,
          refunded: sumAmounts([state.refunded, event.data.amount]),
          refunds: { ...state.refunds, [event.data.refundId]: event.data.amount },
        };
      default:
        return event satisfies never;
    }
  },
};
