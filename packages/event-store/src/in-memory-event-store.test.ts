import { suite } from 'uvu';
import { eventStoreContract, transactionalStoreContract } from './contract/index.ts';
import { createInMemoryEventStore } from './in-memory-event-store.ts';

// The in-memory store is the reference: the contract must hold for it before any real backend.
const contract = suite('in-memory event store: the event store contract');
const store = createInMemoryEventStore();
for (const c of [...eventStoreContract, ...transactionalStoreContract])
  contract(c.name, () => c.run({ store, reopen: async () => store }));
contract.run();
