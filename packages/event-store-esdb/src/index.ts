export { createEsdbEventStore } from './esdb-event-store.ts';
