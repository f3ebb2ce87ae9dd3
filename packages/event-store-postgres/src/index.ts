export { countEvents } from './count-events.ts';
export { eventStoreMigrations } from './event-store.migrations.ts';
export { createPostgresEventStore, type PostgresEventStoreSettings } from './postgres-event-store.ts';
