export { migrateEventStore } from './migrate.ts';
export { createPostgresEventStore, type PostgresEventStoreSettings } from './postgres-event-store.ts';
