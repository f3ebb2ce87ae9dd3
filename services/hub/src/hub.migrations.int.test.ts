import { connectPostgres, openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hubMigrations } from './hub.migrations.ts';

const ids = hubMigrations.map((m) => m.id);
const recorded = async (db: SqlDatabase) =>
  (await db.query<{ id: string }>('SELECT id FROM hub_migrations.applied ORDER BY id')).map((r) => r.id);

const list = suite('the hub migrations list');

list('every id is unique and named <owner>/<number>-<what>', () => {
  assert.is(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[a-z-]+\/\d{4}-[a-z0-9-]+$/, id);
});

list.run();

const postgres = suite<{ database: TestDatabase }>('the hub migrations on PostgreSQL');
postgres.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'hub_migrations' });
});
postgres.after.each(async ({ database }) => database.drop());

postgres(
  '8 processes starting at once on an empty database all succeed; each migration applied once',
  async ({ database }) => {
    const processes = Array.from({ length: 8 }, () => connectPostgres({ url: database.url, maxConnections: 1 }));
    try {
      const results = await Promise.all(processes.map((db) => runMigrations(db, hubMigrations)));
      assert.equal(results.flatMap((r) => r.applied).sort(), [...ids].sort());
      const [first] = processes;
      if (!first) throw new Error('no connection');
      assert.equal(await recorded(first), [...ids].sort());
    } finally {
      await Promise.all(processes.map((db) => db.close()));
    }
  },
);

/**
 * A database made by a version before versioned migrations: each store ran its schema when made,
 * so the tables (and rows) are there and `hub_migrations` is not.
 */
const upgradesInPlace = async (db: SqlDatabase) => {
  for (const migration of hubMigrations) await db.exec(migration.sql);
  await db.query("INSERT INTO identity.identifiers VALUES ('hash-of-sara', 'customer-1')");
  assert.equal(await runMigrations(db, hubMigrations), { applied: ids }, 'recorded as applied');
  assert.equal(await recorded(db), [...ids].sort());
  assert.equal(await db.query('SELECT customer_id FROM identity.identifiers'), [{ customer_id: 'customer-1' }]);
  assert.equal(await runMigrations(db, hubMigrations), { applied: [] }, 'and a no-op from then on');
};

postgres('a database made before versioned migrations upgrades in place, its rows kept', async ({ database }) => {
  const db = connectPostgres({ url: database.url });
  try {
    await upgradesInPlace(db);
  } finally {
    await db.close();
  }
});

postgres.run();

const pglite = suite('the hub migrations on PGlite');

pglite('a database made before versioned migrations upgrades in place, its rows kept', async () => {
  const db = await openPGlite();
  try {
    await upgradesInPlace(db);
  } finally {
    await db.close();
  }
});

pglite.run();
