import { createInMemoryEventStore, type EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { type CustomerIdentifier, orderStream } from '@hub/events';
import { uuidV5 } from '@hub/interactions';
import { openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type CustomerResolver, createOrderDesk, type OrderDesk, type OrderToPlace } from './order-desk.ts';

// Placing orders a batch at a time (an import) against the one-by-one path, on the in-memory store
// and on PostgreSQL (PGlite): the same outcomes, the same streams, other writers racing the batch.

const how = { actor: { kind: 'system', process: 'orders-import' }, source: 'csv' } as const;
const email = (local: string): CustomerIdentifier => ({ kind: 'email', value: `${local}@shop.example` });

const order = (
  orderId: string,
  buyer: CustomerIdentifier[],
  lines = [{ productId: 'tea', quantity: 2, unitAmount: '4.50' }],
  currency = 'EUR',
): OrderToPlace => ({
  orderId,
  placedAt: '2026-04-01T09:00:00Z',
  currency,
  buyer: { identifiers: buyer, displayName: null },
  lines,
});

/** The writer's resolution in miniature: an identifier's owner, else a customer derived from the source. */
function fakeResolution() {
  const owners = new Map<string, string>();
  const calls = { one: 0, batch: 0 };
  const resolve: CustomerResolver = async (contact) => {
    const known = contact.identifiers.map((i) => owners.get(i.value)).find(Boolean);
    const customerId = known ?? uuidV5(`customer:${contact.sourceId}`);
    for (const i of contact.identifiers) if (!owners.has(i.value)) owners.set(i.value, customerId);
    return { customerId };
  };
  return {
    calls,
    resolveCustomer: async (contact: Parameters<CustomerResolver>[0]) => {
      calls.one++;
      return resolve(contact);
    },
    resolveCustomers: async (contacts: readonly Parameters<CustomerResolver>[0][]) => {
      calls.batch++;
      const customers = [];
      for (const contact of contacts) customers.push(await resolve(contact));
      return customers;
    },
  };
}

interface World {
  readonly store: EventStore;
  readonly close: () => Promise<void>;
}

const backends: Record<string, () => Promise<World>> = {
  memory: async () => ({ store: createInMemoryEventStore(), close: async () => {} }),
  PGlite: async () => {
    const db: SqlDatabase = await openPGlite();
    await runMigrations(db, eventStoreMigrations);
    return { store: createPostgresEventStore(db), close: () => db.close() };
  },
};

async function deskOn(store: EventStore, batched = true) {
  const resolution = fakeResolution();
  const desk = createOrderDesk({
    store,
    resolveCustomer: resolution.resolveCustomer,
    ...(batched ? { resolveCustomers: resolution.resolveCustomers } : {}),
  });
  for (const productId of ['tea', 'cup']) {
    await desk.defineProduct({
      productId,
      name: productId,
      category: null,
      actor: how.actor,
      at: '2026-01-01T00:00:00Z',
    });
  }
  return { desk, calls: resolution.calls };
}

const brief = (outcomes: Awaited<ReturnType<OrderDesk['placeAll']>>) =>
  outcomes.map((o) => (o.outcome === 'refused' ? [o.orderId, o.outcome, o.code] : [o.orderId, o.outcome]));

for (const [backend, open] of Object.entries(backends)) {
  const placing = suite(`placing orders a batch at a time (${backend})`);

  placing('a batch gives every order the outcome, the customer and the stream that one by one gives', async () => {
    const together = await open();
    const apart = await open();
    const before = [order('SO-X', [email('x')]), order('SO-Y', [email('y')])];
    const orders = [
      order('N-1', [email('a')]),
      order('N-2', [email('a')], [{ productId: 'cup', quantity: 1, unitAmount: '12' }]),
      order('SO-X', [email('x')]),
      order('SO-Y', [email('y')], [{ productId: 'cup', quantity: 1, unitAmount: '12' }]),
      order('N-3', [email('b')], [{ productId: 'kettle', quantity: 1, unitAmount: '30' }]),
      order('N-4', []),
      order('N-1', [email('a')]),
      order('N-2', [email('a')], [{ productId: 'cup', quantity: 1, unitAmount: '12' }], 'USD'),
      order('N-5', [email('c')]),
    ];
    const batched = await deskOn(together.store);
    const single = await deskOn(apart.store, false);
    for (const o of before) {
      await batched.desk.place(o, how);
      await single.desk.place(o, how);
    }
    const all = await batched.desk.placeAll(orders, how);
    const oneByOne = [];
    for (const o of orders) oneByOne.push(await single.desk.placeOrRefuse(o, how));
    assert.equal(all, oneByOne);
    assert.equal(brief(all), [
      ['N-1', 'created'],
      ['N-2', 'created'],
      ['SO-X', 'duplicate'],
      ['SO-Y', 'refused', 'ORDER_CONFLICT'],
      ['N-3', 'refused', 'INVALID_INPUT'],
      ['N-4', 'refused', 'INVALID_INPUT'],
      ['N-1', 'duplicate'],
      ['N-2', 'refused', 'ORDER_CONFLICT'],
      ['N-5', 'created'],
    ]);
    for (const id of ['N-1', 'N-2', 'N-3', 'N-4', 'N-5', 'SO-Y']) {
      const stream = orderStream(id);
      const written = (await together.store.readStream(stream)).map((e) => [e.id, e.type, e.data]);
      assert.equal(
        written,
        (await apart.store.readStream(stream)).map((e) => [e.id, e.type, e.data]),
        id,
      );
    }
    await together.close();
    await apart.close();
  });

  placing('250 new orders: one read of their streams, one resolution of their buyers, one append', async () => {
    const world = await open();
    const counts = { readStream: 0, readStreams: 0, appendToStream: 0, appendToStreams: 0 };
    const counting =
      <Args extends unknown[], Result>(name: keyof typeof counts, call: (...args: Args) => Result) =>
      (...args: Args) => {
        counts[name]++;
        return call(...args);
      };
    const { store } = world;
    const counted: EventStore = {
      ...store,
      readStream: counting('readStream', store.readStream),
      readStreams: counting('readStreams', store.readStreams),
      appendToStream: counting('appendToStream', store.appendToStream),
      appendToStreams: counting('appendToStreams', store.appendToStreams),
    };
    const { desk, calls } = await deskOn(counted);
    Object.assign(counts, { readStream: 0, readStreams: 0, appendToStream: 0, appendToStreams: 0 });
    const orders = Array.from({ length: 250 }, (_, n) => order(`B-${n}`, [email(`buyer-${n % 40}`)]));
    const outcomes = await desk.placeAll(orders, how);
    assert.ok(outcomes.every((o) => o.outcome === 'created'));
    assert.equal(counts, { readStream: 0, readStreams: 1, appendToStream: 0, appendToStreams: 1 });
    assert.equal(calls, { one: 0, batch: 1 });
    const again = await desk.placeAll(orders, how);
    assert.ok(
      again.every((o) => o.outcome === 'duplicate'),
      'placed again: every one a duplicate',
    );
    assert.equal(counts, { readStream: 0, readStreams: 2, appendToStream: 0, appendToStreams: 1 });
    await world.close();
  });

  placing(
    'orders another request places between the batch read and its append: a duplicate if the same, ORDER_CONFLICT if not, the rest placed',
    async () => {
      const world = await open();
      const other = await deskOn(world.store);
      let raced = false;
      const racing: EventStore = {
        ...world.store,
        async appendToStreams(appends) {
          if (!raced && appends.some((a) => a.streamId === orderStream('R-2'))) {
            raced = true;
            await other.desk.place(
              order('R-2', [email('r2')], [{ productId: 'cup', quantity: 5, unitAmount: '1' }]),
              how,
            );
            await other.desk.place(order('R-3', [email('r3')]), how);
          }
          return world.store.appendToStreams(appends);
        },
      };
      const { desk } = await deskOn(racing);
      const outcomes = await desk.placeAll(
        ['R-1', 'R-2', 'R-3', 'R-4'].map((id) => order(id, [email(id.toLowerCase())])),
        how,
      );
      assert.ok(raced, 'the other request ran between the read and the append');
      assert.equal(brief(outcomes), [
        ['R-1', 'created'],
        ['R-2', 'refused', 'ORDER_CONFLICT'],
        ['R-3', 'duplicate'],
        ['R-4', 'created'],
      ]);
      const r2 = await world.store.readStream(orderStream('R-2'));
      assert.equal(
        r2.map((e) => (e.data as { lines: { quantity: number }[] }).lines.map((l) => l.quantity)),
        [[5]],
        "R-2 holds the other request's order, once",
      );
      for (const id of ['R-1', 'R-3', 'R-4']) assert.is((await world.store.readStream(orderStream(id))).length, 1, id);
      await world.close();
    },
  );

  placing('a stream the store refuses fails its own order only: the rest of the batch is placed', async () => {
    const world = await open();
    const { desk } = await deskOn(world.store);
    await world.store.deleteStream(orderStream('D-2'), { permanent: true });
    const outcomes = await desk.placeAll(
      ['D-1', 'D-2', 'D-3'].map((id) => order(id, [email(id)])),
      how,
    );
    assert.equal(brief(outcomes), [
      ['D-1', 'created'],
      ['D-2', 'refused', 'STREAM_DELETED'],
      ['D-3', 'created'],
    ]);
    await world.close();
  });

  placing.run();
}
