import { eventStoreContract, transactionalStoreContract } from '@hub/event-store';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import { eventStoreMigrations } from './event-store.migrations.ts';
import { createPostgresEventStore } from './postgres-event-store.ts';

const contract = suite('PostgreSQL event store: the event store contract', {} as { databases: SqlDatabase[] });
const database = await createTestDatabase({ prefix: 'es_contract' });
const open = async (context: { databases: SqlDatabase[] }) => {
  const db = connectPostgres({ url: database.url, maxConnections: 12 });
  context.databases.push(db);
  await runMigrations(db, eventStoreMigrations);
  return createPostgresEventStore(db);
};

contract.before(async (context) => {
  context.databases = [];
});
contract.after(async (context) => {
  await Promise.all(context.databases.map((db) => db.close()));
  await database.drop();
});

for (const c of [...eventStoreContract, ...transactionalStoreContract]) {
  contract(c.name, async (context) => {
    const store = await open(context);
    await c.run({ store, reopen: () => open(context) });
  });
}

contract.run();
