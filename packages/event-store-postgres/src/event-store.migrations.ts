import type { Migration } from '@hub/sql';
import { eventStoreSchema } from './schema.sql.ts';

/** The event store's tables and functions; the composition root runs them with `runMigrations`. */
export const eventStoreMigrations: readonly Migration[] = [{ id: 'event-store/0001-events', sql: eventStoreSchema }];
