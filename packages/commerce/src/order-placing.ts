import { fold } from '@hub/decider';
import { HubError, isHubError } from '@hub/errors';
import type { EventStore, StreamAppend } from '@hub/event-store';
import { type Actor, decodeEvent, encodeEvent, orderStream } from '@hub/events';
import { uuidV5 } from '@hub/interactions';
import { isOrderEvent, type OrderState, orderDecider, type PlaceOrder } from './order.decider.ts';
import type { CustomerResolver, OrderToPlace, PlaceOutcome } from './order-desk.ts';

/** Orders placed together at most: one read, one buyers' resolution and one append each. */
export const PLACING_RUN = 250;

/** Tries of one order after losing the race for its stream to another writer (as `handleCommand`). */
const RACE_RETRIES = 3;

type Contact = Parameters<CustomerResolver>[0];
export type CustomersResolver = (contacts: readonly Contact[]) => Promise<readonly { readonly customerId: string }[]>;

/** A placement before it is told: a refusal keeps its error, which `place` throws as it is. */
export type Placement =
  | Exclude<PlaceOutcome, { outcome: 'refused' }>
  | { readonly outcome: 'refused'; readonly orderId: string; readonly error: HubError };

interface How {
  readonly actor: Actor;
  readonly source: 'api' | 'csv';
}

/** The order's own refusals; an outage, a bug or a denied caller is thrown instead. */
export const isRefusal = (error: unknown): error is HubError =>
  isHubError(error) && error.httpStatus < 500 && error.httpStatus !== 401 && error.httpStatus !== 403;

/** Event ids derive from the order id (and a return's or refund's own id): a retry writes nothing twice. */
export const orderContext = (orderId: string, key: string, at: string) => ({
  id: uuidV5(`order:${orderId}:${key}`),
  occurredAt: new Date(at),
  correlationId: `order:${orderId}`,
});

const placeCommand = (order: OrderToPlace, customerId: string, how: How): PlaceOrder => ({
  kind: 'PlaceOrder',
  orderId: order.orderId,
  customerId,
  placedAt: order.placedAt,
  currency: order.currency,
  lines: order.lines,
  source: how.source,
  actor: how.actor,
});

const refused = (order: OrderToPlace, error: HubError): Placement => ({
  outcome: 'refused',
  orderId: order.orderId,
  error,
});

