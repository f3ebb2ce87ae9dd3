import { type EventStore, eventStoreContract } from '@hub/event-store';
import { provideEventStoreDb } from '@hub/testing';
import { suite } from 'uvu';
import { createEsdbEventStore } from './esdb-event-store.ts';

// A server from ESDB_URL or a container; without either the contract is skipped, loudly, never
// run against a fake: a fake would only prove the fake.
const server = await provideEventStoreDb();
const skipReason = 'skipped' in server ? server.skipped : await unreachableReason(server.url);

/** ESDB_URL may carry credentials; a skip reason is printed, so they are masked. */
const withoutCredentials = (url: string) => url.replace(/\/\/[^/@]*@/, '//***@');

async function unreachableReason(url: string): Promise<string | undefined> {
  const probe = createEsdbEventStore({ connectionString: url });
  try {
    const health = await probe.health();
    return health.ok
      ? undefined
      : `the server at ${withoutCredentials(url)} does not answer: ${health.detail ?? 'no detail'}`;
  } finally {
    await probe.close();
  }
}

if (skipReason !== undefined) {
  if (!('skipped' in server)) await server.stop();
  process.stderr.write(
    `KurrentDB contract SKIPPED: none of its ${eventStoreContract.length} cases ran against a server. Reason: ${skipReason}\n`,
  );
  const skipped = suite(`KurrentDB skipped: ${skipReason}`);
  for (const c of eventStoreContract) skipped.skip(c.name, () => {});
  skipped.run();
} else if (!('skipped' in server)) {
  const contract = suite('KurrentDB event store: the event store contract', { stores: [] as EventStore[] });
  const open = (stores: EventStore[]) => {
    const store = createEsdbEventStore({ connectionString: server.url });
    stores.push(store);
    return store;
  };
  contract.after(async ({ stores }) => {
    await Promise.all(stores.map((store) => store.close()));
    await server.stop();
  });
  for (const c of eventStoreContract) {
    contract(c.name, async ({ stores }) => {
      await c.run({ store: open(stores), reopen: async () => open(stores) });
    });
  }
  contract.run();
}
