import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type Migration, MigrationChecksumError, runMigrations } from './migrations.ts';
import { openPGlite } from './pglite-database.ts';
import { connectPostgres } from './postgres-database.ts';
import type { SqlDatabase } from './sql-database.ts';

// Each migration creates a schema (what collided in pg_namespace when processes started together)
// and writes down that it ran: a migration applied twice leaves two rows.
const migrations: readonly Migration[] = [
  {
    id: 'shop/0001-orders',
    sql: `CREATE SCHEMA IF NOT EXISTS shop;
      CREATE TABLE IF NOT EXISTS shop.ran (id text NOT NULL);
      CREATE TABLE IF NOT EXISTS shop.orders (order_id text PRIMARY KEY);
      INSERT INTO shop.ran VALUES ('shop/0001-orders');`,
  },
  {
    id: 'billing/0001-invoices',
    sql: `CREATE SCHEMA IF NOT EXISTS billing;
      CREATE TABLE IF NOT EXISTS billing.invoices (invoice_id text PRIMARY KEY);
      INSERT INTO shop.ran VALUES ('billing/0001-invoices');`,
  },
  {
    id: 'shop/0002-order-total',
    sql: `ALTER TABLE shop.orders ADD COLUMN total numeric NOT NULL DEFAULT 0;
      INSERT INTO shop.ran VALUES ('shop/0002-order-total');`,
  },
];

const ranCounts = (db: SqlDatabase) =>
  db.query<{ id: string; n: number }>('SELECT id, count(*)::int AS n FROM shop.ran GROUP BY id ORDER BY id');
const recorded = (db: SqlDatabase) => db.query<{ id: string }>('SELECT id FROM hub_migrations.applied ORDER BY id');

const lines: { fields: Record<string, unknown>; message: string }[] = [];
const logger = { info: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }) };

const postgres = suite<{ database: TestDatabase }>('versioned migrations on PostgreSQL');
postgres.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'sql_migrations' });
  lines.length = 0;
});
postgres.after.each(async ({ database }) => database.drop());

postgres(
  '8 processes migrating an empty database at once all succeed, each migration applied once',
  async ({ database }) => {
    const processes = Array.from({ length: 8 }, () => connectPostgres({ url: database.url, maxConnections: 1 }));
    try {
      const results = await Promise.all(processes.map((db) => runMigrations(db, migrations, { logger })));
      assert.equal(
        results.flatMap((r) => r.applied).sort(),
        migrations.map((m) => m.id).sort(),
        'one process applied each migration',
      );
      const [first] = processes;
      if (!first) throw new Error('no connection');
      assert.equal(await ranCounts(first), [
        { id: 'billing/0001-invoices', n: 1 },
        { id: 'shop/0001-orders', n: 1 },
        { id: 'shop/0002-order-total', n: 1 },
      ]);
      assert.equal(
        lines.map((l) => [l.fields.migration, l.message]),
        migrations.map((m) => [m.id, 'migration applied']),
        'each applied migration logged once, in order',
      );
    } finally {
      await Promise.all(processes.map((db) => db.close()));
    }
  },
);

postgres('a second start applies nothing and changes nothing', async ({ database }) => {
  const db = connectPostgres({ url: database.url });
  try {
    await runMigrations(db, migrations);
    const before = await recorded(db);
    assert.equal(await runMigrations(db, migrations, { logger }), { applied: [] });
    assert.equal(await recorded(db), before);
    assert.equal(
      (await ranCounts(db)).map((r) => r.n),
      [1, 1, 1],
    );
    assert.equal(lines, [], 'nothing logged as applied');
  } finally {
    await db.close();
  }
});

postgres('a new migration at the end is applied alone on the next start', async ({ database }) => {
  const db = connectPostgres({ url: database.url });
  try {
    await runMigrations(db, migrations.slice(0, 2));
    assert.equal(await runMigrations(db, migrations), { applied: ['shop/0002-order-total'] });
  } finally {
    await db.close();
  }
});

postgres(
  'an applied migration that was edited refuses to start, naming it, and applies nothing',
  async ({ database }) => {
    const db = connectPostgres({ url: database.url });
    try {
      await runMigrations(db, migrations.slice(0, 2));
      const edited = migrations.map((m) =>
        m.id === 'billing/0001-invoices' ? { ...m, sql: m.sql.replace('invoice_id', 'invoice_no') } : m,
      );
      try {
        await runMigrations(db, edited);
        assert.unreachable('an edited migration was accepted');
      } catch (error) {
        assert.instance(error, MigrationChecksumError);
        assert.match(String(error), /billing\/0001-invoices was edited after it was applied/);
      }
      assert.equal(
        (await recorded(db)).map((r) => r.id),
        ['billing/0001-invoices', 'shop/0001-orders'],
        'the migration after it was not applied either',
      );
      const [column] = await db.query(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = 'shop' AND column_name = 'total'",
      );
      assert.is(column, undefined);
    } finally {
      await db.close();
    }
  },
);

postgres('a migration that fails leaves nothing behind: no table, no record', async ({ database }) => {
  const db = connectPostgres({ url: database.url });
  try {
    const broken = [...migrations, { id: 'shop/0003-broken', sql: 'ALTER TABLE shop.no_such_table ADD COLUMN x int' }];
    try {
      await runMigrations(db, broken);
      assert.unreachable('a failing migration was recorded');
    } catch (error) {
      assert.match(String(error), /no_such_table/);
    }
    const [schema] = await db.query("SELECT 1 FROM pg_namespace WHERE nspname = 'shop'");
    assert.is(schema, undefined, 'the migrations before it were rolled back with it');
  } finally {
    await db.close();
  }
});

postgres.run();

const pglite = suite('versioned migrations on PGlite (the embedded default)');

pglite('applied once though started several times at once; then a no-op; an edited one refused', async () => {
  const db = await openPGlite();
  try {
    const results = await Promise.all([1, 2, 3].map(() => runMigrations(db, migrations)));
    assert.equal(
      results.flatMap((r) => r.applied),
      migrations.map((m) => m.id),
    );
    assert.equal(
      (await ranCounts(db)).map((r) => r.n),
      [1, 1, 1],
    );
    assert.equal(await runMigrations(db, migrations), { applied: [] });
    const edited = [{ id: 'shop/0001-orders', sql: 'SELECT 1' }];
    try {
      await runMigrations(db, edited);
      assert.unreachable('an edited migration was accepted');
    } catch (error) {
      assert.instance(error, MigrationChecksumError);
    }
  } finally {
    await db.close();
  }
});

pglite('a migration listed twice is refused before anything runs', async () => {
  const db = await openPGlite();
  try {
    const [first] = migrations;
    if (!first) throw new Error('no migration');
    try {
      await runMigrations(db, [first, first]);
      assert.unreachable('a duplicate id was accepted');
    } catch (error) {
      assert.match(String(error), /shop\/0001-orders is listed twice/);
    }
  } finally {
    await db.close();
  }
});

pglite.run();