/** Runs of orders placed together: a repeated order id starts a new run, to meet the order placed before it. */
function runsOf(orders: readonly OrderToPlace[]): OrderToPlace[][] {
  const runs: OrderToPlace[][] = [];
  let run: OrderToPlace[] = [];
  let ids = new Set<string>();
  for (const order of orders) {
    if (ids.has(order.orderId) || run.length >= PLACING_RUN) {
      runs.push(run);
      run = [];
      ids = new Set();
    }
    run.push(order);
    ids.add(order.orderId);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Places orders with the outcomes placing them one by one gives, a run at a time: the run's order
 * streams read in one call and each order decided on its own (an order placed already is a
 * duplicate or a conflict before anything else is looked up), the products and then the buyers of
 * the rest looked up together, and every new order appended in one `appendToStreams` at the
 * revision read. An order another writer placed between the read and the append is found in the
 * append's answer (its event id is the same: already appended) and decided again on what is there;
 * a run the store refuses (another writer's revision, a deleted stream) is placed again one by one.
 */
export function orderPlacing(deps: {
  readonly store: EventStore;
  readonly resolveCustomers: CustomersResolver;
  readonly unknownProducts: (productIds: readonly string[]) => Promise<string[]>;
}) {
  const { store } = deps;

  const loadOrders = async (orders: readonly OrderToPlace[]) =>
    (await store.readStreams(orders.map((o) => orderStream(o.orderId)))).map((recorded) => ({
      state: fold(orderDecider, recorded.map(decodeEvent).filter(isOrderEvent)),
      revision: recorded.at(-1)?.revision ?? -1,
    }));

  /** An order placed already: the same one again is a duplicate, other content a refusal. */
  const againstPlaced = (order: OrderToPlace, state: OrderState, how: How): Placement | undefined => {
    if (!state.order) return undefined;
    try {
      orderDecider.decide(placeCommand(order, state.order.customerId, how), state);
      return { outcome: 'duplicate', orderId: order.orderId, customerId: state.order.customerId };
    } catch (error) {
      if (isRefusal(error)) return refused(order, error);
      throw error;
    }
  };

  /** Why an order not placed yet cannot be, before its buyer is resolved. */
  const refusalOf = (order: OrderToPlace, unknown: ReadonlySet<string>): Placement | undefined => {
    const missing = [...new Set(order.lines.map((line) => line.productId))].filter((id) => unknown.has(id));
    if (missing.length > 0) {
      const detail = `unknown product ${missing.join(', ')}: define it first (PUT /v1/products)`;
      return refused(order, new HubError('INVALID_INPUT', detail, { field: 'lines' }));
    }
    if (order.buyer.identifiers.length === 0) {
      const detail = 'the order names no customer: give an email, a phone or a customer id';
      return refused(order, new HubError('INVALID_INPUT', detail, { field: 'customer' }));
    }
    return undefined;
  };

  /**
   * A run, or, when the store or the resolution refuses it as a whole (another writer's revision,
   * a deleted stream, a refusal of one buyer), each of its orders alone, to tell whose it is; one
   * order that lost the race for its stream is decided again on what is there now.
   */
  async function placeRunOrSplit(run: readonly OrderToPlace[], how: How, attempt = 0): Promise<Placement[]> {
    try {
      return await placeRun(run, how, attempt);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      if (run.length > 1) {
        const placements: Placement[] = [];
        for (const order of run) placements.push(...(await placeRunOrSplit([order], how)));
        return placements;
      }
      if (isHubError(error, 'WRONG_EXPECTED_REVISION') && attempt < RACE_RETRIES)
        return placeRunOrSplit(run, how, attempt + 1);
      return run.map((order) => refused(order, error));
    }
  }

  async function placeRun(run: readonly OrderToPlace[], how: How, attempt: number): Promise<Placement[]> {
    const loaded = await loadOrders(run);
    const placements = run.map((order, i) => againstPlaced(order, loaded[i]?.state ?? orderDecider.initialState, how));
    const unplaced = run.filter((_, i) => placements[i] === undefined);
    const unknown = new Set(await deps.unknownProducts(unplaced.flatMap((o) => o.lines.map((l) => l.productId))));
    run.forEach((order, i) => {
      placements[i] ??= refusalOf(order, unknown);
    });
    const open = run.flatMap((order, i) => (placements[i] === undefined ? [{ order, i }] : []));
    if (open.length === 0) return placements as Placement[];

    const customers = await deps.resolveCustomers(
      open.map(({ order }) => ({
        sourceId: `order:${order.orderId}`,
        identifiers: order.buyer.identifiers,
        occurredAt: order.placedAt,
        channel: 'generic',
        displayName: order.buyer.displayName,
      })),
    );
    const decided = open.map(({ order, i }, k) => {
      const customerId = customers[k]?.customerId as string;
      const { state, revision } = loaded[i] ?? { state: orderDecider.initialState, revision: -1 };
      const events = orderDecider.decide(placeCommand(order, customerId, how), state);
      const append: StreamAppend = {
        streamId: orderStream(order.orderId),
        events: events.map((event) => encodeEvent(event, orderContext(order.orderId, event.type, order.placedAt))),
        expectedRevision: revision === -1 ? 'no_stream' : revision,
      };
      return { order, i, customerId, append };
    });
    const results = await store.appendToStreams(decided.map((d) => d.append));

    // Already appended: another writer placed the order since the read, with the same event id
    // whatever its content. What it placed decides: the same order, or a conflict.
    const raced = decided.filter((_, k) => results[k]?.alreadyAppended);
    const racedStates = raced.length > 0 ? await loadOrders(raced.map((d) => d.order)) : [];
    let r = 0;
    for (const [k, { order, i, customerId }] of decided.entries()) {
      if (!results[k]?.alreadyAppended) {
        placements[i] = { outcome: 'created', orderId: order.orderId, customerId };
        continue;
      }
      const found = againstPlaced(order, racedStates[r++]?.state ?? orderDecider.initialState, how);
      if (found) placements[i] = found;
      else if (attempt < RACE_RETRIES) placements[i] = (await placeRunOrSplit([order], how, attempt + 1))[0];
      else throw new Error(`order ${order.orderId} reads as not placed though the store holds its event`);
    }
    return placements as Placement[];
  }

  return {
    /** Places orders in order; see `orderPlacing`. */
    async placeAll(orders: readonly OrderToPlace[], how: How): Promise<Placement[]> {
      const placements: Placement[] = [];
      for (const run of runsOf(orders)) placements.push(...(await placeRunOrSplit(run, how)));
      return placements;
    },
  };
}
