export { AppendSignal } from './append-signal.ts';
export { type CatchUpSettings, type CatchUpSource, subscribeByPolling } from './catch-up-subscription.ts';
export {
  type ContractCase,
  type ContractHarness,
  eventStoreContract,
  transactionalStoreContract,
} from './contract/index.ts';
export { duplicateEventId, storeUnavailable, streamDeleted, wrongExpectedRevision } from './errors.ts';
export type {
  AppendResult,
  DeleteStreamOptions,
  EventFilter,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  StoreHealth,
  StreamAppend,
  SubscribeToAllOptions,
  Subscription,
} from './event-store.port.ts';
export { acceptsRevision, matchesFilter, streamPrefixesOf } from './expected-revision.ts';
export { createInMemoryEventStore } from './in-memory-event-store.ts';
export { createRecentEvents, type RecentEventsSettings, type RecentEventsSource } from './recent-events.ts';
