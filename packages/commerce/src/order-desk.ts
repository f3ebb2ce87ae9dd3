import { handleCommand, loadAggregate } from '@hub/decider';
import { HubError, isHubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { type Actor, type Channel, type CustomerIdentifier, orderStream, productStream } from '@hub/events';
import { uuidV5 } from '@hub/interactions';
import {
  isOrderEvent,
  type OrderLineInput,
  type OrderState,
  orderDecider,
  type PlaceOrder,
  type RefundOrder,
  type ReturnOrderLines,
} from './order.decider.ts';
import { type DefineProduct, isProductEvent, productDecider } from './product.decider.ts';

/** A buyer as the shop names them; identifiers already normalised, the strongest first. */
export interface Buyer {
  readonly identifiers: readonly CustomerIdentifier[];
  readonly displayName: string | null;
}

/**
 * Who a buyer is, by the timeline writer's own resolution (`resolveContact` of
 * `@hub/timeline-writer`): the composition root hands it in, so orders and interactions name
 * one customer for one identifier.
 */
export type CustomerResolver = (contact: {
  readonly sourceId: string;
  readonly identifiers: readonly CustomerIdentifier[];
  readonly occurredAt: string;
  readonly channel: Channel;
  readonly displayName: string | null;
}) => Promise<{ readonly customerId: string }>;

export interface OrderToPlace {
  readonly orderId: string;
  readonly placedAt: string;
  readonly currency: string;
  readonly buyer: Buyer;
  readonly lines: readonly OrderLineInput[];
}

export type PlaceOutcome =
  | { readonly outcome: 'created'; readonly orderId: string; readonly customerId: string }
  | { readonly outcome: 'duplicate'; readonly orderId: string; readonly customerId: string }
  | { readonly outcome: 'refused'; readonly orderId: string; readonly code: string; readonly reason: string };

export interface OrderDesk {
  /** Places an order; a refusal is thrown as a `HubError`. */
  place(order: OrderToPlace, how: { actor: Actor; source: 'api' | 'csv' }): Promise<PlaceOutcome>;
  /** `place`, with a refusal as an outcome instead of a throw (batches, imports). */
  placeOrRefuse(order: OrderToPlace, how: { actor: Actor; source: 'api' | 'csv' }): Promise<PlaceOutcome>;
  returnLines(orderId: string, command: Omit<ReturnOrderLines, 'kind'>): Promise<OrderChange>;
  refund(orderId: string, command: Omit<RefundOrder, 'kind'>): Promise<OrderChange>;
  /** The order's state from its stream (null: never placed). */
  find(orderId: string): Promise<{ state: OrderState; revision: number } | null>;
  defineProduct(command: Omit<DefineProduct, 'kind'>): Promise<{ changed: boolean; revision: number }>;
  /** The ids among these that name no product of the reference list. */
  unknownProducts(productIds: readonly string[]): Promise<string[]>;
}

export interface OrderChange {
  readonly changed: boolean;
  readonly revision: number;
  readonly state: OrderState;
}

/** Known products are remembered (they are never removed), up to this many. */
const KNOWN_PRODUCTS_CACHE = 100_000;

/**
 * Commands on orders and products through their deciders. Event ids derive from the order id (and
 * the return's or refund's own id), the buyer's customer id from the order id too, so a retried
 * request or a re-imported file writes nothing twice.
 */
export function createOrderDesk(deps: { store: EventStore; resolveCustomer: CustomerResolver }): OrderDesk {
  const { store } = deps;
  const knownProducts = new Set<string>();

  const unknownProducts = async (productIds: readonly string[]) => {
    const unknown: string[] = [];
    for (const productId of new Set(productIds)) {
      if (knownProducts.has(productId)) continue;
      const events = await store.readStream(productStream(productId), { maxCount: 1 });
      if (events.length === 0) {
        unknown.push(productId);
        continue;
      }
      if (knownProducts.size >= KNOWN_PRODUCTS_CACHE) knownProducts.clear();
      knownProducts.add(productId);
    }
    return unknown;
  };

  const orderContext = (orderId: string, key: string, at: string) => ({
    id: uuidV5(`order:${orderId}:${key}`),
    occurredAt: new Date(at),
    correlationId: `order:${orderId}`,
  });

  const place: OrderDesk['place'] = async (order, how) => {
    const streamId = orderStream(order.orderId);
    const command = (customerId: string): PlaceOrder => ({
      kind: 'PlaceOrder',
      orderId: order.orderId,
      customerId,
      placedAt: order.placedAt,
      currency: order.currency,
      lines: order.lines,
      source: how.source,
      actor: how.actor,
    });
    // Placed already: a duplicate or a conflict, decided before anything else is looked up or
    // written (no customer is resolved, so a re-import after an erasure brings nobody back).
    const current = await loadAggregate(store, streamId, orderDecider, isOrderEvent);
    if (current.state.order) {
      orderDecider.decide(command(current.state.order.customerId), current.state);
      return { outcome: 'duplicate', orderId: order.orderId, customerId: current.state.order.customerId };
    }
    const unknown = await unknownProducts(order.lines.map((line) => line.productId));
    if (unknown.length > 0) {
      throw new HubError('INVALID_INPUT', `unknown product ${unknown.join(', ')}: define it first (PUT /v1/products)`, {
        field: 'lines',
      });
    }
    if (order.buyer.identifiers.length === 0) {
      throw new HubError('INVALID_INPUT', 'the order names no customer: give an email, a phone or a customer id', {
        field: 'customer',
      });
    }
    const { customerId } = await deps.resolveCustomer({
      sourceId: `order:${order.orderId}`,
      identifiers: order.buyer.identifiers,
      occurredAt: order.placedAt,
      channel: 'generic',
      displayName: order.buyer.displayName,
    });
    const result = await handleCommand({
      store,
      streamId,
      decider: orderDecider,
      command: command(customerId),
      isEvent: isOrderEvent,
      eventContext: (event) => orderContext(order.orderId, event.type, order.placedAt),
    });
    const placed = result.state.order?.customerId ?? customerId;
    // Empty: the same order was placed meanwhile by another request.
    return { outcome: result.events.length > 0 ? 'created' : 'duplicate', orderId: order.orderId, customerId: placed };
  };

  const change = async (orderId: string, command: ReturnOrderLines | RefundOrder, key: string) => {
    const result = await handleCommand({
      store,
      streamId: orderStream(orderId),
      decider: orderDecider,
      command,
      isEvent: isOrderEvent,
      eventContext: (event) => orderContext(orderId, `${event.type}:${key}`, command.at),
    });
    return { changed: result.events.length > 0, revision: result.revision, state: result.state };
  };

  return {
    place,
    async placeOrRefuse(order, how) {
      try {
        return await place(order, how);
      } catch (error) {
        // Only the order's own refusals; an outage or a bug stops the batch.
        if (!isHubError(error) || error.httpStatus >= 500 || error.httpStatus === 401 || error.httpStatus === 403)
          throw error;
        return { outcome: 'refused', orderId: order.orderId, code: error.code, reason: error.message };
      }
    },
    returnLines: (orderId, command) => change(orderId, { kind: 'ReturnOrderLines', ...command }, command.returnId),
    refund: (orderId, command) => change(orderId, { kind: 'RefundOrder', ...command }, command.refundId),
    async find(orderId) {
      const loaded = await loadAggregate(store, orderStream(orderId), orderDecider, isOrderEvent);
      return loaded.state.order ? loaded : null;
    },
    async defineProduct(command) {
      const result = await handleCommand({
        store,
        streamId: productStream(command.productId),
        decider: productDecider,
        command: { kind: 'DefineProduct', ...command },
        isEvent: isProductEvent,
        eventContext: (_event, _index, state) => ({
          // The definition's content and the revision it follows: a retry is the same event.
          id: uuidV5(
            `product:${command.productId}:${state.product ? 'changed' : 'defined'}:${command.name}:${command.category}:${command.at}`,
          ),
          occurredAt: new Date(command.at),
        }),
      });
      knownProducts.add(command.productId);
      return { changed: result.events.length > 0, revision: result.revision };
    },
    unknownProducts,
  };
}
