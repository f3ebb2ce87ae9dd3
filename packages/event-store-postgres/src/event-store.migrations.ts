import type { Migration } from '@hub/sql';
import { appendManySchema } from './append-many.sql.ts';
import { eventStoreSchema } from './schema.sql.ts';

/** The event store's tables and functions; the composition root runs them with `runMigrations`. */
export const eventStoreMigrations: readonly Migration[] = [
  { id: 'event-store/0001-events', sql: eventStoreSchema },
  { id: 'event-store/0002-append-many-expected-revisions', sql: appendManySchema },
];
