import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore } from '@hub/event-store-postgres';
import { silentLogger } from '@hub/logger';
import { type ProjectionDefinition, runProjection } from '@hub/projections';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildApp } from './app.ts';
import { hubMigrations } from './hub.migrations.ts';

// On real PostgreSQL: a read-model constraint refuses a page; readiness reports the projection
// stalled with its lag, then, the constraint dropped, the projection recovers without restart.
interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
}

const health = suite<Context>('readiness tells a stalled projection, with its lag, and its recovery');

health.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'projection_health' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 4 });
  await runMigrations(context.db, hubMigrations);
  await context.db.exec('CREATE TABLE noted (event_id text PRIMARY KEY, n integer CHECK (n <> 30))');
  context.store = createPostgresEventStore(context.db);
});

health.after.each(async ({ db, database }) => {
  await db.close();
  await database.drop();
});

const noting: ProjectionDefinition = {
  name: 'noting',
  readModel: { schema: 'public', tables: ['noted'] },
  async apply(tx, event) {
    await tx.query('INSERT INTO noted (event_id, n) VALUES ($1, $2)', [event.id, (event.data as { n: number }).n]);
  },
};

health(
  '503 while stalled, naming the error code and the events behind; 200 once it has caught up',
  async ({ db, store }) => {
    for (let n = 0; n < 50; n++) {
      await store.appendToStream(`customer-${n % 3}`, [
        { id: crypto.randomUUID(), type: 'Noted', schemaVersion: 1, data: { n }, occurredAt: new Date() },
      ]);
    }
    const projection = await runProjection({ db, store, logger: silentLogger() }, noting, {
      batchSize: 10,
      retryBackoff: { baseMs: 20, maxMs: 100 },
      lagCacheMs: 0,
    });
    const app = await buildApp({
      logger: silentLogger(),
      dependencies: [],
      healthRateLimitPerMinute: 1000,
      projections: [projection],
      projectionStallMs: 300,
    });
    const ready = async () => {
      const response = await app.inject({ method: 'GET', url: '/health/ready' });
      return { code: response.statusCode, body: response.json() };
    };

    const stalled = await waitFor(async () => ((await ready()).code === 503 ? ready() : undefined), {
      timeoutMs: 10_000,
      what: 'readiness to fail on the stalled projection',
    });
    const report = stalled.body.projections.noting;
    assert.is(stalled.body.status, 'degraded');
    assert.is(report.state, 'retrying');
    assert.is(report.stalled, true);
    assert.is(report.lastErrorCode, '23514');
    assert.ok(report.attempts >= 2, `${report.attempts} attempts`);
    assert.is(report.lag.events, 20, 'the failed page and the one after it');
    assert.ok(report.lag.oldestUnprojectedAgeSeconds > 0);
    assert.is(Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM noted'))[0]?.n), 30);
    assert.is((await app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200, 'alive all the same');

    await db.exec('ALTER TABLE noted DROP CONSTRAINT noted_n_check');
    await projection.caughtUp();
    const recovered = await ready();
    assert.is(recovered.code, 200);
    assert.equal(recovered.body.projections.noting.lag, { events: 0, atLeast: false, oldestUnprojectedAgeSeconds: 0 });
    assert.is(recovered.body.projections.noting.state, 'caught-up');
    const counts = await db.query<{ n: string; distinct: string }>(
      'SELECT count(*) AS n, count(DISTINCT n) AS distinct FROM noted',
    );
    assert.equal(counts, [{ n: '50', distinct: '50' }], 'every event applied once');
    await app.close();
    await projection.stop();
  },
);

health.run();
