import { handleCommand, loadAggregate } from '@hub/decider';
import type { EventStore } from '@hub/event-store';
import { type Actor, type Channel, type CustomerIdentifier, orderStream, productStream } from '@hub/events';
import { uuidV5 } from '@hub/interactions';
import {
  isOrderEvent,
  type OrderLineInput,
  type OrderState,
  orderDecider,
  type RefundOrder,
  type ReturnOrderLines,
} from './order.decider.ts';
import { type CustomersResolver, orderContext, orderPlacing, type Placement } from './order-placing.ts';
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
  /**
   * `placeOrRefuse` for each order in turn, with the same outcomes, in a few round trips a few
   * hundred orders (an import): see `orderPlacing`. An outage stops it (thrown).
   */
  placeAll(orders: readonly OrderToPlace[], how: { actor: Actor; source: 'api' | 'csv' }): Promise<PlaceOutcome[]>;
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
/** Product streams read in one call. */
const PRODUCTS_READ_AT_ONCE = 500;

const told = (placement: Placement): PlaceOutcome =>
  placement.outcome === 'refused'
    ? { outcome: 'refused', orderId: placement.orderId, code: placement.error.code, reason: placement.error.message }
    : placement;

/**
 * Commands on orders and products through their deciders. Event ids derive from the order id (and
 * the return's or refund's own id), the buyer's customer id from the order id too, so a retried
 * request or a re-imported file writes nothing twice. Buyers are resolved by `resolveCustomers`
 * when given (the writer's batch form), else one by one by `resolveCustomer`.
 */
export function createOrderDesk(deps: {
  store: EventStore;
  resolveCustomer: CustomerResolver;
  resolveCustomers?: CustomersResolver;
}): OrderDesk {
  const { store } = deps;
  const knownProducts = new Set<string>();

  const unknownProducts = async (productIds: readonly string[]) => {
    const asked = [...new Set(productIds)].filter((id) => !knownProducts.has(id));
    const unknown: string[] = [];
    for (let from = 0; from < asked.length; from += PRODUCTS_READ_AT_ONCE) {
      const ids = asked.slice(from, from + PRODUCTS_READ_AT_ONCE);
      const streams = await store.readStreams(ids.map(productStream));
      ids.forEach((productId, i) => {
        if ((streams[i]?.length ?? 0) === 0) {
          unknown.push(productId);
          return;
        }
        if (knownProducts.size >= KNOWN_PRODUCTS_CACHE) knownProducts.clear();
        knownProducts.add(productId);
      });
    }
    return unknown;
  };

  const resolveOneByOne: CustomersResolver = async (contacts) => {
    const customers: { customerId: string }[] = [];
    for (const contact of contacts) customers.push(await deps.resolveCustomer(contact));
    return customers;
  };
  const placing = orderPlacing({
    store,
    resolveCustomers: deps.resolveCustomers ?? resolveOneByOne,
    unknownProducts,
  });

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
    async place(order, how) {
      const [placement] = await placing.placeAll([order], how);
      if (!placement) throw new Error(`order ${order.orderId} was not placed`);
      if (placement.outcome === 'refused') throw placement.error;
      return placement;
    },
    async placeOrRefuse(order, how) {
      const [placement] = await placing.placeAll([order], how);
      if (!placement) throw new Error(`order ${order.orderId} was not placed`);
      return told(placement);
    },
    placeAll: async (orders, how) => (await placing.placeAll(orders, how)).map(told),
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
