import type { SqlDatabase } from '@hub/sql';
import { eventStoreSchema } from './schema.sql.ts';

/** Any number of processes may start at once: the advisory lock lets one migrate at a time. */
export async function migrateEventStore(db: SqlDatabase): Promise<void> {
  if (db.dialect === 'pglite') {
    await db.exec(eventStoreSchema);
    return;
  }
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('event_store.migrate'))");
    await tx.query(eventStoreSchema);
  });
}
